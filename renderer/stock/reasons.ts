// The adjustment reasons in the order the screen offers them: the contract's list, which the renderer
// may only import as a type, restated and checked against it.
import type { AdjustReason } from '../../services/api/contract';

export const ADJUST_REASONS_SHOWN = [
  'damaged',
  'expired',
  'theft',
  'sample',
  'found',
] as const satisfies readonly AdjustReason[];

// Every reason the backend knows is offered: a reason added there fails the type-check here.
type Missing = Exclude<AdjustReason, (typeof ADJUST_REASONS_SHOWN)[number]>;
export const EVERY_REASON_SHOWN: Missing extends never ? true : never = true;
