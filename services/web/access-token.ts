// The till's access token: what a browser on the network must show before it may drive the till.
// Made once, in the data directory (mode 0600), the first time the till is served off loopback; a
// browser shows it once at /pair and keeps it as a cookie.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ACCESS_TOKEN_FILE = 'access-token';
/** The customer display's own token: a browser paired with it may open /display and nothing else. */
export const DISPLAY_TOKEN_FILE = 'display-token';

/** The data directory's access token (or `file`'s), made now if there is none (`created` says so). */
export function loadOrCreateAccessToken(
  dataDir: string,
  file = ACCESS_TOKEN_FILE,
): { token: string; created: boolean; path: string } {
  const path = join(dataDir, file);
  if (existsSync(path)) {
    // Whoever can read it can drive the till: no one but its owner.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    const token = readFileSync(path, 'utf8').trim();
    if (!/^[A-Za-z0-9_-]{32,}$/.test(token))
      throw new Error(`${path} does not hold an access token; delete it and a new one is made`);
    return { token, created: false, path };
  }
  const token = randomBytes(24).toString('base64url');
  // 'wx': never overwrite a token another start made in the meantime.
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, created: true, path };
}
