// `openlane server enrolment-code --store S`: a one-time code that enrols a terminal into a store. Made
// on the database directly when nothing holds it; or asked of the running HQ over its admin API
// (`--url URL`, with the admin token), which is the only way while HQ has its PGlite directory open —
// PGlite allows one process. A locked directory is explained with the exact command that works.
import {
  createEnrolmentCode,
  DEFAULT_PORT,
  openDatabase,
  type DatabaseTarget,
  type EnrolmentCode,
} from '../../server';
import { UsageError } from './args';

export const ENROLMENT_CODE_USAGE = `       openlane server enrolment-code --store STORE [--ttl SECONDS] [--data DIR | --database URL]
       openlane server enrolment-code --store STORE [--ttl SECONDS] --url HQ_URL [--token TOKEN]`;

export const ENROLMENT_CODE_HELP = `'enrolment-code' (or 'enrol-code') makes a one-time code for a store's terminal, valid --ttl seconds
(default a day). With --url it asks the running HQ over its admin API, with --token or
$OPENLANE_HQ_ADMIN_TOKEN (the token HQ was started with): the way while HQ runs on a PGlite directory.`;

const TOKEN_ENV = 'OPENLANE_HQ_ADMIN_TOKEN';

export interface EnrolmentCodeOptions {
  store?: string;
  ttl?: string;
  url?: string;
  token?: string;
}

export async function enrolmentCodeCommand(
  where: DatabaseTarget,
  values: EnrolmentCodeOptions,
  usage: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (!values.store) throw new UsageError(`enrolment-code needs --store STORE\n\n${usage}`);
  const store = values.store;
  const ttlSeconds = parseTtl(values.ttl, usage);
  const token = values.token ?? env[TOKEN_ENV];
  let made: EnrolmentCode | { code: string; storeCode: string; expiresAt: string };
  if (values.url) {
    if (!token)
      throw new UsageError(
        `--url needs the admin token HQ was started with: --token TOKEN or $${TOKEN_ENV}\n\n${usage}`,
      );
    const asked = await askHq(values.url, token, store, ttlSeconds);
    if (!asked.ok) {
      console.error(`openlane server enrolment-code: ${asked.message}`);
      return 1;
    }
    made = asked.code;
  } else {
    try {
      made = await onDatabase(where, store, ttlSeconds);
    } catch (error) {
      const message = (error as Error).message;
      if (!/is in use by process/.test(message)) throw error;
      console.error(`openlane server enrolment-code: ${lockedHelp(message, store)}`);
      return 1;
    }
  }
  console.log(
    `Enrolment code for store ${made.storeCode}: ${made.code} (works once, until ${made.expiresAt})`,
  );
  const server = values.url ?? `http://HQ-ADDRESS:${DEFAULT_PORT}`;
  console.log(`On the terminal: openlane enrol --server ${server} --code ${made.code}`);
  return 0;
}

function parseTtl(text: string | undefined, usage: string): number | undefined {
  if (text === undefined) return undefined;
  const ttl = Number(text);
  if (!/^\d{1,7}$/.test(text) || ttl < 60 || ttl > 30 * 86_400)
    throw new UsageError(
      `--ttl must be a whole number of seconds from 60 to 2592000, not "${text}"\n\n${usage}`,
    );
  return ttl;
}

async function onDatabase(where: DatabaseTarget, store: string, ttlSeconds: number | undefined) {
  const db = await openDatabase(where);
  try {
    return await createEnrolmentCode(db, store, ttlSeconds === undefined ? {} : { ttlSeconds });
  } finally {
    await db.close();
  }
}

/** What to do when a running HQ holds the PGlite directory: ask it, with the exact command. */
function lockedHelp(message: string, store: string): string {
  return (
    `${message}.\n` +
    'HQ is running on this directory, so ask it over its admin API instead (with the admin token it was started with):\n' +
    `  openlane server enrolment-code --store ${store} --url http://127.0.0.1:${DEFAULT_PORT} --token "$${TOKEN_ENV}"\n` +
    `(use HQ's own address and port if it serves elsewhere), or make the code in the back office: open HQ's address\n` +
    'in a browser, sign in, and choose Stores → the store → Make an enrolment code.'
  );
}

type Asked =
  { ok: true; code: { code: string; storeCode: string; expiresAt: string } } | { ok: false; message: string };

async function askHq(
  url: string,
  token: string,
  store: string,
  ttlSeconds: number | undefined,
): Promise<Asked> {
  const base = url.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}/admin/v1/enrolment-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ store, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return {
      ok: false,
      message: `HQ at ${base} cannot be reached (${cause}); is it running, and is this its address?`,
    };
  }
  const body = (await response.json().catch(() => null)) as {
    code?: string;
    storeCode?: string;
    expiresAt?: string;
    error?: { code?: string; message?: string };
  } | null;
  if (response.status === 201 && body?.code && body.storeCode && body.expiresAt) {
    return { ok: true, code: { code: body.code, storeCode: body.storeCode, expiresAt: body.expiresAt } };
  }
  const why = body?.error?.message ?? `it answered HTTP ${response.status}`;
  const hint =
    response.status === 401
      ? ` — check the admin token (--token or $${TOKEN_ENV}) is the one HQ was started with`
      : '';
  return { ok: false, message: `HQ at ${base} made no code: ${why}${hint}` };
}
