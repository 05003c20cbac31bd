import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearMarker,
  downloadFailedMessage,
  downloadFailure,
  electronChoice,
  MARKER,
  readMarker,
  writeMarker,
  // @ts-expect-error — a plain .mjs script without type declarations
} from './electron-choice.mjs';

/** What @electron/get prints when GitHub cannot be reached. */
const OFFLINE = `HTTPError: Request failed
RequestError: getaddrinfo ENOTFOUND github.com
    at ClientRequest.<anonymous> (/app/node_modules/got/source/request-as-event-emitter.js:178:14)
    at Object.onceWrapper (node:events:634:26)
    at process.processTicksAndRejections (node:internal/process/task_queues:82:21)`;

describe('npm start and Electron', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'openlane-start-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('opens Electron when its binary is there, whatever was remembered', () => {
    const marker = { date: '2026-12-01', reason: 'getaddrinfo ENOTFOUND github.com' };
    expect(electronChoice({ binaryPresent: true, marker: null, retry: false })).toEqual({
      action: 'electron',
    });
    expect(electronChoice({ binaryPresent: true, marker, retry: false })).toEqual({ action: 'electron' });
  });

  it('downloads on a first start, and again only when asked with --electron', () => {
    expect(electronChoice({ binaryPresent: false, marker: null, retry: false })).toEqual({
      action: 'download',
    });
    const marker = { date: '2026-12-01', reason: 'getaddrinfo ENOTFOUND github.com' };
    expect(electronChoice({ binaryPresent: false, marker, retry: true })).toEqual({ action: 'download' });
    expect(electronChoice({ binaryPresent: false, marker, retry: false })).toEqual({
      action: 'browser',
      note:
        'openlane start: browser mode (Electron could not be downloaded on 2026-12-01: getaddrinfo ENOTFOUND ' +
        'github.com). To try again: npm start -- --electron',
    });
  });

  it('remembers a failed download in node_modules/.cache, and forgets it', () => {
    expect(readMarker(root)).toBeNull();
    writeMarker(root, 'getaddrinfo ENOTFOUND github.com', new Date('2026-12-07T01:00:00Z'));
    expect(existsSync(join(root, MARKER))).toBe(true);
    expect(MARKER).toMatch(/^node_modules\/\.cache\//);
    expect(readMarker(root)).toEqual({ date: '2026-12-07', reason: 'getaddrinfo ENOTFOUND github.com' });
    clearMarker(root);
    expect(readMarker(root)).toBeNull();
    // A marker that cannot be read is no marker: the download is tried.
    writeMarker(root, 'x');
    writeFileSync(join(root, MARKER), '{');
    expect(readMarker(root)).toBeNull();
  });

  it('says why in one line, not with the stack trace', () => {
    expect(downloadFailure(OFFLINE)).toBe('getaddrinfo ENOTFOUND github.com');
    expect(downloadFailure('HTTPError: Response code 404 (Not Found) status code 404')).toBe(
      'Response code 404 (Not Found) status code 404',
    );
    expect(downloadFailure('')).toBe('the installer failed without saying why');
    // What Node 20's fetch prints offline, stack and all.
    expect(downloadFailure('TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13')).toBe(
      'fetch failed: GitHub, where Electron comes from, could not be reached',
    );
    const message = downloadFailedMessage('getaddrinfo ENOTFOUND github.com');
    expect(message).toContain('(getaddrinfo ENOTFOUND github.com)');
    expect(message).toContain('npm start -- --electron');
    expect(message).not.toMatch(/\bat /);
  });
});
