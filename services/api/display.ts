// What a customer display may see of the terminal: it mirrors the sale for the shopper and can never act
// on it. Both transports (the web host's /display door and Electron's display window) ask this module,
// so the one list of what a display may read and hear lives here.
import type { HandlerName, TerminalEvent } from './contract';

/** The only handlers a display may call: they read, they never change anything. */
export const DISPLAY_HANDLERS: ReadonlySet<HandlerName> = new Set<HandlerName>([
  'session.get',
  'settings.get',
]);

export function isDisplayHandler(name: string): name is HandlerName {
  return (DISPLAY_HANDLERS as ReadonlySet<string>).has(name);
}

/** The refusal a display gets for anything else, the same on both transports. */
export function displayRefusal(name: string): { ok: false; error: { code: string; message: string } } {
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return {
    ok: false,
    error: {
      code: 'display_read_only',
      message: `The customer display only reads the sale; it may not call "${shown}"`,
    },
  };
}

// An allowlist, not a blocklist: a staff badge in an override offer, a scanner's port, or any event
// added later stays off a screen that faces the shopper unless it is named here.
const DISPLAY_EVENTS: ReadonlySet<TerminalEvent['type']> = new Set<TerminalEvent['type']>([
  'basket.changed',
  'payment.changed',
  'sale.completed',
  'session.reset',
  'settings.changed',
]);

/** Whether a backend event may go to a display. */
export function isDisplayEvent(event: TerminalEvent): boolean {
  return DISPLAY_EVENTS.has(event.type);
}
