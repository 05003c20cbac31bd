// Browser mode: serves the built renderer and carries the TerminalApi over HTTP + WebSocket.
// Protocol: POST /api/<handler> with a JSON body → JSON ApiResult; WebSocket /api/events → one
// JSON text message per TerminalEvent; anything else is a static file from rendererDir.
// A page whose event socket is open sends its calls over it too (./socket-calls.ts): the same
// handlers and the same doors, without a new HTTP request per scan.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { TerminalApi, TerminalEvent, TerminalRole } from '../api/contract';
import { displayRefusal, isDisplayHandler } from '../api/display';
import { dispatch } from '../api/dispatch';
import { isLoopbackHost } from './addresses';
import {
  DISPLAY_API,
  DISPLAY_EVENTS,
  DISPLAY_ONLY_MESSAGE,
  DISPLAY_PAGE,
  displayListener,
  displayPairedMay,
  isDisplayApi,
  isDisplayPage,
} from './display-door';
import { createDoors, type Doors } from './doors';
import { closeServer, listen, readBody, sendJson, sendText, urlFor } from './http-util';
import { answerSocketCalls, MAX_SOCKET_CALL_BYTES } from './socket-calls';
import { handlePairing, unpaired, UNPAIRED_MESSAGE } from './pairing';
import { lookupStatic, sendFile } from './static-files';
import { NO_STOCK_WORK_MESSAGE, STOCK_PAGE, stockPageFor } from './stock-page';

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
  /** Off loopback: a browser paired with this token is a customer display, let in to /display only. */
  displayToken?: string;
  /**
   * Required when `host` is not loopback: a browser on another machine must have paired with it (/pair)
   * before it may load the till or call its API. Requests from this machine need none.
   */
  accessToken?: string;
  /** The terminal's role: a staff-run one serves the handhelds' stock screen at /stock (./stock-page.ts). */
  role?: TerminalRole;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;
/** A screen that stops reading events is dropped rather than buffered without end. */
const MAX_SOCKET_BACKLOG = 4 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.accessToken)
    throw new Error(`serving the till on ${host} (not loopback) needs an access token`);
  let doors: Doors | null = null;
  let csp = '';
  const server = createServer((req, res) => {
    applySecurityHeaders(res, csp);
    handleRequest(req, res, options, doors!).catch((error: unknown) => {
      console.error('openlane web host: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, failure('internal_error', 'The web host failed to answer'));
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_CALL_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = pathOf(req);
    if (path !== '/api/events' && path !== DISPLAY_EVENTS) return refuseUpgrade(socket, 404, 'Not Found');
    if (!doors!.hostAllowed(req) || !doors!.originAllowed(req))
      return refuseUpgrade(socket, 403, 'Forbidden');
    const display = path === DISPLAY_EVENTS;
    const paired = doors!.local(req) || doors!.tokenAccepted(req);
    if (!paired && !(display && doors!.displayTokenAccepted(req)))
      return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send = streamEvents(ws, options.subscribe, display);
      answerSocketCalls(ws, options.api, display, send);
    });
  });

  const port = await listen(server, options.port, host);
  const url = urlFor(host, port);
  doors = createDoors({
    host,
    port,
    extraOrigins: options.allowedOrigins,
    accessToken: options.accessToken,
    displayToken: options.displayToken,
  });
  csp = contentSecurityPolicy(doors.origins);

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
  doors: Doors,
): Promise<void> {
  const path = pathOf(req);
  if (!doors.hostAllowed(req)) {
    return sendJson(
      res,
      421,
      failure(
        'wrong_host',
        `This is not ${req.headers.host ?? 'the host named'}: use the terminal's own address`,
      ),
    );
  }
  if (path === '/pair') return handlePairing(req, res, doors);
  const display = isDisplayApi(path);
  const api = display || path === '/api' || path.startsWith('/api/');
  const paired = doors.local(req) || doors.tokenAccepted(req);
  if (!paired && doors.displayTokenAccepted(req)) {
    const may = displayPairedMay(req.method ?? 'GET', path);
    if (may === 'to-display') return redirect(res, DISPLAY_PAGE);
    if (may === 'refuse') return sendJson(res, 403, failure('display_only', DISPLAY_ONLY_MESSAGE));
  } else if (!paired) {
    return api ? sendJson(res, 401, failure('not_paired', UNPAIRED_MESSAGE)) : unpaired(req, res);
  }
  if (api) return handleApi(req, res, path, options.api, doors, display);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8');
  }
  if (path === STOCK_PAGE && stockPageFor(options.role) === 'refuse')
    return sendText(res, 404, NO_STOCK_WORK_MESSAGE, 'text/plain; charset=utf-8');
  const page = path === '/' || isDisplayPage(path) || path === STOCK_PAGE ? '/index.html' : path;
  const found = await lookupStatic(options.rendererDir, page);
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
  doors: Doors,
  display: boolean,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    const events = path === '/api/events' || path === DISPLAY_EVENTS;
    const hint = events ? `open ${path} as a WebSocket` : `use POST, not ${req.method}`;
    return sendJson(res, 405, failure('method_not_allowed', `${req.method} ${path}: ${hint}`));
  }
  if (!doors.originAllowed(req)) {
    const origin = req.headers.origin;
    const message =
      origin === undefined
        ? 'A request without an Origin may only come from this machine'
        : `Origin ${origin} may not call this terminal`;
    return sendJson(res, 403, failure('forbidden_origin', message));
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
  const raw = path.slice((display ? `${DISPLAY_API}/` : '/api/').length);
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // A display only reads: anything else is refused before it is even looked up.
  if (display && !isDisplayHandler(name)) return sendJson(res, 403, displayRefusal(name));
  sendJson(res, 200, await dispatch(api, name, input));
}

/** Streams the terminal's events to the socket; returns the guarded send the call answers use too. */
function streamEvents(
  ws: WebSocket,
  subscribe: WebHostOptions['subscribe'],
  display: boolean,
): (message: object) => void {
  const send = (message: object) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_SOCKET_BACKLOG) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = subscribe(display ? displayListener(send) : send);
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  return send;
}

function contentSecurityPolicy(origins: ReadonlySet<string>): string {
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

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
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
