import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsPath, loadCredentials, normaliseServerUrl, saveCredentials } from './credentials';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-creds-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const creds = {
  serverUrl: 'http://hq:8430',
  deviceId: 'd',
  secret: 's3cret',
  storeCode: 'S001',
  enrolledAt: 'now',
};

describe('HQ credentials', () => {
  it('are saved readable by the owner only, and read back', () => {
    expect(loadCredentials(dir)).toBeNull();
    saveCredentials(dir, creds);
    expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
    expect(loadCredentials(dir)).toEqual(creds);
  });

  it('refuse a damaged file, naming it', () => {
    writeFileSync(credentialsPath(dir), '{"serverUrl":');
    expect(() => loadCredentials(dir)).toThrow(/hq\.json is not valid JSON/);
    writeFileSync(credentialsPath(dir), '{"serverUrl":"http://hq"}');
    expect(() => loadCredentials(dir)).toThrow(/hq\.json is damaged/);
  });

  it('keep the server URL without a trailing slash, http(s) only', () => {
    expect(normaliseServerUrl('https://hq.example:8430/')).toBe('https://hq.example:8430');
    expect(() => normaliseServerUrl('hq.example')).toThrow(/not a URL/);
    expect(() => normaliseServerUrl('file:///etc')).toThrow(/http/);
  });
});
