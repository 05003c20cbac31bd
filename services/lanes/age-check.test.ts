// An age check decided from the attendant console: a lane's basket holding an 18+ item shows in the
// console's queue, Pay stays held, and the attendant's badge and PIN — checked by the lane — approve it
// (the shopper can pay) or refuse it (the item leaves the basket as a recorded void).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { ATTENDANT, ATTENDANT_PIN } from '../../test/helpers/attendant';
import { eventually, value } from '../../test/helpers/checkout';
import { startLanePair, type LanePair } from '../../test/helpers/lane-pair';
import type { Terminal } from '../terminal';

let pair: LanePair | null = null;
afterEach(async () => {
  await pair?.close();
  pair = null;
});

async function consoleAndLane() {
  pair = await startLanePair();
  const { console, lane, laneDir } = pair;
  const vodka = demoProducts().find((p) => p.ageLimit === 18 && p.unit === 'each')!;
  value(await lane.api['basket.addScan']({ code: vodka.barcode, source: 'keypad' }));
  const call = await eventually(
    'the age check in the console queue',
    async () =>
      value(await console.api['lanes.board']({})).queue.find(
        (c) => c.laneId === 'K02' && c.kind === 'age-check',
      ) ?? null,
  );
  return { console, lane, laneDir, vodka, checkId: call.checkId! };
}

const decide = (console: Terminal, checkId: string, approve: boolean, pin = ATTENDANT_PIN) =>
  console.api['lanes.ageCheck']({ laneId: 'K02', checkId, badge: ATTENDANT.badge, pin, approve, age: 30 });

describe('an age check from the attendant console', () => {
  it('holds Pay until the console approves with badge and PIN, then the shopper can pay', async () => {
    const { console, lane, laneDir, checkId } = await consoleAndLane();
    expect(await lane.api['payment.start']({})).toMatchObject({
      ok: false,
      error: { code: 'age_check_needed' },
    });

    expect(await decide(console, checkId, true, '0000')).toMatchObject({
      ok: false,
      error: { code: 'staff_denied' },
    });
    value(await decide(console, checkId, true));

    const session = value(await lane.api['session.get']({}));
    expect(session.basket?.ageCheck).toMatchObject({ state: 'approved', ageLimit: 18 });
    await eventually(
      'the check gone from the queue',
      async () => !value(await console.api['lanes.board']({})).queue.some((c) => c.kind === 'age-check'),
    );
    value(await lane.api['payment.start']({}));

    const db = new Database(join(laneDir, 'openlane.db'), { readonly: true });
    const row = db.prepare(`SELECT decision, via, attendant_id, age FROM age_checks`).get();
    db.close();
    expect(row).toEqual({ decision: 'approved', via: 'console', attendant_id: ATTENDANT.id, age: 30 });
  });

  it("refused from the console, the restricted item leaves the lane's basket", async () => {
    const { console, lane, checkId } = await consoleAndLane();
    value(await decide(console, checkId, false));
    const session = value(await lane.api['session.get']({}));
    expect(session.basket?.lines ?? []).toEqual([]);
  });
});
