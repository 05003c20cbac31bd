// The customer display's door into the web host: /display is the page, /display/api/<name> its calls
// and /display/api/events its event stream. It sits behind the same doors as the till (Host, Origin,
// loopback or access token); past them, a display may only read (services/api/display.ts), and it
// hears only the events about the sale, so a screen that faces the shopper can never act on the sale.
import type { TerminalEvent } from '../api/contract';
import { isDisplayEvent } from '../api/display';

export const DISPLAY_PAGE = '/display';
export const DISPLAY_API = '/display/api';
export const DISPLAY_EVENTS = `${DISPLAY_API}/events`;

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
