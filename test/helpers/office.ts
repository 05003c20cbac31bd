// The HQ back office as the chain's office uses it: a real HQ (PGlite or PostgreSQL) serving the built
// back office, and Chromium signed in to it. What every end-to-end test of the back office starts from.
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer, type StartOptions } from '../../server';
import { launchPage } from './browser';
import { startBackend, type BackendKind, type TestBackend } from './postgres';

/** The bootstrap admin token every test HQ starts with. */
export const OFFICE_ADMIN_TOKEN = 'office-test-admin-token-0123456789';

export interface Office {
  hq: RunningServer;
  backend: TestBackend;
  browser: Browser;
  /** A 1440×900 desk screen, signed in (unless `signedIn: false`). */
  page: Page;
  close(): Promise<void>;
}

export interface OfficeOptions {
  backend?: BackendKind;
  /** More HQ options (catalogPollMs…). */
  server?: Omit<StartOptions, 'port' | 'dataDir' | 'databaseUrl' | 'adminToken'>;
  /** Leave the page on the sign-in screen. */
  signedIn?: boolean;
}

export async function startOffice(options: OfficeOptions = {}): Promise<Office> {
  const backend = await startBackend(options.backend ?? 'pglite');
  const hq = await startServer({
    port: 0,
    catalogPollMs: 100,
    ...options.server,
    ...(backend.dataDir ? { dataDir: backend.dataDir } : { databaseUrl: backend.databaseUrl }),
    adminToken: OFFICE_ADMIN_TOKEN,
  });
  const { browser, page } = await launchPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  const office: Office = {
    hq,
    backend,
    browser,
    page,
    async close() {
      await browser.close();
      await hq.close();
      await backend.stop();
    },
  };
  try {
    await page.goto(hq.url);
    if (options.signedIn !== false) await signInToOffice(page);
  } catch (error) {
    await office.close();
    throw error;
  }
  return office;
}

/**
 * Signs in as the chain's first admin, from the sign-in screen.
 *
 * GROUNDWORK (issue 14): with the admin token. The users branch makes this: create the first admin
 * with the token, then sign in with the user name and password, as a new chain does.
 */
export async function signInToOffice(page: Page): Promise<void> {
  await page.getByLabel('Admin token').fill(OFFICE_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Opens an area from the menu and waits for its title. */
export async function openArea(page: Page, area: string): Promise<void> {
  await page.getByTestId(`nav-${area}`).click();
  await page.locator('#page-title').waitFor();
}
