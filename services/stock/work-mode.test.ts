// The work mode on a real SQLite checkout: a counter switches to stock work and back with someone signed
// in (its serial scans follow), a stock terminal is always in stock work, a kiosk never; nobody signed
// in, nothing switches. And a stock terminal's acts are guarded by the same sign-in as a counter's.
import { afterEach, describe, expect, it } from 'vitest';
import { openCheckout, value, type TestCheckout } from '../../test/helpers/checkout';
import { CASHIER, COUNTER_STAFF, STAFF_PINS } from '../../test/helpers/staff';
import type { TerminalApi } from '../api/contract';
import { counterDuty } from '../counter/duty';
import { requireSignIn, scanWhileSignedOut } from '../counter/sign-in-guard';
import { stockPageFor } from '../web/stock-page';
import { workMode } from './work-mode';

describe('the work mode', () => {
  let checkout: TestCheckout;
  afterEach(() => checkout.cleanup());

  const signedInAs = async (role: 'counter' | 'stock' | 'kiosk') => {
    checkout = openCheckout({ role, attendants: COUNTER_STAFF });
    const duty = counterDuty(checkout.ctx);
    const signed = await duty['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier });
    return { work: workMode(checkout.ctx), duty, signed };
  };

  it('a counter sells until switched to stock work, says so in an event, and switches back', async () => {
    const { work } = await signedInAs('counter');
    const mode = work.handlers['stock.workMode'];
    expect(value(await mode({}))).toEqual({ mode: 'sell' });
    expect(work.stockWork()).toBe(false);
    expect(value(await mode({ mode: 'stock' }))).toEqual({ mode: 'stock' });
    expect(work.stockWork()).toBe(true);
    expect(checkout.events).toContainEqual({ type: 'stock.workMode', mode: 'stock' });
    expect(value(await mode({ mode: 'sell' }))).toEqual({ mode: 'sell' });
    expect(work.stockWork()).toBe(false);
  });

  it('a counter with nobody signed in neither switches nor routes scans to stock', async () => {
    const { work, duty } = await signedInAs('counter');
    await work.handlers['stock.workMode']({ mode: 'stock' });
    await duty['staff.signOut']({});
    expect(work.stockWork()).toBe(false);
    expect(await work.handlers['stock.workMode']({ mode: 'sell' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
  });

  it('a stock terminal signs staff in like a counter, is always in stock work, and refuses selling mode', async () => {
    const { work, signed } = await signedInAs('stock');
    expect(signed.ok).toBe(true);
    expect(work.stockWork()).toBe(true);
    expect(await work.handlers['stock.workMode']({ mode: 'sell' })).toMatchObject({
      ok: false,
      error: { code: 'not_counter', message: expect.stringMatching(/stock work only/) },
    });
  });

  it('a stock terminal with nobody signed in refuses its acts and gives a badge scan to sign-in', () => {
    checkout = openCheckout({ role: 'stock', attendants: COUNTER_STAFF });
    const guarded = requireSignIn({ ...checkout.basket } as unknown as TerminalApi, checkout.ctx);
    return Promise.all([
      expect(guarded['basket.addScan']({ code: '4006381333931', source: 'keypad' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_signed_in', message: expect.stringMatching(/this stock terminal/) },
      }),
      expect(scanWhileSignedOut(checkout.ctx, CASHIER.badge)).toEqual({ badge: CASHIER.badge }),
    ]);
  });

  it('a kiosk has no sign-in, no stock work, and its host never serves /stock', async () => {
    const { work, signed } = await signedInAs('kiosk');
    expect(signed).toMatchObject({ ok: false, error: { code: 'not_counter' } });
    expect(work.stockWork()).toBe(false);
    expect(await work.handlers['stock.workMode']({ mode: 'stock' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(stockPageFor('kiosk')).toBe('refuse');
    expect(stockPageFor('attendant')).toBe('refuse');
    expect(stockPageFor(undefined)).toBe('refuse');
    expect(stockPageFor('counter')).toBe('serve');
    expect(stockPageFor('stock')).toBe('serve');
  });
});
