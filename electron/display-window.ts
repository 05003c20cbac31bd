// The customer display in Electron: a second window, on a second screen when one is attached, showing
// the renderer's /display page. Pure decisions only (which screen, which options); main.ts opens it and
// ipc.ts lets it read, never act (services/api/display.ts).
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_SCHEME, APP_HOST } from './app-protocol';
import { kioskWindowOptions } from './window-options';

/** The page the display window loads; resolveAppAsset serves it the renderer's index.html. */
export const DISPLAY_URL = `${APP_SCHEME}://${APP_HOST}/display`;

export interface ScreenLike {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

/** The screen for the customer display: the first one that is not the cashier's; null with one screen. */
export function displayScreenFor(screens: readonly ScreenLike[], primaryId: number): ScreenLike | null {
  return screens.find((s) => s.id !== primaryId) ?? null;
}

/** The display's window: the kiosk's lock-down, full screen on the customer's screen. */
export function displayWindowOptions(input: {
  isProduction: boolean;
  preloadPath: string;
  screen: ScreenLike;
}): BrowserWindowConstructorOptions {
  const base = kioskWindowOptions({ isProduction: input.isProduction, preloadPath: input.preloadPath });
  const { x, y, width, height } = input.screen.bounds;
  return {
    ...base,
    x,
    y,
    width,
    height,
    // Full screen on its own screen, but not kiosk mode: that belongs to the cashier's window.
    kiosk: false,
    fullscreen: true,
    title: 'OpenLane — customer display',
    // The shopper never types on it: it must not take the keyboard from the cashier's window.
    focusable: false,
  };
}
