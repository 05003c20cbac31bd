// The age hold on real parts: a real SQLite file, the real payment simulator over HTTP, the real flow.
// A basket with a beer (18+) cannot be paid — neither by the kiosk's QR nor by the shopper's wallet
// code — until an attendant approves with badge and PIN; a refusal voids the beer; every decision is
// journalled in the transaction that makes it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentBasket } from '../../db/baskets';
import { journalEntries, verifyJournal } from '../../db/journal';
import {
  PRODUCTS,
  WALLET,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  value,
  waitFor,
  type TestCheckout,
} from '../../test/helpers/checkout';
import { ATTENDANT, ATTENDANT_PIN } from '../../test/helpers/attendant';
import type { BasketView } from '../api/contract';
import type { PaymentSimulator } from '../payments/simulator/server';
import type { Settings } from '../settings';
import { ageCheckHandlers } from './age-check-handlers';
import { basketHandlers } from './basket-handlers';
import { createCheckoutContext } from './context';
import { createEventHub } from '../events';
import type { PaymentFlow } from './payment-flow';
import { decideAgeCheck, listAgeChecks } from './restrictions';

let sim: PaymentSimulator;
const opened: { checkout: TestCheckout; flow: PaymentFlow }[] = [];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  for (const { checkout, flow } of opened.splice(0)) {
    flow.close();
    // Whatever the test did, the journal's chain is whole.
    expect(verifyJournal(checkout.temp.db).ok).toBe(true);
    checkout.cleanup();
  }
});

function lane(
  restrictions: Partial<Settings['restrictions']> = {},
  role: Settings['role'] = 'kiosk',
  attendants: Settings['attendants'] = [ATTENDANT],
) {
  const checkout = openCheckout({
    attendants,
    role,
    restrictions: { ageApprovalCovers: 'later_items', timeZone: null, rules: [], ...restrictions },
  });
  const flow = paymentFlowFor(checkout, sim.url);
  opened.push({ checkout, flow });
  const checks = ageCheckHandlers(checkout.ctx);
  const scan = (code: string) => checkout.basket['basket.addScan']({ code, source: 'keypad' });
  const count = (sql: string) => checkout.db.prepare(sql).pluck().get() as number;
  return { checkout, flow, checks, scan, count };
}

const decide = (
  checks: ReturnType<typeof ageCheckHandlers>,
  basket: BasketView,
  decision: 'approve' | 'refuse',
  extra: { pin?: string; birthYear?: number } = {},
) =>
  checks['ageCheck.decide']({
    badge: ATTENDANT.badge,
    pin: extra.pin ?? ATTENDANT_PIN,
    decision,
    basketId: basket.id,
    ...(extra.birthYear === undefined ? {} : { birthYear: extra.birthYear }),
  });

