// The renderer's only door to the backend. In Electron the preload exposes `window.openlane`;
// in browser mode we speak the same protocol over HTTP (calls) and a WebSocket (events). While the
// event socket is open, calls travel on it too (services/web/socket-calls.ts): a scan is then one
// small message on an open connection instead of a new HTTP request.
import type {
  ApiResult,
  HandlerInput,
  HandlerName,
  HandlerOutput,
  TerminalClient,
  TerminalEvent,
} from '../services/api/contract';

/** What Electron's preload puts on `window.openlane` through contextBridge. */
export interface OpenLaneBridge {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (event: TerminalEvent) => void): (() => void) | void;
}

declare global {
  interface Window {
    openlane?: OpenLaneBridge;
  }
}

/** The slice of the DOM WebSocket we use, so tests can pass the `ws` package's class. */
export interface SocketLike {
  /** 1 = open (the DOM's WebSocket.OPEN). */
  readonly readyState: number;
  send(data: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface BrowserClientOptions {
  /** Origin of the backend, e.g. `http://127.0.0.1:8080`. */
  origin: string;
  /** Where the handlers and the event stream live: `/api` (the default), `/display/api` for a display. */
  apiPath?: string;
  fetch?: typeof fetch;
  WebSocket?: new (url: string) => SocketLike;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

const failure = (code: string, message: string): { ok: false; error: { code: string; message: string } } => ({
  ok: false,
  error: { code, message },
});

/** Picks the transport for this window: the Electron bridge if present, browser mode otherwise. */
export function createTerminalClient(): TerminalClient {
  if (typeof window !== 'undefined' && window.openlane) return createBridgeClient(window.openlane);
  return createBrowserClient({ origin: window.location.origin });
}

/** The customer display's client: the Electron bridge (main checks the window), else the read-only door. */
export function createDisplayClient(): TerminalClient {
  if (typeof window !== 'undefined' && window.openlane) return createBridgeClient(window.openlane);
  return createBrowserClient({ origin: window.location.origin, apiPath: '/display/api' });
}

/** Wraps the Electron preload bridge; a rejected IPC call becomes an error value, never a throw. */
export function createBridgeClient(bridge: OpenLaneBridge): TerminalClient {
  return {
    async call<N extends HandlerName>(name: N, input: HandlerInput<N>) {
      try {
        return (await bridge.call(name, input)) as ApiResult<HandlerOutput<N>>;
      } catch (err) {
        return failure('transport_error', `IPC call ${name} failed: ${String(err)}`);
      }
    },
    subscribe(listener) {
      const off = bridge.subscribe(listener);
      return () => {
        if (typeof off === 'function') off();
      };
    },
  };
}

/** Browser mode: POST /api/<name> for calls, /api/events WebSocket for events (reconnecting). */
export function createBrowserClient(options: BrowserClientOptions): TerminalClient {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const apiPath = options.apiPath ?? '/api';
  const listeners = new Set<(event: TerminalEvent) => void>();
  const emit = (event: TerminalEvent) => listeners.forEach((l) => l(event));

  async function call<N extends HandlerName>(
    name: N,
    input: HandlerInput<N>,
  ): Promise<ApiResult<HandlerOutput<N>>> {
    const started = performance.now();
    const result = await (events.call(name, input ?? {}) ?? post(name, input));
    // A User Timing entry per call: DevTools shows each round trip, and the counter bench reads them.
    measureCall(name, started);
    return result as ApiResult<HandlerOutput<N>>;
  }

  async function post(name: string, input: unknown): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${options.origin}${apiPath}/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return failure('network_error', `POST ${apiPath}/${name} failed: ${String(err)}`);
    }
    try {
      return (await response.json()) as ApiResult<unknown>;
    } catch {
      return failure(
        'bad_response',
        `POST ${apiPath}/${name} answered HTTP ${response.status} without a JSON ApiResult`,
      );
    }
  }

  const events = openEventSocket(options, emit, async () => {
    // Events may have been missed while the socket was down: resync the whole session.
    const session = await call('session.get', {});
    if (session.ok) emit({ type: 'session.reset', session: session.value });
  });

  return {
    call,
    subscribe(listener) {
      listeners.add(listener);
      events.ensureOpen();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) events.stop();
      };
    },
  };
}

/** Names each call's round trip in the page's performance timeline (`api basket.addScan`). */
function measureCall(name: string, started: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  try {
    performance.measure(`api ${name}`, { start: started, end: performance.now() });
  } catch {
    // A timeline that refuses the entry changes nothing for the call.
  }
}

/** What the socket carries back: an event, or the answer to a call sent on it. */
type SocketMessage = TerminalEvent | { reply: number | null; result: ApiResult<unknown> };

const SOCKET_OPEN = 1;

/**
 * Keeps one WebSocket open while anyone listens; after a drop it retries with exponential backoff.
 * While it is open it also carries calls, each answered by its number; a drop fails the calls still
 * waiting (the session resync after the reconnect shows what they did).
 */
function openEventSocket(
  options: BrowserClientOptions,
  emit: (e: TerminalEvent) => void,
  onReconnect: () => void,
) {
  const Ctor = options.WebSocket ?? (WebSocket as unknown as new (url: string) => SocketLike);
  const url = options.origin.replace(/^http/, 'ws') + `${options.apiPath ?? '/api'}/events`;
  const minDelay = options.minBackoffMs ?? 250;
  const maxDelay = options.maxBackoffMs ?? 5000;
  let socket: SocketLike | null = null;
  let delay = minDelay;
  let everOpened = false;
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let nextCall = 0;
  const waiting = new Map<number, { name: string; settle: (result: ApiResult<unknown>) => void }>();

  const failWaiting = () => {
    for (const [id, { name, settle }] of waiting) {
      waiting.delete(id);
      settle(failure('network_error', `The connection to the terminal dropped while ${name} was waiting`));
    }
  };

  function receive(text: string) {
    const message = JSON.parse(text) as SocketMessage;
    if ('reply' in message) {
      const call = message.reply === null ? undefined : waiting.get(message.reply);
      if (!call) return console.warn('openlane: an answer to no call waiting', message);
      waiting.delete(message.reply!);
      call.settle(message.result);
      return;
    }
    emit(message);
  }

  function connect() {
    const ws = new Ctor(url);
    socket = ws;
    ws.onopen = () => {
      delay = minDelay;
      if (everOpened) onReconnect();
      everOpened = true;
    };
    ws.onmessage = (ev) => {
      try {
        receive(String(ev.data));
      } catch {
        console.warn('openlane: ignored an event that is not JSON', ev.data);
      }
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      failWaiting();
      if (stopped) return;
      socket = null;
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelay);
    };
  }

  return {
    ensureOpen() {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      socket?.close();
      socket = null;
      failWaiting();
    },
    /** Sends a call on the open socket and resolves with its answer; null when no socket is open. */
    call(name: string, input: unknown): Promise<ApiResult<unknown>> | null {
      const ws = socket;
      if (!ws || ws.readyState !== SOCKET_OPEN) return null;
      const id = nextCall++;
      return new Promise((settle) => {
        waiting.set(id, { name, settle });
        try {
          ws.send(JSON.stringify({ call: id, name, input }));
        } catch (err) {
          waiting.delete(id);
          settle(failure('network_error', `Sending ${name} to the terminal failed: ${String(err)}`));
        }
      });
    },
  };
}
