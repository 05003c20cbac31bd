// A kiosk basket handed to the counter between two real terminals: startTerminal on their own SQLite
// files in temp directories, the claim travelling the signed lane link on loopback.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { value } from '../../test/helpers/checkout';
import { laneDataDir, OTHER_KEY } from '../../test/helpers/lanes';
import { CASHIER, COUNTER_STAFF, STAFF_PINS } from '../../test/helpers/staff';
import type { TerminalEvent } from '../api/contract';
import { startTerminal, type Terminal } from '../terminal';
import { parseHandoverCode } from './handover';

const dirs: string[] = [];
const running = new Set<Terminal>();

afterEach(async () => {
  for (const terminal of running) await terminal.close();
  running.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(...args: Parameters<typeof laneDataDir>): Promise<Terminal> {
  const dir = laneDataDir(...args);
  dirs.push(dir);
  const terminal = await startTerminal({ dataDir: dir });
  running.add(terminal);
  return terminal;
}

/** A counter with its staff, the cashier signed in (every counter act names who did it). */
async function startCounter(lanes: Parameters<typeof laneDataDir>[2]): Promise<Terminal> {
  const counter = await start('C01', 'counter', lanes, { attendants: COUNTER_STAFF });
  value(await counter.api['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
  return counter;
}

const pieces = () => demoProducts().filter((p) => p.unit === 'each' && p.ageLimit === null);

/** A kiosk with two pieces of one product and one of another in its basket, and a counter that knows it. */
async function kioskAndCounter(counterKey?: string) {
  const kiosk = await start('K01', 'kiosk', {});
  const [a, b] = pieces();
  value(await kiosk.api['basket.addScan']({ code: a!.barcode, source: 'serial' }));
  value(await kiosk.api['basket.addScan']({ code: a!.barcode, source: 'serial' }));
  value(await kiosk.api['basket.addScan']({ code: b!.barcode, source: 'serial' }));
  const url = `http://127.0.0.1:${kiosk.laneLinkPort}`;
  const counter = await startCounter({
    lanes: [{ id: 'K01', url }],
    ...(counterKey ? { key: counterKey } : {}),
  });
  return { kiosk, counter, a: a!, b: b! };
}

describe('kiosk basket handover', () => {
  it('the typed number brings the kiosk lines to the counter as a new sale, and the kiosk starts over', async () => {
    const { kiosk, counter, a, b } = await kioskAndCounter();
    const kioskEvents: TerminalEvent[] = [];
    kiosk.subscribe((event) => kioskEvents.push(event));
    const offer = value(await kiosk.api['handover.offer']({}));
    expect(offer.code).toMatch(/^\d{6}$/);
    expect(parseHandoverCode(offer.qr)).toEqual({ laneId: 'K01', code: offer.code });

    const sale = value(await counter.api['handover.claim']({ code: offer.code }));
    expect(sale.lines.map((l) => [l.name, l.quantity])).toEqual([
      [a.name, 2],
      [b.name, 1],
    ]);
    expect(sale.totals.total).toBe(2 * a.price + b.price);
    expect(value(await kiosk.api['session.get']({})).basket).toBeNull();
    expect(kioskEvents.some((e) => e.type === 'session.reset')).toBe(true);

    // Nothing twice: the same code again finds no basket, and the counter's sale is unchanged.
    const again = await counter.api['handover.claim']({ code: offer.code });
    expect(again.ok).toBe(false);
    expect(value(await counter.api['session.get']({})).basket?.lines).toHaveLength(2);
  });

  it('the scanned QR takes the basket through the code entry, as any scan', async () => {
    const { kiosk, counter } = await kioskAndCounter();
    const offer = value(await kiosk.api['handover.offer']({}));
    const sale = value(await counter.api['basket.addScan']({ code: offer.qr, source: 'wedge' }));
    expect(sale.lines).toHaveLength(2);
  });

  it('refuses a wrong number, a malformed code, and a counter with a sale in progress', async () => {
    const { kiosk, counter, a } = await kioskAndCounter();
    const offer = value(await kiosk.api['handover.offer']({}));
    const wrong = offer.code === '123456' ? '654321' : '123456';
    const notFound = await counter.api['handover.claim']({ code: wrong });
    expect(notFound.ok ? null : notFound.error.code).toBe('handover_not_found');
    expect((await counter.api['handover.claim']({ code: 'abc' })).ok).toBe(false);

    value(await counter.api['basket.addScan']({ code: a.barcode, source: 'keypad' }));
    const busy = await counter.api['handover.claim']({ code: offer.code });
    expect(busy.ok ? null : busy.error.code).toBe('sale_in_progress');
    // The kiosk still has its basket, under the same code.
    expect(value(await kiosk.api['session.get']({})).basket?.lines).toHaveLength(2);
    expect(value(await kiosk.api['handover.offer']({})).code).toBe(offer.code);
  });

  it('a counter signing with another key takes nothing', async () => {
    const { kiosk, counter } = await kioskAndCounter(OTHER_KEY);
    const offer = value(await kiosk.api['handover.offer']({}));
    const refused = await counter.api['handover.claim']({ code: offer.code });
    expect(refused.ok).toBe(false);
    expect(value(await kiosk.api['session.get']({})).basket?.lines).toHaveLength(2);
  });

  it('a kiosk offers nothing from an empty basket, and a counter hands nothing over', async () => {
    const kiosk = await start('K01', 'kiosk', {});
    const empty = await kiosk.api['handover.offer']({});
    expect(empty.ok ? null : empty.error.code).toBe('empty_basket');
    const counter = await startCounter({});
    const notKiosk = await counter.api['handover.offer']({});
    expect(notKiosk.ok ? null : notKiosk.error.code).toBe('not_kiosk');
  });
});
