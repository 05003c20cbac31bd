import { describe, expect, it } from 'vitest';
import type { PaymentView, TerminalApi, TerminalEvent } from '../services/api/contract';
import { APP_URL } from './app-protocol';
import {
  bindTerminalApi,
  CALL_CHANNEL,
  EVENT_CHANNEL,
  handleCall,
  isTrustedSender,
  type FrameLike,
} from './ipc';

const mainFrame: FrameLike = { url: APP_URL, parent: null };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window while it shows our app', () => {
    expect(isTrustedSender(mainFrame, mainFrame)).toBe(true);
    const later = { url: 'openlane://app/index.html#/receipt', parent: null };
    expect(isTrustedSender(later, later)).toBe(true);
  });

  it('refuses a frame of another window, even one showing our app', () => {
    expect(isTrustedSender({ url: APP_URL, parent: null }, mainFrame)).toBe(false);
  });

  it('refuses our main frame once it shows anything but our app', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/page.html',
      'openlane://other/index.html',
      'about:blank',
    ]) {
      const navigated = { url, parent: null };
      expect(isTrustedSender(navigated, navigated), url).toBe(false);
    }
  });

  it('refuses sub-frames and frames that are gone', () => {
    const child = { url: APP_URL, parent: mainFrame };
    expect(isTrustedSender(child, child)).toBe(false);
    expect(isTrustedSender(null, mainFrame)).toBe(false);
    expect(isTrustedSender(undefined, mainFrame)).toBe(false);
    expect(isTrustedSender(mainFrame, null)).toBe(false);
  });
});

/** A fake backend whose one real handler counts its calls. */
function fakeTerminal() {
  const listeners = new Set<(e: TerminalEvent) => void>();
  let settingsCalls = 0;
  const api = {
    'settings.get': async () => {
      settingsCalls += 1;
      return { ok: true, value: { storeName: 'Test Market' } };
    },
  } as unknown as TerminalApi;
  return {
    api,
    subscribe(listener: (e: TerminalEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event: TerminalEvent) => listeners.forEach((l) => l(event)),
    listenerCount: () => listeners.size,
    settingsCalls: () => settingsCalls,
  };
}

describe('handleCall', () => {
  const trusted = { isTrustedSender: (frame: FrameLike | null) => isTrustedSender(frame, mainFrame) };

  it('refuses an untrusted sender without running the handler', async () => {
    const terminal = fakeTerminal();
    const result = await handleCall(
      terminal,
      trusted,
      { url: 'https://evil.example/', parent: null },
      'settings.get',
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(!result.ok && result.error.message).toContain('https://evil.example/');
    expect(terminal.settingsCalls()).toBe(0);
  });

  it('passes a trusted call through dispatch, which validates name and input', async () => {
    const terminal = fakeTerminal();
    expect(await handleCall(terminal, trusted, mainFrame, 'settings.get', {})).toEqual({
      ok: true,
      value: { storeName: 'Test Market' },
    });
    expect(await handleCall(terminal, trusted, mainFrame, 'settings.get', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handleCall(terminal, trusted, mainFrame, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_handler' },
    });
    expect(await handleCall(terminal, trusted, mainFrame, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_handler' },
    });
    expect(terminal.settingsCalls()).toBe(1);
  });
});

describe('bindTerminalApi', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    return {
      handlers,
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
  }

  it('answers terminal:call from the window and forwards events until unbound', async () => {
    const ipc = fakeIpcMain();
    const terminal = fakeTerminal();
    const sent: unknown[][] = [];
    let destroyed = false;
    const target = { isDestroyed: () => destroyed, send: (...args: unknown[]) => void sent.push(args) };
    const unbind = bindTerminalApi(ipc as never, terminal, {
      isTrustedSender: (frame) => isTrustedSender(frame, mainFrame),
      eventTarget: () => target,
    });

    const handler = ipc.handlers.get(CALL_CHANNEL);
    expect(await handler?.({ senderFrame: mainFrame }, 'settings.get', {})).toMatchObject({ ok: true });
    expect(await handler?.({ senderFrame: null }, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });

    const event = { type: 'payment.changed', payment: { id: 'p1' } as PaymentView } as const;
    terminal.emit(event);
    expect(sent).toEqual([[EVENT_CHANNEL, event]]);
    destroyed = true;
    terminal.emit(event);
    expect(sent).toHaveLength(1);

    unbind();
    expect(ipc.handlers.has(CALL_CHANNEL)).toBe(false);
    expect(terminal.listenerCount()).toBe(0);
  });
});
