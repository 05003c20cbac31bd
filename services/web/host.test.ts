import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ApiResult, PublicSettings, TerminalApi, TerminalEvent } from '../api/contract';
import { stubApi } from '../../test/helpers/stub-api';
import { createEventHub } from '../events';
import { startWebHost } from './host';
import type { WebHost } from './host';

const SECRET = 'TOP-SECRET-PACKAGE-JSON';
const settings: PublicSettings = {
  storeName: 'Test Mart',
  storeId: 's1',
  terminalId: 't1',
  currency: 'CNY',
  taxMode: 'inclusive',
  defaultLanguage: 'en',
  languages: ['en', 'zh-CN'],
  receiptIdleSeconds: 20,
  paymentTimeoutSeconds: 120,
  training: false,
};

let dir: string;
let host: WebHost;
const hub = createEventHub();
let activeListeners = 0;
const handled: string[] = [];

function testApi(): TerminalApi {
  return stubApi({
    'settings.get': async () => {
      handled.push('settings.get');
      return { ok: true, value: settings };
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-webhost-'));
  // The secret sits beside the renderer directory, where a traversal would reach it.
  writeFileSync(join(dir, 'package.json'), SECRET);
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>OpenLane</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from('wOF2'));
  writeFileSync(join(root, 'assets', 'decoder.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  host = await startWebHost({
    api: testApi(),
    subscribe(listener) {
      activeListeners++;
      const off = hub.subscribe(listener);
      return () => {
        activeListeners--;
        off();
      };
    },
    rendererDir: root,
    port: 0,
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request: fetch would normalise `/../x` away before it ever left the client. */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        `${host.url}/`,
        { method: init.method ?? 'GET', path, headers: init.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(init.body);
    },
  );
}

const post = (name: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('web host API', () => {
  it('binds to 127.0.0.1 on the port it reports', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
  });

  it('runs a handler for POST /api/<name> and answers its ApiResult as JSON', async () => {
    const res = await post('settings.get', '{}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ ok: true, value: settings });
  });

  it('answers unknown handlers and invalid input as ApiResults from dispatch', async () => {
    expect(await (await post('till.open', '{}')).json()).toEqual({
      ok: false,
      error: { code: 'unknown_handler', message: 'No handler named "till.open"' },
    });
    const invalid = (await (
      await post('basket.setQuantity', '{"lineId":"a","quantity":"3"}')
    ).json()) as ApiResult<unknown>;
    expect(invalid.ok === false && invalid.error).toEqual({
      code: 'invalid_input',
      message: 'basket.setQuantity: quantity: must be a number',
      details: [{ path: 'quantity', message: 'must be a number', code: 'invalid_type' }],
    });
  });

  it('answers 400 invalid_json to a body that is not JSON', async () => {
    const res = await post('settings.get', '{"oops":');
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiResult<unknown>;
    expect(body.ok === false && body.error.code).toBe('invalid_json');
  });

  it('answers 413 to a body over 64 KiB and does not run the handler', async () => {
    const before = handled.length;
    const res = await post('settings.get', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(handled.length).toBe(before);
  });

  it('answers 405 to other methods on /api', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${host.url}/api/settings.get`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses a cross-origin POST with 403 and allows its own origin', async () => {
    const before = handled.length;
    const hostile = await post('settings.get', '{}', { origin: 'http://evil.example' });
    expect(hostile.status).toBe(403);
    expect(handled.length).toBe(before);
    const nullOrigin = await raw('/api/settings.get', {
      method: 'POST',
      headers: { origin: 'null' },
      body: '{}',
    });
    expect(nullOrigin.status).toBe(403);
    const own = await post('settings.get', '{}', { origin: host.url });
    expect(own.status).toBe(200);
    expect(handled.length).toBe(before + 1);
  });
});

describe('web host static files', () => {
  it('serves index.html for / with no-store caching', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<title>OpenLane</title>');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/icon.png', 'image/png'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/decoder.wasm', 'application/wasm'],
  ])('serves %s as %s', async (path, type) => {
    const res = await fetch(host.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('answers 404 to a missing file', async () => {
    expect((await fetch(`${host.url}/assets/nope.js`)).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/%252e%252e/package.json',
    '/..%00/package.json',
    '/%E0%A4%A',
  ])('refuses the traversal %s', async (path) => {
    const res = await raw(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('sends the security headers on pages and API answers', async () => {
    for (const res of [await fetch(`${host.url}/`), await post('settings.get', '{}')]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        `connect-src 'self' ws://127.0.0.1:${host.port}`,
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "media-src 'self' blob: mediastream:",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

function openSocket(origin?: string): Promise<WebSocket> {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/api/events`, origin ? { origin } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('web host events', () => {
  it('pushes each event from subscribe as one JSON text message, and unsubscribes on close', async () => {
    const ws = await openSocket(host.url);
    const received: TerminalEvent[] = [];
    const two = new Promise<void>((resolve) =>
      ws.on('message', (data, isBinary) => {
        expect(isBinary).toBe(false);
        received.push(JSON.parse(String(data)) as TerminalEvent);
        if (received.length === 2) resolve();
      }),
    );
    const scanner = { id: 'sc1', path: '/dev/pts/3', baudRate: 9600, connected: true, lastError: null };
    const rejected: TerminalEvent = {
      type: 'scan.rejected',
      code: '123',
      source: 'serial',
      error: { code: 'item_not_found', message: 'No product 123' },
    };
    hub.emit({ type: 'scanner.status', scanner });
    hub.emit(rejected);
    await two;
    expect(received).toEqual([{ type: 'scanner.status', scanner }, rejected]);
    expect(activeListeners).toBe(1);
    await new Promise((resolve) => {
      ws.once('close', resolve);
      ws.close();
    });
    await expect.poll(() => activeListeners).toBe(0);
  });

  it('refuses a cross-origin WebSocket with 403 and never subscribes it', async () => {
    await expect(openSocket('http://evil.example')).rejects.toThrow('HTTP 403');
    expect(activeListeners).toBe(0);
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/api/other`);
    const status = await new Promise((resolve) =>
      ws.once('unexpected-response', (_q, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(404);
  });
});
