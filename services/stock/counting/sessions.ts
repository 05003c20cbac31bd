// Count sessions on this terminal: start or join by scope, count lines (each its own `stock.counted`
// event, written with the line in one transaction), finish. Every device counting through this
// terminal — its own screen, handhelds through its host — shares its sessions; each line names the
// device, the staff member and the moment it was counted, which HQ needs to take the count at that
// moment (server/counts).
import type { SessionCountPayload } from '../../../core/sync/counting';
import { MAX_QUANTITY } from '../../../core/sync/values';
import { uuidv7 } from '../../../core/uuid7';
import { findProduct } from '../../../db/catalog';
import {
  countSession,
  countSessions,
  countTotals,
  countedGtins,
  deviceCounted,
  finishCountSession,
  insertCountLine,
  insertCountSession,
  openSessionFor,
  type CountSessionRow,
} from '../../../db/count-sessions';
import type { Database } from '../../../db/open';
import { appendEvent } from '../../../db/outbox';
import type { ApiResult, CountLineInput, CountScope, CountSessionView } from '../../api/contract';
import type { CheckoutContext, OnDuty } from '../../checkout/context';
import { fail, ok } from '../../checkout/result';
import { findStockItem } from './find-item';
import { outOfScope, scopeKey } from './scope';

/** The device a line was counted on: this terminal, or a handheld through it. */
export function deviceOf(ctx: CheckoutContext, device: string | undefined): string {
  return device ? `${ctx.settings.terminalId}:${device}` : ctx.settings.terminalId;
}

export function startCount(
  ctx: CheckoutContext,
  scope: CountScope,
  staff: OnDuty,
  now: Date,
): ApiResult<CountSessionView> {
  const key = scopeKey(scope);
  const session = ctx.db
    .transaction(() => {
      const open = openSessionFor(ctx.db, key);
      if (open) return open;
      const id = uuidv7(now.getTime());
      const stored = scope.kind === 'list' ? { ...scope, gtins: [...new Set(scope.gtins)].sort() } : scope;
      insertCountSession(ctx.db, {
        id,
        scope: JSON.stringify(stored),
        scopeKey: key,
        startedAt: now.toISOString(),
        startedBy: staff.id,
      });
      return countSession(ctx.db, id)!;
    })
    .immediate();
  return ok(sessionView(ctx.db, session));
}

export function countLine(
  ctx: CheckoutContext,
  input: CountLineInput,
  staff: OnDuty,
  now: Date,
): ApiResult<CountSessionView> {
  const found = findStockItem(ctx, input.code, now);
  if (!found.ok) return fail(found.code, found.message);
  const { product } = found;
  const location = input.location.trim();
  // HQ stores the label as text: a NUL or control character would leave the line stranded here.
  if (/\p{Cc}/u.test(location))
    return fail('invalid_location', 'The location label holds a control character: scan or type it again');
  const deviceId = deviceOf(ctx, input.device);
  return ctx.db
    .transaction((): ApiResult<CountSessionView> => {
      const session = countSession(ctx.db, input.sessionId);
      const refused = sessionRefusal(session, input.sessionId);
      if (refused) return refused;
      const outside = outOfScope(JSON.parse(session!.scope) as CountScope, product, location);
      if (outside) return fail('not_in_count', `Not counted: ${outside}`);
      const key = { sessionId: input.sessionId, gtin: product.gtin, location, deviceId };
      const counted = deviceCounted(ctx.db, key) + input.quantity;
      if (counted > MAX_QUANTITY)
        return fail('quantity_out_of_range', `The count of ${product.name} would pass ${MAX_QUANTITY}`);
      const lineId = uuidv7(now.getTime());
      const countedAt = now.toISOString();
      const payload: SessionCountPayload = {
        sessionId: input.sessionId,
        deviceId,
        staffId: staff.id,
        lines: [{ gtin: product.gtin, counted, location, countedAt, lineId, added: input.quantity }],
      };
      const eventId = appendEvent(ctx.db, 'stock.counted', payload, now);
      insertCountLine(ctx.db, {
        id: lineId,
        ...key,
        quantity: input.quantity,
        staffId: staff.id,
        countedAt,
        eventId,
      });
      return ok(sessionView(ctx.db, session!));
    })
    .immediate();
}

export function finishCount(
  ctx: CheckoutContext,
  sessionId: string,
  staff: OnDuty,
  now: Date,
): ApiResult<CountSessionView> {
  return ctx.db
    .transaction((): ApiResult<CountSessionView> => {
      const session = countSession(ctx.db, sessionId);
      const refused = sessionRefusal(session, sessionId);
      if (refused) return refused;
      finishCountSession(ctx.db, sessionId, staff.id, now.toISOString());
      return ok(sessionView(ctx.db, countSession(ctx.db, sessionId)!));
    })
    .immediate();
}

export function showCount(ctx: CheckoutContext, sessionId: string): ApiResult<CountSessionView> {
  const session = countSession(ctx.db, sessionId);
  if (!session) return unknownSession(sessionId);
  return ok(sessionView(ctx.db, session));
}

export function listCounts(ctx: CheckoutContext): ApiResult<{ sessions: CountSessionView[] }> {
  return ok({ sessions: countSessions(ctx.db).map((s) => sessionView(ctx.db, s)) });
}

function sessionRefusal(session: CountSessionRow | null, id: string): ApiResult<never> | null {
  if (!session) return unknownSession(id);
  if (session.state !== 'open')
    return fail(
      'count_finished',
      `The count started ${session.startedAt} was finished at ${session.finishedAt}: start a new count to count again`,
    );
  return null;
}

function unknownSession(id: string) {
  return fail(
    'unknown_count',
    `No count ${id.slice(0, 64)} on this terminal: start a count, or pick an open one`,
  );
}

export function sessionView(db: Database, session: CountSessionRow): CountSessionView {
  const scope = JSON.parse(session.scope) as CountScope;
  const lines = countTotals(db, session.id).map((t) => {
    const product = findProduct(db, t.gtin);
    return {
      gtin: t.gtin,
      name: product?.name ?? t.gtin,
      unit: product?.unit ?? 'each',
      location: t.location,
      counted: t.counted,
      devices: t.devices,
    };
  });
  return {
    id: session.id,
    scope,
    state: session.state,
    startedAt: session.startedAt,
    lines,
    uncounted: uncounted(db, session.id, scope),
  };
}

function uncounted(db: Database, sessionId: string, scope: CountScope): number {
  const counted = countedGtins(db, sessionId);
  if (scope.kind === 'list') return scope.gtins.filter((g) => !counted.has(g)).length;
  if (scope.kind === 'location') return 0;
  const inDepartment = db.prepare('SELECT gtin FROM products WHERE department = ?').all(scope.department) as {
    gtin: string;
  }[];
  return inDepartment.filter((p) => !counted.has(p.gtin)).length;
}
