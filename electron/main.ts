// The Electron main process: one locked-down kiosk window over the terminal backend. Everything it
// decides is a pure function in a sibling module (and unit-tested there); this file only wires them up.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  session,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTerminal, type Terminal } from '../services/terminal';
import { TILL_CHROMIUM_SWITCHES } from './chromium-switches';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, mimeTypeOf, resolveAppAsset } from './app-protocol';
import { DISPLAY_URL, displayScreenFor, displayWindowOptions } from './display-window';
import { bindTerminalApi, isTrustedSender } from './ipc';
import { resolveSqliteNativeBinding } from './native-binding';
import { readShellConfig } from './shell-config';
import {
  contentSecurityPolicy,
  isAllowedNavigation,
  isAllowedPermission,
  kioskWindowOptions,
} from './window-options';

// Bundled to dist/electron-main.mjs: the renderer and the preload sit beside it.
const distDir = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(distDir, 'renderer');
const isProduction = app.isPackaged;

// Must happen synchronously while the entry module evaluates, i.e. before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
for (const [name, value] of TILL_CHROMIUM_SWITCHES) app.commandLine.appendSwitch(name, value);

let terminal: Terminal | null = null;
let window: BrowserWindow | null = null;
/** The customer display, on a second screen when there is one. */
let displayWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Two shells would open the same SQLite file and the same serial ports.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!terminal) return;
    // Let the backend finish its transactions and release the serial ports before the process ends.
    event.preventDefault();
    const closing = terminal;
    terminal = null;
    closing
      .close()
      .catch((error: unknown) => console.error('openlane: closing the terminal failed:', error))
      .finally(() => app.quit());
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const config = readShellConfig(process.env, app.getPath('userData'));
  if (!config.ok) return fail(new Error(config.message));
  const binding = resolveSqliteNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: join(distDir, '..'),
    exists: existsSync,
  });
  if (!binding.ok) return fail(new Error(binding.message));

  Menu.setApplicationMenu(null);
  serveRenderer();
  guardPermissions();
  terminal = await startTerminal({ ...config.value, sqliteNativeBinding: binding.path });

  window = new BrowserWindow(kioskWindowOptions({ isProduction, preloadPath: join(distDir, 'preload.cjs') }));
  const win = window;
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    window = null;
    displayWindow?.close();
  });
  const display = () => (displayWindow && !displayWindow.isDestroyed() ? displayWindow : null);
  bindTerminalApi(ipcMain, terminal, {
    isTrustedSender: (frame) => !win.isDestroyed() && isTrustedSender(frame, win.webContents.mainFrame),
    eventTarget: () => (win.isDestroyed() ? null : win.webContents),
    isDisplaySender: (frame) => isTrustedSender(frame, display()?.webContents.mainFrame),
    displayTarget: () => display()?.webContents ?? null,
  });
  openCustomerDisplay();
  screen.on('display-added', openCustomerDisplay);
  await win.loadURL(APP_URL);
}

/** The customer display's window on the first screen that is not the cashier's; none with one screen. */
function openCustomerDisplay(): void {
  if (displayWindow && !displayWindow.isDestroyed()) return;
  const target = displayScreenFor(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  if (!target) return;
  const preloadPath = join(distDir, 'preload.cjs');
  const win = new BrowserWindow(displayWindowOptions({ isProduction, preloadPath, screen: target }));
  displayWindow = win;
  win.removeMenu();
  win.once('ready-to-show', () => win.showInactive());
  win.on('closed', () => (displayWindow = null));
  void win.loadURL(DISPLAY_URL);
}

/** openlane://app/… → files of dist/renderer only, each with the CSP as a real response header. */
function serveRenderer(): void {
  const csp = contentSecurityPolicy({ isProduction });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    if (!upstream.ok) return new Response('Not found', { status: 404 });
    return new Response(upstream.body, {
      status: 200,
      headers: {
        'content-type': mimeTypeOf(file),
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

function guardPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details)),
  );
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isAllowedPermission(permission, details),
  );
  // No page-initiated USB/HID/serial access: scanners are opened by the backend, not the page.
  ses.setDevicePermissionHandler(() => false);
}

/** Every webContents (our window, and anything that might try to appear) stays on our app. */
function lockDown(contents: WebContents): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, APP_URL)) {
      event.preventDefault();
      console.warn(`openlane: blocked navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`openlane: cannot start: ${message}`);
  dialog.showErrorBox('OpenLane cannot start', message);
  const closing = terminal;
  terminal = null;
  // app.exit skips will-quit, so release the store and the serial ports here.
  void (closing?.close() ?? Promise.resolve()).catch(() => undefined).finally(() => app.exit(1));
}
