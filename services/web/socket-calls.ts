// Calls over the event socket. A page whose socket is open sends `{"call": 7, "name": "basket.addScan",
// "input": {…}}` and gets `{"reply": 7, "result": <ApiResult>}` back, among its events. Why: a scan is
// one small message on a connection already open, where a POST costs the browser a new request (about
// 2 ms of the counter's code-to-line time). The socket passed the same doors as a POST when it opened
// (Host, Origin, pairing: host.ts), so a call here may do exactly what the same page's POST may; a
// customer display's socket only reads, as its POSTs do.
import type { RawData, WebSocket } from 'ws';
import type { TerminalApi } from '../api/contract';
import { displayRefusal, isDisplayHandler } from '../api/display';
import { dispatch } from '../api/dispatch';

/** A POST body's 64 KiB (host.ts MAX_BODY_BYTES) and the envelope around it; a bigger message closes the socket. */
export const MAX_SOCKET_CALL_BYTES = 65 * 1024;
/** A page waits on a few calls at once; more in flight is a runaway or hostile page, refused call by call. */
export const MAX_CALLS_IN_FLIGHT = 32;
const MAX_NAME_LENGTH = 200;

type Call =
  { ok: true; id: number; name: string; input: unknown } | { ok: false; id: number | null; message: string };

/** Answers the calls a socket sends, each with the id it came with, through `send` (the socket's guarded send). */
export function answerSocketCalls(
  ws: WebSocket,
  api: TerminalApi,
  display: boolean,
  send: (message: object) => void,
): void {
  let inFlight = 0;
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const call = parseCall(data, isBinary);
    if (!call.ok) return send({ reply: call.id, result: failure('invalid_call', call.message) });
    if (display && !isDisplayHandler(call.name))
      return send({ reply: call.id, result: displayRefusal(call.name) });
    if (inFlight >= MAX_CALLS_IN_FLIGHT) {
      const message = `At most ${MAX_CALLS_IN_FLIGHT} calls may wait at once on one connection`;
      return send({ reply: call.id, result: failure('too_many_calls', message) });
    }
    inFlight += 1;
    // dispatch never throws: every call gets its answer.
    void dispatch(api, call.name, call.input).then((result) => {
      inFlight -= 1;
      send({ reply: call.id, result });
    });
  });
}

function parseCall(data: RawData, isBinary: boolean): Call {
  if (isBinary) return { ok: false, id: null, message: 'A call is a JSON text message, not binary' };
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
  } catch (error) {
    return { ok: false, id: null, message: `A call must be JSON: ${(error as Error).message}` };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return { ok: false, id: null, message: 'A call is a JSON object {"call", "name", "input"}' };
  const { call, name, input } = message as { call?: unknown; name?: unknown; input?: unknown };
  if (typeof call !== 'number' || !Number.isSafeInteger(call) || call < 0)
    return { ok: false, id: null, message: '"call" must be a whole number ≥ 0 naming the call' };
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
    return {
      ok: false,
      id: call,
      message: `"name" must be a handler name of 1 to ${MAX_NAME_LENGTH} characters`,
    };
  return { ok: true, id: call, name, input: input ?? {} };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function failure(code: string, message: string) {
  return { ok: false as const, error: { code, message } };
}
