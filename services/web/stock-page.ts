// /stock: the stock screen for a handheld's browser, served by a terminal that does stock work (a
// `stock` terminal, or a counter, which can switch to it) behind the same doors as the rest of the till
// (paired with the access token off loopback). A kiosk's or console's host never serves it: nobody is
// signed in there, and its stock handlers refuse anyway.
import type { TerminalRole } from '../api/contract';
import { staffRunsRole } from '../counter/sign-in-guard';

export const STOCK_PAGE = '/stock';

export const NO_STOCK_WORK_MESSAGE =
  'This terminal does no stock work: open /stock on a counter or a stock terminal of this store';

/** What the host does with a request for the stock page: the renderer's page, or a plain refusal. */
export function stockPageFor(role: TerminalRole | undefined): 'serve' | 'refuse' {
  return role !== undefined && staffRunsRole(role) ? 'serve' : 'refuse';
}
