/** Payment codes: EMVCo merchant-presented QR (with national schemes) and UPI links. */
export * from './emv';
export * from './upi';
