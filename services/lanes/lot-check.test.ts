// A kiosk's lot check decided from the attendant console, over the real lane link: the held pack shows in
// the console's queue as "lot-check", a wrong PIN changes nothing, and the attendant's badge and PIN —
// checked by the lane — put the pack in the lane's basket.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { saveRecalls } from '../../db/recalls';
import { ATTENDANT, ATTENDANT_PIN } from '../../test/helpers/attendant';
import { eventually, value } from '../../test/helpers/checkout';
import { startLanePair, type LanePair } from '../../test/helpers/lane-pair';

let pair: LanePair | null = null;
afterEach(async () => {
  await pair?.close();
  pair = null;
});

describe('a lot check from the attendant console', () => {
  it('takes the held pack to the console, and the attendant’s accept puts it in the lane’s basket', async () => {
    pair = await startLanePair();
    const { console, lane, laneDir } = pair;
    const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    // The recall as a pull from HQ stores it (the lane's own SQLite file, written beside the running lane).
    const db = new Database(join(laneDir, 'openlane.db'));
    saveRecalls(
      db,
      [
        {
          id: '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b',
          gtin: item.gtin,
          lots: ['B1'],
          serials: [],
          reason: 'undeclared sesame',
          active: true,
          createdAt: '2026-12-07T09:00:00.000Z',
          endedAt: null,
        },
      ],
      '1:x',
      new Date(),
    );
    db.close();

    expect(await lane.api['basket.addScan']({ code: item.barcode, source: 'keypad' })).toMatchObject({
      ok: false,
      error: { code: 'recall_check_lot' },
    });
    const call = await eventually(
      'the lot check in the console queue',
      async () =>
        value(await console.api['lanes.board']({})).queue.find(
          (c) => c.laneId === 'K02' && c.kind === 'lot-check',
        ) ?? null,
    );
    expect(call.detail).toBe(item.name);
    const decide = (pin: string) =>
      console.api['lanes.lotCheck']({
        laneId: 'K02',
        checkId: call.checkId!,
        badge: ATTENDANT.badge,
        pin,
        accept: true,
      });
    expect(await decide('0000')).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(value(await lane.api['session.get']({})).basket!.lines).toEqual([]);

    const board = value(await decide(ATTENDANT_PIN));
    expect(board.queue.filter((c) => c.kind === 'lot-check')).toEqual([]);
    const basket = value(await lane.api['session.get']({})).basket!;
    expect(basket.lines).toMatchObject([{ gtin: item.gtin, quantity: 1 }]);
    expect(basket.lines[0]!.recall).toBeUndefined();
    expect(basket.lotChecks).toBeUndefined();
  });
});
