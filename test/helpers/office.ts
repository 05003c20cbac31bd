// The HQ back office as the chain's office uses it: a real HQ (PGlite or PostgreSQL) serving the built
// back office, and Chromium signed in to it. What every end-to-end test of the back office starts from.
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer, type StartOptions } from '../../server';
import { launchPage } from './browser';
import type { Role } from '../../server/office/access';
import {
  call,
  startBackend,
  type BackendKind,
  type CallOptions,
  type HqReply,
  type TestBackend,
} from './postgres';

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

/** The chain's first admin, made by signInToOffice with the admin token when HQ has no users yet. */
export const OFFICE_ADMIN = {
  name: 'admin',
  displayName: 'Office Admin',
  password: 'office-admin-password-1',
};

/**
 * Signs in as the chain's first admin from the sign-in screen, as a new chain does: when HQ has no users
 * yet, the first admin is made through the API with the admin token; then the name and password are
 * typed into the form.
 */
export async function signInToOffice(page: Page): Promise<void> {
  const base = new URL(page.url()).origin;
  const state = await call(base, 'GET', '/admin/v1/sign-in-state');
  if (state.body.firstAdminNeeded) {
    const made = await call(base, 'POST', '/admin/v1/first-admin', {
      token: OFFICE_ADMIN_TOKEN,
      body: OFFICE_ADMIN,
    });
    if (made.status !== 201) throw new Error(`the first admin was not made: ${JSON.stringify(made.body)}`);
    // The form was drawn for "no users yet": read the state again.
    await page.reload();
  }
  await signInAs(page, OFFICE_ADMIN.name, OFFICE_ADMIN.password);
}

/** Types a name and password into the sign-in form and waits for the shell. */
export async function signInAs(page: Page, name: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-name').fill(name);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

export interface OfficeUser {
  id: string;
  name: string;
  password: string;
}

/**
 * Makes a user of a role (and stores, for a store manager) through the API with the admin token. HQ
 * gives a store manager only stores it knows; a store it does not know yet is made known the way a
 * chain does, with an enrolment code for it (left unused).
 */
export async function createOfficeUser(
  hq: { url: string },
  user: { name: string; role: Role; stores?: string[]; displayName?: string; password?: string },
): Promise<OfficeUser> {
  const password = user.password ?? `${user.name}-password-123`;
  const body = {
    name: user.name,
    displayName: user.displayName ?? user.name,
    role: user.role,
    stores: user.stores ?? [],
    password,
  };
  let made = await call(hq.url, 'POST', '/admin/v1/users', { token: OFFICE_ADMIN_TOKEN, body });
  if (made.status === 422 && made.body.error.code === 'unknown_store') {
    for (const store of made.body.error.details.stores as string[]) {
      await call(hq.url, 'POST', '/admin/v1/enrolment-codes', { token: OFFICE_ADMIN_TOKEN, body: { store } });
    }
    made = await call(hq.url, 'POST', '/admin/v1/users', { token: OFFICE_ADMIN_TOKEN, body });
  }
  if (made.status !== 201) throw new Error(`the user was not made: ${JSON.stringify(made.body)}`);
  return { id: made.body.user.id, name: user.name, password };
}

/** A user's session over plain HTTP (for API tests): its cookie, its CSRF token, and a caller. */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
  /** Calls HQ with the cookie and, for changes, the CSRF header (unless the headers say otherwise). */
  call(method: string, path: string, options?: CallOptions): Promise<HqReply>;
}

export async function signInByApi(base: string, name: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${base}/admin/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = (await response.json()) as { csrfToken: string };
  if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  const cookie = /^([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
  return sessionFrom(cookie, body.csrfToken, base);
}

export function sessionFrom(cookie: string, csrfToken: string, base: string): ApiSession {
  return {
    cookie,
    csrfToken,
    call: (method, path, options = {}) =>
      call(base, method, path, {
        ...options,
        headers: {
          cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
          ...options.headers,
        },
      }),
  };
}

/** Opens an area from the menu and waits for its title. */
export async function openArea(page: Page, area: string): Promise<void> {
  await page.getByTestId(`nav-${area}`).click();
  await page.locator('#page-title').waitFor();
}

/** A full-page screenshot when OPENLANE_SHOTS_DIR names a folder (kept out of git), else nothing. */
export async function officeShot(page: Page, name: string): Promise<void> {
  const dir = process.env.OPENLANE_SHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
