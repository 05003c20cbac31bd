// The customer display's window in Electron: which screen it takes, how it is locked down, and that its
// page may read the sale but never act on it (the IPC side, driven without Electron).
import { describe, expect, it } from 'vitest';
import type { TerminalApi, TerminalEvent } from '../services/api/contract';
import { APP_URL, resolveAppAsset } from './app-protocol';
import { DISPLAY_URL, displayScreenFor, displayWindowOptions } from './display-window';
import {
  bindTerminalApi,
  CALL_CHANNEL,
  EVENT_CHANNEL,
  handleCall,
  isTrustedSender,
  type FrameLike,
} from './ipc';

const mainFrame: FrameLike = { url: APP_URL, parent: null };
const displayFrame: FrameLike = { url: DISPLAY_URL, parent: null };
const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
const customer = { id: 7, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } };

describe('the display window', () => {
  it('goes on the first screen that is not the cashier’s, and on none when there is one screen', () => {
    expect(displayScreenFor([laptop, customer], 1)).toBe(customer);
    expect(displayScreenFor([customer, laptop], 1)).toBe(customer);
    expect(displayScreenFor([laptop], 1)).toBeNull();
  });

  it('fills that screen, sandboxed like the till, and never takes the cashier’s keyboard', () => {
    const options = displayWindowOptions({
      isProduction: true,
      preloadPath: '/app/preload.cjs',
      screen: customer,
    });
    expect(options).toMatchObject({
      x: 1366,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
      kiosk: false,
    });
    expect(options.focusable).toBe(false);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('loads the renderer’s own page at openlane://app/display', () => {
    expect(resolveAppAsset(DISPLAY_URL, '/app/dist/renderer')).toBe('/app/dist/renderer/index.html');
    expect(resolveAppAsset(`${DISPLAY_URL}/../../etc/passwd`, '/app/dist/renderer')).not.toBe('/etc/passwd');
  });
});

function terminal() {
  const ran: string[] = [];
  const listeners = new Set<(e: TerminalEvent) => void>();
  const answer = (name: string) => async () => (ran.push(name), { ok: true, value: {} });
  const api = {
    'session.get': answer('session.get'),
    'basket.addScan': answer('basket.addScan'),
    'basket.cancel': answer('basket.cancel'),
    'payment.start': answer('payment.start'),
  } as unknown as TerminalApi;
  return {
    api,
    ran,
    subscribe(listener: (e: TerminalEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event: TerminalEvent) => listeners.forEach((l) => l(event)),
  };
}

describe('the display’s IPC', () => {
  const options = {
    isTrustedSender: (frame: FrameLike | null) => isTrustedSender(frame, mainFrame),
    isDisplaySender: (frame: FrameLike | null) => isTrustedSender(frame, displayFrame),
  };

  it('reads the session, and is refused every handler that acts, before it runs', async () => {
    const backend = terminal();
    expect(await handleCall(backend, options, displayFrame, 'session.get', {})).toMatchObject({ ok: true });
    for (const name of ['basket.addScan', 'basket.cancel', 'payment.start', 'no.such']) {
      const input = name === 'basket.addScan' ? { code: '6901234567892', source: 'keypad' } : {};
      expect(await handleCall(backend, options, displayFrame, name, input)).toMatchObject({
        ok: false,
        error: { code: 'display_read_only' },
      });
    }
    expect(backend.ran).toEqual(['session.get']);
    // The till's own window is not limited by any of this.
    expect(await handleCall(backend, options, mainFrame, 'basket.cancel', {})).toMatchObject({ ok: true });
  });

  it('hears the sale’s events, and not a staff badge offered to the till', () => {
    const backend = terminal();
    const toTill: unknown[][] = [];
    const toDisplay: unknown[][] = [];
    const sink = (into: unknown[][]) => ({
      isDestroyed: () => false,
      send: (...a: unknown[]) => void into.push(a),
    });
    const ipc = { handle: () => undefined, removeHandler: () => undefined };
    bindTerminalApi(ipc as never, backend, {
      ...options,
      eventTarget: () => sink(toTill),
      displayTarget: () => sink(toDisplay),
    });
    const offer = {
      type: 'staff.override',
      offer: { badge: 'STAFF-1', attendantName: 'Li', paymentId: 'p' },
    };
    const changed = { type: 'basket.changed', basket: { id: 'b1' } };
    backend.emit(offer as TerminalEvent);
    backend.emit(changed as TerminalEvent);
    expect(toTill).toEqual([
      [EVENT_CHANNEL, offer],
      [EVENT_CHANNEL, changed],
    ]);
    expect(toDisplay).toEqual([[EVENT_CHANNEL, changed]]);
    expect(CALL_CHANNEL).toBe('terminal:call');
  });
});
