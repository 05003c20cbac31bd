// Browser mode: serves the built renderer and carries the TerminalApi over HTTP + WebSocket.
// Protocol: POST /api/<handler> with a JSON body → JSON ApiResult; WebSocket /api/events → one
// JSON text message per TerminalEvent; anything else is a static file from rendererDir.
import { networkInterfaces } from 'node:os';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { TerminalApi, TerminalEvent } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { closeServer, listen, readBody, sendJson, sendText, urlFor } from './http-util';
import { lookupStatic, sendFile } from './static-files';

export interface WebHostOptions {
  api: TerminalApi;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  rendererDir: string;
  /** 0 = any free port. */
  port: number;
  /** Default 127.0.0.1: a till must not be drivable from the network unless asked for. */
  host?: string;
  /** Further origins allowed to call the API (e.g. `http://192.168.1.20:8080` when bound to 0.0.0.0). */
  allowedOrigins?: string[];
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;
/** A screen that stops reading events is dropped rather than buffered without end. */
const MAX_SOCKET_BACKLOG = 4 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const origins = new Set<string>();
  let csp = '';
  const server = createServer((req, res) => {
    applySecurityHeaders(res, csp);
    handleRequest(req, res, options, origins).catch((error: unknown) => {
      console.error('openlane web host: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, failure('internal_error', 'The web host failed to answer'));
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (pathOf(req) !== '/api/events') return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, origins)) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => streamEvents(ws, options.subscribe));
  });

  const port = await listen(server, options.port, host);
  const url = urlFor(host, port);
  for (const origin of ownOrigins(host, port, url, options.allowedOrigins ?? [])) origins.add(origin);
  csp = contentSecurityPolicy(origins);

  return {
    url,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(server);
    },
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebHostOptions,
  origins: Set<string>,
): Promise<void> {
  const path = pathOf(req);
  if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path, options.api, origins);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8');
  }
  const found = await lookupStatic(options.rendererDir, path === '/' ? '/index.html' : path);
  if (found.kind === 'file') return sendFile(req, res, found);
  if (found.kind === 'bad_request')
    return sendText(res, 400, `Bad Request: ${found.reason}`, 'text/plain; charset=utf-8');
  sendText(res, 404, 'Not Found', 'text/plain; charset=utf-8');
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  api: TerminalApi,
  origins: Set<string>,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    const hint = path === '/api/events' ? 'open /api/events as a WebSocket' : `use POST, not ${req.method}`;
    return sendJson(res, 405, failure('method_not_allowed', `${req.method} ${path}: ${hint}`));
  }
  if (!originAllowed(req.headers.origin, origins)) {
    return sendJson(
      res,
      403,
      failure('forbidden_origin', `Origin ${req.headers.origin} may not call this terminal`),
    );
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body.ok) {
    res.setHeader('Connection', 'close');
    return sendJson(
      res,
      413,
      failure('body_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`),
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return sendJson(res, 400, failure('invalid_json', `The body of ${path} is not JSON: ${reason}`));
  }
  let name: string;
  try {
    name = decodeURIComponent(path.slice('/api/'.length));
  } catch {
    name = path.slice('/api/'.length);
  }
  sendJson(res, 200, await dispatch(api, name, input));
}

function streamEvents(ws: WebSocket, subscribe: WebHostOptions['subscribe']): void {
  const unsubscribe = subscribe((event) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_SOCKET_BACKLOG) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(event));
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
}

const WILDCARD = new Set(['0.0.0.0', '::']);

function ownOrigins(host: string, port: number, url: string, extra: string[]): string[] {
  const list = [url, ...extra.map((o) => o.replace(/\/+$/, ''))];
  if (LOOPBACK.has(host) || WILDCARD.has(host))
    list.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`);
  // Bound to every interface, the kiosk page may be opened at any of this machine's addresses.
  if (WILDCARD.has(host)) {
    for (const address of Object.values(networkInterfaces()).flat()) {
      if (address && address.family === 'IPv4') list.push(`http://${address.address}:${port}`);
    }
  }
  return list;
}

/** No Origin = not a browser page (curl, tests, the Electron main process); those are allowed. */
function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  return origin === undefined || allowed.has(origin);
}

function contentSecurityPolicy(origins: Set<string>): string {
  // An IPv6 literal is not a valid CSP host-source; the page at [::1] is still covered by 'self'.
  const sockets = [...origins]
    .filter((o) => !o.includes('['))
    .map((o) => o.replace(/^http/, 'ws'))
    .join(' ');
  return [
    "default-src 'self'",
    // The camera barcode decoder is WebAssembly; compiling it needs this and nothing looser.
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${sockets}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "media-src 'self' blob: mediastream:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function applySecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The path without query string; a request target that is not a path gets one that matches nothing. */
function pathOf(req: IncomingMessage): string {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return '/\0';
  const q = target.indexOf('?');
  return q === -1 ? target : target.slice(0, q);
}

function failure(code: string, message: string) {
  return { ok: false as const, error: { code, message } };
}
