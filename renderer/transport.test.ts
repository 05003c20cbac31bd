import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { TerminalEvent } from '../services/api/contract';
import { createBridgeClient, createBrowserClient, type SocketLike } from './transport';

/** A real HTTP + WebSocket backend speaking the browser-mode protocol. */
async function startBackend() {
  const calls: { name: string; input: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const name = req.url!.replace('/api/', '');
      calls.push({ name, input: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      if (name === 'broken') return res.end('<html>oops</html>');
      res.end(JSON.stringify({ ok: true, value: { handled: name } }));
    });
  });
  const wss = new WebSocketServer({ server, path: '/api/events' });
  // Calls sent on the event socket are answered on it, by number (services/web/socket-calls.ts).
  const socketCalls: { name: string; input: unknown }[] = [];
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const { call, name, input } = JSON.parse(String(data)) as {
        call: number;
        name: string;
        input: unknown;
      };
      socketCalls.push({ name, input });
      calls.push({ name, input });
      if (name === 'never.answered') return;
      ws.send(JSON.stringify({ reply: call, result: { ok: true, value: { handled: name, via: 'socket' } } }));
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const nextSocket = () => new Promise<WebSocket>((r) => wss.once('connection', r));
  const close = async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise((r) => wss.close(r));
    await new Promise((r) => server.close(r));
  };
  return { origin, calls, socketCalls, nextSocket, close };
}

const WS = WebSocket as unknown as new (url: string) => SocketLike;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('browser-mode transport', () => {
  it('POSTs the JSON input to /api/<handler> and returns the ApiResult', async () => {
    const backend = await startBackend();
    cleanup = backend.close;
    const client = createBrowserClient({ origin: backend.origin, WebSocket: WS });
    const result = await client.call('basket.addScan', { code: '4006381333931', source: 'keypad' });
    expect(result).toEqual({ ok: true, value: { handled: 'basket.addScan' } });
    expect(backend.calls).toEqual([
      { name: 'basket.addScan', input: { code: '4006381333931', source: 'keypad' } },
    ]);
  });

  it('turns an unreachable backend or a non-JSON answer into an error value', async () => {
    const backend = await startBackend();
    cleanup = backend.close;
    const client = createBrowserClient({ origin: backend.origin, WebSocket: WS });
    const broken = await client.call('broken' as 'session.get', {});
    expect(broken).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    const down = createBrowserClient({ origin: 'http://127.0.0.1:9', WebSocket: WS });
    expect(await down.call('session.get', {})).toMatchObject({ ok: false, error: { code: 'network_error' } });
  });

  it('delivers events, reconnects after a drop and resyncs the session', async () => {
    const backend = await startBackend();
    cleanup = backend.close;
    const client = createBrowserClient({ origin: backend.origin, WebSocket: WS, minBackoffMs: 20 });
    const events: TerminalEvent[] = [];
    const first = backend.nextSocket();
    const off = client.subscribe((e) => events.push(e));
    const socket = await first;
    const scanner = { id: 's1', path: '/dev/x', baudRate: 9600, connected: true, lastError: null };
    socket.send(JSON.stringify({ type: 'scanner.status', scanner }));
    await expect.poll(() => events.length).toBe(1);
    expect(backend.calls).toEqual([]); // no resync on the first connection

    const second = backend.nextSocket();
    socket.terminate();
    await second;
    await expect.poll(() => events.length).toBe(2);
    expect(backend.calls.map((c) => c.name)).toEqual(['session.get']);
    expect(events[1]).toEqual({
      type: 'session.reset',
      session: { handled: 'session.get', via: 'socket' },
    });
    off();
  });

  it('sends calls on the open event socket instead of a POST, each answered by its number', async () => {
    const backend = await startBackend();
    cleanup = backend.close;
    const client = createBrowserClient({ origin: backend.origin, WebSocket: WS });
    const opened = backend.nextSocket();
    const off = client.subscribe(() => {});
    await opened;
    await expect
      .poll(async () => (await client.call('session.get', {})) as unknown)
      .toEqual({ ok: true, value: { handled: 'session.get', via: 'socket' } });
    const [a, b] = await Promise.all([
      client.call('basket.addScan', { code: '1', source: 'keypad' }),
      client.call('basket.removeLine', { lineId: 'l1' }),
    ]);
    expect(a).toEqual({ ok: true, value: { handled: 'basket.addScan', via: 'socket' } });
    expect(b).toEqual({ ok: true, value: { handled: 'basket.removeLine', via: 'socket' } });
    expect(backend.socketCalls.at(-1)).toEqual({ name: 'basket.removeLine', input: { lineId: 'l1' } });
    off();
  });

  it('fails a call still waiting when the socket drops, rather than leave it hanging', async () => {
    const backend = await startBackend();
    cleanup = backend.close;
    const client = createBrowserClient({ origin: backend.origin, WebSocket: WS, minBackoffMs: 20 });
    const opened = backend.nextSocket();
    const off = client.subscribe(() => {});
    const socket = await opened;
    await expect
      .poll(async () => ((await client.call('session.get', {})) as { value?: { via?: string } }).value?.via)
      .toBe('socket');
    const waiting = client.call('never.answered' as 'session.get', {});
    await expect.poll(() => backend.socketCalls.at(-1)?.name).toBe('never.answered');
    socket.terminate();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'network_error' } });
    off();
  });
});

describe('Electron bridge transport', () => {
  it('passes calls and events through, and a rejected IPC call becomes an error value', async () => {
    const listeners: ((e: TerminalEvent) => void)[] = [];
    const client = createBridgeClient({
      call: async (name) => {
        if (name === 'payment.start') throw new Error('ipc gone');
        return { ok: true, value: name };
      },
      subscribe: (l) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
    });
    expect(await client.call('settings.get', {})).toEqual({ ok: true, value: 'settings.get' });
    expect(await client.call('payment.start', {})).toMatchObject({
      ok: false,
      error: { code: 'transport_error' },
    });
    const got: TerminalEvent[] = [];
    const off = client.subscribe((e) => got.push(e));
    listeners[0]!({ type: 'basket.changed', basket: { id: 'b' } as never });
    off();
    expect(got).toHaveLength(1);
    expect(listeners).toHaveLength(0);
  });
});
