// Binds the TerminalApi to ipcMain. Adds no logic of its own: it checks who is calling, hands the call to
// services/api/dispatch (which validates name and input), and forwards backend events to the window.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../services/api/contract';
import { displayRefusal, isDisplayEvent, isDisplayHandler } from '../services/api/display';
import { dispatch } from '../services/api/dispatch';
import type { Terminal } from '../services/terminal';
import { isAppUrl } from './app-protocol';

export const CALL_CHANNEL = 'terminal:call';
export const EVENT_CHANNEL = 'terminal:event';

/** The parts of a WebFrameMain the sender check reads. */
export interface FrameLike {
  url: string;
  parent: unknown;
}

/** The parts of a WebContents the event forwarding uses. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * A call is trusted only from the top frame of our kiosk window while it shows our app: not from an
 * iframe, not after the window was somehow navigated elsewhere, not from any other window.
 */
export function isTrustedSender(
  frame: FrameLike | null | undefined,
  mainFrame: FrameLike | null | undefined,
): boolean {
  if (!frame || !mainFrame || frame !== mainFrame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

export interface BindOptions {
  isTrustedSender(frame: FrameLike | null): boolean;
  /** The window's webContents events go to; null while there is no window. */
  eventTarget(): EventSink | null;
  /** The customer display's top frame: it may read the sale (services/api/display.ts), nothing more. */
  isDisplaySender?(frame: FrameLike | null): boolean;
  /** The display window's webContents: it hears the sale's events only; null while there is none. */
  displayTarget?(): EventSink | null;
}

/** Registers the 'terminal:call' handler and event forwarding; the returned function undoes both. */
export function bindTerminalApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  terminal: Pick<Terminal, 'api' | 'subscribe'>,
  options: BindOptions,
): () => void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) =>
    handleCall(terminal, options, event.senderFrame, name, input),
  );
  const unsubscribe = terminal.subscribe((event) => {
    const target = options.eventTarget();
    if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, event);
    const display = isDisplayEvent(event) ? options.displayTarget?.() : null;
    if (display && !display.isDestroyed()) display.send(EVENT_CHANNEL, event);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}

/** One IPC call; exported so tests can drive it without Electron. Never throws. */
export async function handleCall(
  terminal: Pick<Terminal, 'api'>,
  options: Pick<BindOptions, 'isTrustedSender' | 'isDisplaySender'>,
  senderFrame: FrameLike | null,
  name: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  if (!options.isTrustedSender(senderFrame) && options.isDisplaySender?.(senderFrame) === true) {
    if (typeof name !== 'string' || !isDisplayHandler(name)) return displayRefusal(String(name));
    return dispatch(terminal.api, name, input);
  }
  if (!options.isTrustedSender(senderFrame)) {
    const from = senderFrame ? `"${senderFrame.url.slice(0, 120)}"` : 'a frame that no longer exists';
    console.warn(`openlane: refused an IPC call from ${from}`);
    return {
      ok: false,
      error: {
        code: 'forbidden_sender',
        message: `IPC calls are accepted only from the OpenLane window, not ${from}`,
      },
    };
  }
  if (typeof name !== 'string') {
    return {
      ok: false,
      error: { code: 'unknown_handler', message: `Handler name must be a string, got ${typeof name}` },
    };
  }
  return dispatch(terminal.api, name, input);
}
