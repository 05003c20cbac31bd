// DATA_DIR/hq.json: which HQ this terminal syncs with and the device secret it enrolled with. The secret
// is a bearer credential for POST /v1/token, so the file is written 0600 and never logged or shown.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues } from '../../core/result';

export interface HqCredentials {
  /** http(s)://host:port of the HQ server, without a trailing slash. */
  serverUrl: string;
  deviceId: string;
  secret: string;
  storeCode: string;
  enrolledAt: string;
}

const schema = z.object({
  serverUrl: z.string().url(),
  deviceId: z.string().min(1),
  secret: z.string().min(1),
  storeCode: z.string().min(1),
  enrolledAt: z.string(),
});

export const CREDENTIALS_FILE = 'hq.json';

export function credentialsPath(dataDir: string): string {
  return join(dataDir, CREDENTIALS_FILE);
}

/** The saved credentials, or null when this terminal was never enrolled. A damaged file throws, naming it. */
export function loadCredentials(dataDir: string): HqCredentials | null {
  return readJsonFile(credentialsPath(dataDir), schema, {
    notJson: 'enrol the terminal again',
    damaged: 'enrol again',
  });
}

/** A JSON file checked against `schema`, or null when it does not exist; a bad one throws, naming it and the fix. */
export function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  fix: { notJson: string; damaged: string },
): T | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); ${fix.notJson}`);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success)
    throw new Error(`${path} is damaged: ${describeIssues(checked.error.issues)}; ${fix.damaged}`);
  return checked.data;
}

/** Writes the credentials atomically (temp file, then rename) with mode 0600. */
export function saveCredentials(dataDir: string, credentials: HqCredentials): void {
  writePrivateJson(credentialsPath(dataDir), credentials);
}

/** Writes JSON that holds a secret: atomically (temp file, then rename), readable by its owner only. */
export function writePrivateJson(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  // The mode is applied only when the file is created, and a umask may narrow it: set it exactly.
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** `https://hq.example:8430/` → `https://hq.example:8430`; refuses anything but an http(s) URL. */
export function normaliseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`the server URL "${text}" is not a URL like http://hq.example:8430`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`the server URL must start with http:// or https://, not ${url.protocol}`);
  }
  return url.toString().replace(/\/+$/, '');
}
