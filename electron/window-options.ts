// The kiosk lock-down as pure settings: window options, the content security policy, and which
// permissions and navigations the shell allows. main.ts applies them; the tests read them here.
import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './app-protocol';

export interface KioskWindowInput {
  isProduction: boolean;
  /** Absolute path of dist/preload.cjs. */
  preloadPath: string;
}

/** A full-screen kiosk window with no menu, running the renderer sandboxed behind the preload. */
export function kioskWindowOptions({
  isProduction,
  preloadPath,
}: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    // Shown on ready-to-show, so shoppers never see a white flash while the UI loads.
    show: false,
    backgroundColor: '#ffffff',
    title: 'OpenLane',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !isProduction,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/**
 * The renderer's CSP. The same in development and production: development runs the same built
 * bundle (no dev server, no eval), so it needs nothing looser. React's `style` prop writes through
 * the CSSOM, which CSP does not restrict, so styles need no 'unsafe-inline'.
 */
export function contentSecurityPolicy(_options: { isProduction: boolean }): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // The camera's barcode decoder is WebAssembly (zxing-wasm, served from the app itself).
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The fields of Electron's permission request and check details that decide the answer. */
export interface PermissionDetails {
  /** On requests (`setPermissionRequestHandler`). */
  mediaTypes?: string[];
  /** On checks (`setPermissionCheckHandler`). */
  mediaType?: string;
  requestingUrl?: string;
}

/**
 * Only the camera, only for our own page: the kiosk reads barcodes from it. The microphone, the
 * screen, notifications, geolocation, USB/HID/serial from the page, fullscreen changes — all denied.
 */
export function isAllowedPermission(permission: string, details: PermissionDetails): boolean {
  if (permission !== 'media') return false;
  if (details.requestingUrl === undefined || !isAppUrl(details.requestingUrl)) return false;
  if (details.mediaTypes !== undefined) {
    return details.mediaTypes.length > 0 && details.mediaTypes.every((type) => type === 'video');
  }
  return details.mediaType === 'video';
}

/** The window may only move between pages of our own app; every other URL is blocked. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app || app.host === '') return false;
  // Compared by protocol and host: Node's URL gives custom schemes the origin "null".
  return target.protocol === app.protocol && target.host === app.host && target.username === '';
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
