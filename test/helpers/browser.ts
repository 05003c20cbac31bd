// Debian's Chromium driven by playwright-core: the real browser the kiosk UI is tested in.
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServe, waitForScanners, type ServeProcess } from './serve';
import { startPtyPair, type PtyPair } from './socat';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The 1280×800 landscape screen both roles are laid out for first. */
const SCREEN = { width: 1280, height: 800 };

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Chromium with one blank page on the 1280×800 screen; the caller opens the terminal in it. */
export async function launchPage(extraArgs: string[] = []): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium(extraArgs);
  const page = await browser.newPage({ viewport: SCREEN });
  return { browser, page };
}

/** Chromium with the kiosk open at `url` on a 1280×800 landscape screen, once its welcome screen shows. */
export async function openKiosk(url: string): Promise<{ browser: Browser; page: Page }> {
  const { browser, page } = await launchPage();
  await page.goto(url);
  await page.getByTestId('welcome').waitFor();
  return { browser, page };
}

/** A terminal as a store runs it: `openlane serve` reading a serial scanner (a socat pty), and Chromium. */
export interface Lane {
  readonly pty: PtyPair;
  /** The running terminal; a new process after restart(). */
  readonly serve: ServeProcess;
  readonly browser: Browser;
  /** A blank page on the 1280×800 screen: each test decides when to open `serve.url` and what to wait for. */
  readonly page: Page;
  /** Stops the terminal (SIGKILL for a crash) and starts it again on the same data and scanner. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** Closes Chromium, the terminal and the scanner; the caller removes its directory. */
  close(): Promise<void>;
}

export interface LaneOptions {
  /** Where the pty links live. */
  dir: string;
  dataDir: string;
  /** More `openlane serve` flags, e.g. `['--role', 'counter']`. */
  serveArgs?: string[];
  /** More Chromium flags, e.g. a fake camera's. */
  chromiumArgs?: string[];
}

/** Starts a Lane: the terminal on `dataDir` with the pty as its one scanner, and a page beside it. */
export async function startLane(options: LaneOptions): Promise<Lane> {
  const pty = await startPtyPair(options.dir);
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await serve?.stop();
    await pty.kill();
  };
  // Waits for the scanner too: bytes a test writes to the pty before it is connected are lost.
  const startTerminal = async () => {
    serve = await startServe({
      dataDir: options.dataDir,
      scanners: [pty.devicePath],
      args: options.serveArgs,
    });
    await waitForScanners(serve.url);
  };
  try {
    await startTerminal();
    const opened = await launchPage(options.chromiumArgs);
    browser = opened.browser;
    return {
      pty,
      get serve() {
        return serve!;
      },
      browser: opened.browser,
      page: opened.page,
      async restart(signal) {
        await serve!.stop(signal);
        await startTerminal();
      },
      close,
    };
  } catch (error) {
    // A lane that did not start leaves no process behind for the next test file to trip over.
    await close();
    throw error;
  }
}
