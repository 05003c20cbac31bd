import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, HandlerName, TerminalApi } from './contract';
import { dispatch } from './dispatch';
import { handlerSchemas } from './schemas';

/** A TerminalApi whose handlers record their input; the ones a test does not set answer `not_used`. */
function recordingApi(
  overrides: Partial<Record<HandlerName, (input: unknown) => Promise<ApiResult<unknown>>>>,
) {
  const calls: { name: string; input: unknown }[] = [];
  const api = Object.fromEntries(
    (Object.keys(handlerSchemas) as HandlerName[]).map((name) => [
      name,
      async (input: unknown) => {
        calls.push({ name, input });
        const handler = overrides[name];
        return handler ? handler(input) : { ok: false, error: { code: 'not_used', message: 'not used' } };
      },
    ]),
  ) as unknown as TerminalApi;
  return { api, calls };
}

afterEach(() => vi.restoreAllMocks());

describe('dispatch', () => {
  it('answers unknown_handler for a name the contract does not have, including prototype keys', async () => {
    const { api, calls } = recordingApi({});
    for (const name of ['cart.explode', '__proto__', 'constructor', 'toString']) {
      const result = await dispatch(api, name, {});
      expect(result).toEqual({
        ok: false,
        error: { code: 'unknown_handler', message: `No handler named "${name}"` },
      });
    }
    expect(calls).toEqual([]);
  });

  it('names the field and what was wrong when the input is invalid, without calling the handler', async () => {
    const { api, calls } = recordingApi({});
    const result = await dispatch(api, 'basket.setQuantity', { lineId: 'line-1', quantity: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe('basket.setQuantity: quantity: must be at least 1');
    expect(calls).toEqual([]);
  });

  it.each([
    ['basket.addScan', { code: '   ', source: 'serial' }, 'code: must not be empty'],
    ['basket.addScan', { code: 'x'.repeat(513), source: 'serial' }, 'code: must be at most 512 characters'],
    [
      'basket.addScan',
      { code: '123', source: 'telepathy' },
      'source: must be one of serial, keypad, wedge, camera',
    ],
    [
      'basket.addScan',
      { code: '123', source: 'serial', weightGrams: 100_001 },
      'weightGrams: must be at most 100000',
    ],
    [
      'basket.addScan',
      { code: '123', source: 'serial', weightGrams: 1.5 },
      'weightGrams: must be a whole number',
    ],
    ['basket.setQuantity', { lineId: 'l', quantity: 10_000 }, 'quantity: must be at most 9999'],
    ['basket.removeLine', { lineId: '' }, 'lineId: must not be empty'],
    ['payment.get', { paymentId: 'p'.repeat(65) }, 'paymentId: must be at most 64 characters'],
    ['receipt.get', { receiptNumber: 42 }, 'receiptNumber: must be a string'],
    ['session.get', { sneaky: true }, 'input: Unrecognized key: "sneaky"'],
    ['settings.get', null, 'input: Invalid input: expected object, received null'],
    ['tender.cash', { handed: 0 }, 'handed: must be at least 1'],
    ['tender.cash', { handed: 12.5 }, 'handed: must be a whole number'],
    ['tender.remove', { position: '1' }, 'position: must be a number'],
    ['stock.workMode', { mode: 'selling' }, 'mode: must be sell or stock'],
  ])('%s rejects %j with "%s"', async (name, input, expected) => {
    const { api } = recordingApi({});
    const result = await dispatch(api, name, input);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `${name}: ${expected}`,
        // The same issues, structured: each with its field (empty for the input as a whole).
        details: [expect.objectContaining({ message: expected.slice(expected.indexOf(': ') + 2) })],
      },
    });
  });

  it('passes the validated input (codes trimmed) and returns the handler result unchanged', async () => {
    const basket = { id: 'b1' };
    const { api, calls } = recordingApi({ 'basket.addScan': async () => ({ ok: true, value: basket }) });
    const result = await dispatch(api, 'basket.addScan', { code: ' 6901234567892\r\n', source: 'wedge' });
    expect(result).toEqual({ ok: true, value: basket });
    expect(calls).toEqual([{ name: 'basket.addScan', input: { code: '6901234567892', source: 'wedge' } }]);
  });

  it('turns a throwing handler into internal_error and logs it instead of throwing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api } = recordingApi({
      'payment.start': async () => {
        throw new Error('database is locked');
      },
    });
    const result = await dispatch(api, 'payment.start', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal_error', message: 'Handler "payment.start" failed: database is locked' },
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain('payment.start');
  });

  it('turns a handler that returns no ApiResult into internal_error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api } = recordingApi({ 'sale.finish': async () => undefined as unknown as ApiResult<unknown> });
    const result = await dispatch(api, 'sale.finish', {});
    expect(result.ok === false && result.error.code).toBe('internal_error');
  });

  it('payment.markPaid refuses a reason that is empty or over 200 characters, before any handler runs', () => {
    const input = (reason: string) => ({ paymentId: 'p1', badge: 'STAFF-A01X', pin: '2468', reason });
    const schema = handlerSchemas['payment.markPaid'];
    expect(schema.safeParse(input('Other')).success).toBe(true);
    expect(schema.safeParse(input('   ')).success).toBe(false);
    expect(schema.safeParse(input('x'.repeat(201))).success).toBe(false);
    expect(schema.safeParse({ ...input('Other'), pinHash: 'x' }).success).toBe(false);
  });

  it('has a schema for every handler of the contract', () => {
    expect(Object.keys(handlerSchemas).sort()).toEqual([
      'ageCheck.cashier',
      'ageCheck.decide',
      'basket.addScan',
      'basket.cancel',
      'basket.discountLine',
      'basket.discountSale',
      'basket.overridePrice',
      'basket.removeDiscount',
      'basket.removeLine',
      'basket.setQuantity',
      'catalog.produceGrid',
      'catalog.search',
      'drawer.status',
      'handover.claim',
      'handover.offer',
      'handover.withdraw',
      'labels.print',
      'labels.queue',
      'lane.callHelp',
      'lane.self',
      'lanes.acknowledge',
      'lanes.ageCheck',
      'lanes.basket',
      'lanes.board',
      'lanes.handle',
      'lanes.lotCheck',
      'lanes.markPaid',
      'lanes.setMode',
      'payment.cancel',
      'payment.get',
      'payment.markPaid',
      'payment.start',
      'receipt.get',
      'receipt.print',
      'refund.cashInstead',
      'refund.find',
      'refund.get',
      'refund.noReceipt',
      'refund.print',
      'refund.quote',
      'refund.retry',
      'refund.search',
      'refund.start',
      'sale.finish',
      'sale.resume',
      'sale.suspend',
      'sale.suspended',
      'sale.void',
      'sale.voidSuspended',
      'scale.add',
      'scale.stop',
      'scale.weigh',
      'session.get',
      'session.setLanguage',
      'settings.get',
      'shift.close',
      'shift.current',
      'shift.noSale',
      'shift.open',
      'shift.payIn',
      'shift.payOut',
      'shift.xReport',
      'shift.zReport',
      'staff.current',
      'staff.lock',
      'staff.signIn',
      'staff.signOut',
      'staff.unlock',
      'stock.adjust',
      'stock.count',
      'stock.countFinish',
      'stock.countLine',
      'stock.countSessions',
      'stock.countStart',
      'stock.deliveries',
      'stock.item',
      'stock.receiveAll',
      'stock.receiveCancel',
      'stock.receiveFinish',
      'stock.receiveLine',
      'stock.receiveStart',
      'stock.receiving',
      'stock.transferOut',
      'stock.workMode',
      'sync.now',
      'sync.status',
      'tender.cash',
      'tender.qr',
      'tender.remove',
      'tender.state',
    ]);
  });
});
