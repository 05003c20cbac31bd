// How the payment simulator's HTTP handlers act out its fault modes (faults.ts says what
// each mode means), and the admin endpoint that switches them: GET/POST/DELETE /api/faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssues } from '../../../core/result';
import { readBody, sendJson } from '../../web/http-util';
import { faultSchema } from './faults';
import type { FaultTarget, FaultedRequest, SimulatorFaults } from './faults';
import type { SimPayment } from './store';

/** What the `decline` fault makes the wallet say. */
export const BANK_DECLINE = 'declined by the bank';

interface FaultContext {
  faults: SimulatorFaults;
}

/** `slow`: the request is held before it is handled; it is still handled if the client gave up. */
export async function slow(ctx: FaultContext, request: FaultedRequest, target: FaultTarget): Promise<void> {
  const fault = ctx.faults.take('slow', request, target);
  if (fault) await sleep(fault.ms);
}

/** `timeout_before_charge`: held until the client gives up, then dropped unhandled. True if so. */
export const neverArrives = dropAfterHolding('timeout_before_charge');

/** `timeout_after_charge`: the work is done; its answer is held until the client gives up, then dropped. */
export const lostAnswer = dropAfterHolding('timeout_after_charge');

/** A fault whose request (or answer) is held, then the connection dropped; resolves true if it struck. */
function dropAfterHolding(mode: 'timeout_before_charge' | 'timeout_after_charge') {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: FaultContext,
    request: FaultedRequest,
    target: FaultTarget,
  ): Promise<boolean> => {
    const fault = ctx.faults.take(mode, request, target);
    if (!fault) return false;
    await holdThenDrop(req, res, fault.ms);
    return true;
  };
}

/** `late_notify`: a long-poll carrying a change answers no sooner than `ms` after the change. */
export async function lateNotification(
  req: IncomingMessage,
  ctx: FaultContext,
  payment: SimPayment,
  known: string,
): Promise<void> {
  const changedAt = payment.notification?.changedAt;
  if (payment.status === known || changedAt === undefined) return;
  const fault = ctx.faults.peek('late_notify', 'wait', payment);
  const due = fault ? changedAt + fault.ms - Date.now() : 0;
  if (due > 0) await sleepUnlessClosed(req, due);
}

/** The admin endpoint: GET lists the faults in force, POST adds one, DELETE switches all off. */
export async function faultsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: FaultContext,
  method: string,
): Promise<void> {
  if (method === 'GET') return sendJson(res, 200, { faults: ctx.faults.list() });
  if (method === 'DELETE') {
    ctx.faults.clear();
    return sendJson(res, 200, { faults: [] });
  }
  if (method !== 'POST') {
    return sendJson(
      res,
      405,
      { error: { code: 'method_not_allowed', message: 'use GET, POST or DELETE' } },
      {
        Allow: 'GET, POST, DELETE',
      },
    );
  }
  const body = await readBody(req, 4096);
  let json: unknown;
  try {
    json = body.ok ? JSON.parse(body.text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = faultSchema.safeParse(json);
  if (!parsed.success) {
    const message = json === undefined ? 'the body is not JSON' : describeIssues(parsed.error.issues);
    return sendJson(res, 400, { error: { code: 'invalid_input', message } });
  }
  ctx.faults.add(parsed.data);
  sendJson(res, 201, { faults: ctx.faults.list() });
}

async function holdThenDrop(req: IncomingMessage, res: ServerResponse, ms: number): Promise<void> {
  await sleepUnlessClosed(req, ms);
  res.destroy(); // no answer at all: the client sees a reset or its own timeout
}

function sleepUnlessClosed(req: IncomingMessage, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (req.socket.destroyed) return resolve();
    const timer = setTimeout(done, ms);
    req.socket.once('close', done);
    function done() {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    }
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