describe('a basket with an 18+ item', () => {
  it('holds Pay until an attendant approves with badge and PIN; then the shopper pays', async () => {
    const { flow, checks, scan, count, checkout } = lane();
    value(await scan(PRODUCTS.milk.barcode));
    const held = value(await scan(PRODUCTS.beer.barcode));
    expect(held.ageCheck).toEqual({ state: 'needed', ageLimit: 18 });

    const refused = await flow.handlers['payment.start']({});
    expect(refused).toMatchObject({ ok: false, error: { code: 'age_check_needed' } });
    expect(count('SELECT count(*) FROM payments')).toBe(0);
    expect(currentBasket(checkout.db)?.status).toBe('open');

    // A wrong PIN writes nothing and the hold stays.
    const wrong = await decide(checks, held, 'approve', { pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(count('SELECT count(*) FROM age_checks')).toBe(0);

    const approved = value(await decide(checks, held, 'approve', { birthYear: 1990 }));
    expect(approved.ageCheck).toEqual({ state: 'approved', ageLimit: 18 });
    expect(
      checkout.events.some((e) => e.type === 'basket.changed' && e.basket.ageCheck?.state === 'approved'),
    ).toBe(true);
    const entry = journalEntries(checkout.db).at(-1)!;
    expect(entry).toMatchObject({
      kind: 'override',
      data: {
        action: 'age_approved',
        attendantId: 'A01',
        via: 'lane',
        ageLimit: 18,
        birthYear: 1990,
        age: null,
        lines: [{ name: 'Lager 500 ml', ageLimit: 18, gtin: PRODUCTS.beer.gtin }],
      },
    });

    const payment = value(await flow.handlers['payment.start']({}));
    expect((await press(payment.qrPayload!, 'approve')).ok).toBe(true);
    await waitFor('the sale', () => currentBasket(checkout.db)?.status === 'paid');
  });

  it('refuses the wallet code while held, and it pays once approved', async () => {
    const { checks, scan, checkout, count } = lane();
    const held = value(await scan(PRODUCTS.beer.barcode));
    const refused = await scan(WALLET.pays);
    expect(refused).toMatchObject({ ok: false, error: { code: 'age_check_needed' } });
    expect(count('SELECT count(*) FROM payments')).toBe(0);
    value(await decide(checks, held, 'approve'));
    value(await scan(WALLET.pays));
    await waitFor('the sale', () => currentBasket(checkout.db)?.status === 'paid');
  });

  it('on refusal voids the restricted lines, in the transaction of the decision, and the rest pays', async () => {
    const { flow, checks, scan, checkout } = lane();
    value(await scan(PRODUCTS.milk.barcode));
    value(await scan(PRODUCTS.beer.barcode));
    const held = value(await scan(PRODUCTS.beer.barcode)); // two beers on one line
    const before = journalEntries(checkout.db).length;
    const after = value(await decide(checks, held, 'refuse'));
    expect(after.lines.map((l) => l.name)).toEqual(['Fresh Milk 1 L']);
    expect(after.ageCheck).toBeNull();
    const written = journalEntries(checkout.db).slice(before);
    expect(written.map((e) => e.kind)).toEqual(['void', 'override']);
    expect(written[0]).toMatchObject({
      data: { reason: 'age_refused', amount: 1300, lines: [{ name: 'Lager 500 ml', quantity: 2 }] },
    });
    expect(written[1]).toMatchObject({ data: { action: 'age_refused', attendantId: 'A01' } });
    expect(written[0]!.writtenAt).toBe(written[1]!.writtenAt);
    value(await flow.handlers['payment.start']({}));
  });

  it('writes nothing — no decision, no void, no line removed — when its journal entry cannot be written', async () => {
    const { checks, scan, checkout, count } = lane();
    const held = value(await scan(PRODUCTS.beer.barcode));
    const journalled = count('SELECT count(*) FROM journal');
    // The journal refusing the append stands for a crash between the change and its entry.
    checkout.db.exec(
      "CREATE TEMP TRIGGER journal_fails BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk gone'); END",
    );
    await expect(decide(checks, held, 'refuse')).rejects.toThrow(/disk gone/);
    checkout.db.exec('DROP TRIGGER journal_fails');
    expect(count('SELECT count(*) FROM age_checks')).toBe(0);
    expect(count('SELECT count(*) FROM basket_lines WHERE removed_at IS NOT NULL')).toBe(0);
    expect(count('SELECT count(*) FROM journal')).toBe(journalled);
    expect(value(await decide(checks, held, 'refuse')).lines).toEqual([]);
  });

  it('refuses an approval whose birth year is under the limit, writing nothing', async () => {
    const { checks, scan, count } = lane();
    const held = value(await scan(PRODUCTS.beer.barcode));
    const young = new Date().getFullYear() - 16;
    const result = await decide(checks, held, 'approve', { birthYear: young });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_age' } });
    expect(count('SELECT count(*) FROM age_checks')).toBe(0);
  });
});

describe('after a restart', () => {
  it('a held basket is still held, and an approved one still approved', async () => {
    const { scan, checkout } = lane();
    const held = value(await scan(PRODUCTS.beer.barcode));
    const restarted = () => {
      const db = checkout.temp.reopen();
      const ctx = createCheckoutContext(db, checkout.ctx.settings, createEventHub());
      return { ctx, basket: basketHandlers(ctx, () => []) };
    };
    let again = restarted();
    expect(value(await again.basket['session.get']({})).basket?.ageCheck).toEqual({
      state: 'needed',
      ageLimit: 18,
    });
    value(
      await ageCheckHandlers(again.ctx)['ageCheck.decide']({
        badge: ATTENDANT.badge,
        pin: ATTENDANT_PIN,
        decision: 'approve',
        basketId: held.id,
      }),
    );
    again = restarted();
    expect(value(await again.basket['session.get']({})).basket?.ageCheck).toEqual({
      state: 'approved',
      ageLimit: 18,
    });
  });
});

describe('what an approval covers (restrictions.ageApprovalCovers)', () => {
  it('later_items: a beer scanned after the approval needs no new check', async () => {
    const { checks, scan } = lane({ ageApprovalCovers: 'later_items' });
    value(await scan(PRODUCTS.milk.barcode));
    const held = value(await scan(PRODUCTS.beer.barcode));
    value(await decide(checks, held, 'approve'));
    value(await scan(PRODUCTS.milk.barcode));
    expect(value(await scan(PRODUCTS.beer.barcode)).ageCheck).toEqual({ state: 'approved', ageLimit: 18 });
  });

  it('checked_items: a restricted line scanned after the approval is held again', async () => {
    const { checks, scan, flow, checkout } = lane({ ageApprovalCovers: 'checked_items' });
    const held = value(await scan(PRODUCTS.beer.barcode));
    value(await decide(checks, held, 'approve'));
    // The same beer again raises the quantity of the line that was checked.
    expect(value(await scan(PRODUCTS.beer.barcode)).ageCheck?.state).toBe('approved');
    // Removed and scanned again, it is a new line: checked again.
    const beerLine = held.lines[0]!;
    value(await checkout.basket['basket.removeLine']({ lineId: beerLine.id }));
    const again = value(await scan(PRODUCTS.beer.barcode));
    expect(again.ageCheck).toEqual({ state: 'needed', ageLimit: 18 });
    expect(await flow.handlers['payment.start']({})).toMatchObject({
      ok: false,
      error: { code: 'age_check_needed' },
    });
  });
});

describe('the attendant console interface', () => {
  it('lists the pending check and decides it on the same path, naming who and where', async () => {
    const { scan, checkout, flow } = lane();
    expect(listAgeChecks(checkout.ctx)).toEqual([]);
    value(await scan(PRODUCTS.milk.barcode));
    const held = value(await scan(PRODUCTS.beer.barcode));
    const [pending] = listAgeChecks(checkout.ctx);
    expect(pending).toMatchObject({
      basketId: held.id,
      ageLimit: 18,
      lines: [{ name: 'Lager 500 ml', ageLimit: 18 }],
    });
    expect(Date.parse(pending!.since)).toBeLessThanOrEqual(Date.now());

    expect(
      decideAgeCheck(checkout.ctx, { attendantId: 'X99', decision: 'approve', via: 'console' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'staff_unknown' },
    });
    expect(
      decideAgeCheck(checkout.ctx, {
        attendantId: 'A01',
        decision: 'approve',
        via: 'console',
        basketId: 'other',
      }),
    ).toMatchObject({ ok: false, error: { code: 'no_age_check' } });
    const decided = decideAgeCheck(checkout.ctx, {
      attendantId: 'A01',
      decision: 'approve',
      via: 'console',
      age: 34,
    });
    expect(decided.ok && decided.value.ageCheck?.state).toBe('approved');
    expect(journalEntries(checkout.db).at(-1)).toMatchObject({ data: { via: 'console', age: 34 } });
    expect(listAgeChecks(checkout.ctx)).toEqual([]);
    // Decided already: a second decision (the lane's dialog, late) is refused and writes nothing.
    expect(
      decideAgeCheck(checkout.ctx, { attendantId: 'A01', decision: 'refuse', via: 'lane' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no_age_check' },
    });
    expect((await flow.handlers['payment.start']({})).ok).toBe(true);
  });
});

describe('the counter', () => {
  it('lets the cashier confirm the ID without a badge, journalled as the cashier signed in', async () => {
    const { checks, scan, checkout } = lane({}, 'counter');
    checkout.ctx.duty.current = { id: 'C01', name: 'Wang Fang', role: 'cashier' };
    const held = value(await scan(PRODUCTS.beer.barcode));
    const approved = value(await checks['ageCheck.cashier']({ decision: 'approve', basketId: held.id }));
    expect(approved.ageCheck?.state).toBe('approved');
    expect(journalEntries(checkout.db).at(-1)).toMatchObject({
      data: { action: 'age_approved', via: 'counter', attendantId: 'C01' },
    });
  });

  it('refuses the cashier path on a kiosk: a shopper cannot approve themselves', async () => {
    const { checks, scan, count } = lane();
    const held = value(await scan(PRODUCTS.beer.barcode));
    const result = await checks['ageCheck.cashier']({ decision: 'approve', basketId: held.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_counter' } });
    expect(count('SELECT count(*) FROM age_checks')).toBe(0);
  });
});

describe('an age check by role', () => {
  it('a cashier’s right badge and PIN are refused at the kiosk, writing nothing; the badge offers nothing', async () => {
    const cashier = { ...ATTENDANT, role: 'cashier' as const };
    const { checks, scan, count, checkout } = lane({}, 'kiosk', [cashier]);
    const held = value(await scan(PRODUCTS.beer.barcode));
    const journal = journalEntries(checkout.db).length;
    const refused = await decide(checks, held, 'approve', { birthYear: 1990 });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'staff_not_allowed', message: 'A cashier may not approve an age check' },
    });
    expect(count('SELECT count(*) FROM age_checks')).toBe(0);
    expect(journalEntries(checkout.db)).toHaveLength(journal);
    expect(await scan(ATTENDANT.badge)).toMatchObject({ ok: false, error: { code: 'staff_badge' } });
    expect(checkout.events.some((e) => e.type === 'staff.ageCheck')).toBe(false);
  });
});
