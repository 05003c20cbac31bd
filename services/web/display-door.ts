// The customer display's door into the web host: /display is the page, /display/api/<name> its calls
// and /display/api/events its event stream. It sits behind the same doors as the till (Host, Origin,
// loopback or access token); past them, a display may only read (services/api/display.ts), and it
// hears only the events about the sale, so a screen that faces the shopper can never act on the sale.
// A browser on the network paired with the display's own token (not the till's) gets this far only.
import type { TerminalEvent } from '../api/contract';
import { isDisplayEvent } from '../api/display';

export const DISPLAY_PAGE = '/display';
export const DISPLAY_API = '/display/api';
export const DISPLAY_EVENTS = `${DISPLAY_API}/events`;
export const DISPLAY_ONLY_MESSAGE =
  'This browser is paired as a customer display: it may open /display only, not the till.';

/** The display's page is the one renderer bundle, which picks the display by its path. */
export function isDisplayPage(path: string): boolean {
  return path === DISPLAY_PAGE;
}

export function isDisplayApi(path: string): boolean {
  return path === DISPLAY_API || path.startsWith(`${DISPLAY_API}/`);
}

/** The event stream a display hears: the sale's own events, nothing else. */
export function displayListener(send: (event: TerminalEvent) => void): (event: TerminalEvent) => void {
  return (event) => {
    if (isDisplayEvent(event)) send(event);
  };
}

/**
 * What a browser paired only as a customer display may open: the display's page and door, and the
 * renderer's files the page loads (`pass`); the till's start page sends it to /display; anything else
 * of the till — its API above all — is refused.
 */
export function displayPairedMay(method: string, path: string): 'pass' | 'to-display' | 'refuse' {
  if (isDisplayApi(path)) return 'pass';
  const api = path === '/api' || path.startsWith('/api/');
  if (api || (method !== 'GET' && method !== 'HEAD')) return 'refuse';
  return path === '/' ? 'to-display' : 'pass';
}
