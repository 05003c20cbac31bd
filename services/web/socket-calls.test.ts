// Calls over the event socket, on a real web host: the same handlers and refusals as a POST, answered by
// number among the events, and nothing a page can send stops the socket answering.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TerminalEvent } from '../api/contract';
import { stubApi } from '../../test/helpers/stub-api';
import { createEventHub } from '../events';
import { startWebHost, type WebHost } from './host';
import { MAX_CALLS_IN_FLIGHT } from './socket-calls';

let dir: string;
let host: WebHost;
const hub = createEventHub();
const scans: unknown[] = [];
const slow: (() => void)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-socket-calls-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>OpenLane</title>');
  host = await startWebHost({
    api: stubApi({
      'basket.addScan': async (input) => {
        scans.push(input);
        hub.emit({
          type: 'scan.rejected',
          code: input.code,
          source: input.source,
          error: { code: 'x', message: 'y' },
        });
        return { ok: true, value: { scanned: input.code } as never };
      },
      'sync.now': () =>
        new Promise((resolve) => {
          slow.push(() => resolve({ ok: true, value: {} as never }));
        }),
    }),
    subscribe: (listener) => hub.subscribe(listener),
    rendererDir: join(dir, 'renderer'),
    port: 0,
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page's socket: what it receives, split into answers by number and events. */
async function openPage(path = '/api/events') {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}${path}`, { origin: host.url });
  const answers = new Map<number | null, unknown>();
  const events: TerminalEvent[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { reply?: number | null; result?: unknown } & TerminalEvent;
    if ('reply' in message) answers.set(message.reply ?? null, message.result);
    else events.push(message);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const answer = async (id: number | null) => {
    await expect.poll(() => answers.has(id), { timeout: 10_000 }).toBe(true);
    return answers.get(id);
  };
  return { ws, events, answer };
}

describe('calls on the event socket', () => {
  it('runs the handler and answers by the call’s number, its events on the same socket', async () => {
    const page = await openPage();
    page.ws.send(
      JSON.stringify({
        call: 7,
        name: 'basket.addScan',
        input: { code: ' 4006381333931 ', source: 'keypad' },
      }),
    );
    expect(await page.answer(7)).toEqual({ ok: true, value: { scanned: '4006381333931' } });
    // The schema ran first, as for a POST: the code arrived trimmed.
    expect(scans.at(-1)).toEqual({ code: '4006381333931', source: 'keypad' });
    await expect.poll(() => page.events.map((e) => e.type)).toContain('scan.rejected');
    page.ws.close();
  });

  it('answers unknown handlers and invalid input as dispatch does, and the socket keeps answering', async () => {
    const page = await openPage();
    page.ws.send(JSON.stringify({ call: 1, name: 'no.such', input: {} }));
    page.ws.send(JSON.stringify({ call: 2, name: 'basket.addScan', input: { code: 42 } }));
    expect(await page.answer(1)).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
    expect(await page.answer(2)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    page.ws.send(JSON.stringify({ call: 3, name: 'basket.addScan', input: { code: '1', source: 'keypad' } }));
    expect(await page.answer(3)).toMatchObject({ ok: true });
    page.ws.close();
  });

  it('refuses what is not a call with invalid_call, naming what is wrong, and stays open', async () => {
    const page = await openPage();
    page.ws.send('not json');
    expect(await page.answer(null)).toMatchObject({
      ok: false,
      error: { code: 'invalid_call', message: expect.stringContaining('JSON') },
    });
    page.ws.send(JSON.stringify({ call: 9 }));
    expect(await page.answer(9)).toMatchObject({
      ok: false,
      error: { code: 'invalid_call', message: expect.stringContaining('"name"') },
    });
    page.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    page.ws.send(
      JSON.stringify({ call: 10, name: 'basket.addScan', input: { code: '2', source: 'keypad' } }),
    );
    expect(await page.answer(10)).toMatchObject({ ok: true });
    page.ws.close();
  });

  it('refuses calls past the limit waiting at once, and answers every one', async () => {
    const page = await openPage();
    for (let id = 0; id <= MAX_CALLS_IN_FLIGHT; id++)
      page.ws.send(JSON.stringify({ call: id, name: 'sync.now', input: {} }));
    expect(await page.answer(MAX_CALLS_IN_FLIGHT)).toMatchObject({
      ok: false,
      error: { code: 'too_many_calls' },
    });
    for (const release of slow.splice(0)) release();
    expect(await page.answer(0)).toMatchObject({ ok: true });
    page.ws.close();
  });

  it('lets a customer display’s socket read, and refuses it every act before any handler runs', async () => {
    const display = await openPage('/display/api/events');
    const before = scans.length;
    display.ws.send(
      JSON.stringify({ call: 1, name: 'basket.addScan', input: { code: '3', source: 'keypad' } }),
    );
    expect(await display.answer(1)).toMatchObject({ ok: false, error: { code: 'display_read_only' } });
    expect(scans.length).toBe(before);
    display.ws.send(JSON.stringify({ call: 2, name: 'settings.get', input: {} }));
    // The stub answers not_used: what matters is that the door let the read through to its handler.
    expect(await display.answer(2)).toMatchObject({ ok: false, error: { code: 'not_used' } });
    display.ws.close();
  });
});
