/** Refunds (issue 12): what a sale's lines cost the shopper, and what a refund of them gives back, how. */
export * from './paid';
export * from './quote';
