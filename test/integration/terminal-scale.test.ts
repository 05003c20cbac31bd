// The terminal's weighing handlers on real parts: a terminal on a real SQLite data dir, its scale a
// Magellan scanner-scale emulated on a socat pty. The weight that prices a line is the scale's; a
// typed weight on a kiosk needs an attendant's badge and PIN; the counter types weights as ever.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult, TerminalEvent } from '../../services/api/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../services/settings';
import { ATTENDANT, ATTENDANT_PIN } from '../helpers/attendant';
import { startTerminal, type Terminal } from '../../services/terminal';
import { startMagellanEmulator, type MagellanEmulator } from '../helpers/magellan-emulator';
import { CASHIER, STAFF_PINS } from '../helpers/staff';

const WAIT = { timeout: 10_000, interval: 10 };
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
/** Fuji Apples, ¥12.90 per kg; a plain piece of the demo store. */
const APPLES = '6901000000004';

let dir: string;
let device: MagellanEmulator;
let terminal: Terminal | null;
let events: TerminalEvent[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-terminal-scale-'));
  device = await startMagellanEmulator(dir);
  terminal = null;
  events = [];
});

afterEach(async () => {
  await terminal?.close();
  await device.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(overrides: Partial<Settings> = {}): Promise<Terminal> {
  const scale = { path: device.devicePath, minimumWeightGrams: 20, pollMs: 50, answerTimeoutMs: 400 };
  const settings = { ...DEFAULT_SETTINGS, scale, attendants: [ATTENDANT], ...overrides };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  terminal = await startTerminal({ dataDir: dir });
  terminal.subscribe((event) => events.push(event));
  const started = terminal;
  await expect
    .poll(async () => value(await started.api['session.get']({})).scanners.every((s) => s.connected), WAIT)
    .toBe(true);
  return started;
}

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const readings = () => events.flatMap((e) => (e.type === 'scale.reading' ? [e.reading] : []));

describe('weighing on a kiosk with a scale', () => {
  it('names the item, follows the scale, and adds the line at the scale’s stable weight only', async () => {
    const api = (await start()).api;
    device.set({ state: 'motion' });
    const weigh = value(await api['scale.weigh']({ code: APPLES, source: 'serial' }));
    expect(weigh).toMatchObject({
      name: 'Fuji Apples',
      names: { 'zh-CN': '富士苹果' },
      unitPrice: 1290,
      currency: 'CNY',
      minimumWeightGrams: 20,
    });
    await expect.poll(() => readings().at(-1)?.state, WAIT).toBe('motion');
    expect(await api['scale.add']({ code: APPLES, source: 'serial' })).toMatchObject({
      ok: false,
      error: { code: 'weight_not_ready', message: expect.stringContaining('still moving') },
    });
    device.set({ state: 'stable', grams: 12 });
    await expect.poll(() => readings().at(-1), WAIT).toEqual({ state: 'too-light', grams: 12 });
    expect(await api['scale.add']({ code: APPLES, source: 'serial' })).toMatchObject({
      ok: false,
      error: { code: 'weight_not_ready' },
    });
    device.set({ state: 'stable', grams: 1234 });
    await expect.poll(() => readings().at(-1), WAIT).toEqual({ state: 'stable', grams: 1234 });
    const basket = value(await api['scale.add']({ code: APPLES, source: 'serial' }));
    expect(basket.lines).toEqual([
      expect.objectContaining({
        name: 'Fuji Apples',
        names: { 'zh-CN': '富士苹果' },
        quantity: 1234,
        lineTotal: 1592,
      }),
    ]);
    // Added: that weighing is over, so the same weight cannot add a second line.
    expect(await api['scale.add']({ code: APPLES, source: 'serial' })).toMatchObject({
      ok: false,
      error: { code: 'weight_not_ready' },
    });
    expect(value(await api['scale.stop']({}))).toEqual({ state: 'stable', grams: 1234 });
  });

  it('reports over capacity, under zero and a silent scale as such, never as a weight', async () => {
    const api = (await start()).api;
    value(await api['scale.weigh']({ code: APPLES, source: 'serial' }));
    for (const state of ['over-capacity', 'under-zero', 'zero', 'zero-error'] as const) {
      device.set({ state });
      await expect.poll(() => readings().at(-1), WAIT).toEqual({ state, grams: null });
    }
    device.set({ state: 'silent' });
    await expect.poll(() => readings().at(-1)?.state, WAIT).toBe('not-answering');
    expect(await api['scale.add']({ code: APPLES, source: 'serial' })).toMatchObject({
      ok: false,
      error: { code: 'weight_not_ready', message: expect.stringContaining('not answering') },
    });
  });

  it('weighs an item typed by its PLU, the number on the fruit’s sticker', async () => {
    const api = (await start()).api;
    expect(value(await api['scale.weigh']({ code: '4131', source: 'keypad' }))).toMatchObject({
      name: 'Fuji Apples',
      unitPrice: 1290,
    });
    value(await api['scale.stop']({}));
  });

  it('refuses to weigh what is not sold by weight, and an unknown code', async () => {
    const api = (await start()).api;
    // Strawberries 500 g: a piece, priced per pack.
    expect(await api['scale.weigh']({ code: '6901000000493', source: 'keypad' })).toMatchObject({
      ok: false,
      error: { code: 'not_weighed' },
    });
    expect(await api['scale.weigh']({ code: '6909999999996', source: 'keypad' })).toMatchObject({
      ok: false,
      error: { code: 'item_not_found' },
    });
    expect(device.requests()).toBe(0); // nothing to weigh: the scale was never asked
  });

  it('refuses a typed weight unless an attendant vouches with badge and PIN', async () => {
    const api = (await start()).api;
    const typed = { code: APPLES, source: 'keypad' as const, weightGrams: 500 };
    expect(await api['basket.addScan'](typed)).toMatchObject({
      ok: false,
      error: { code: 'weight_from_scale' },
    });
    expect(
      await api['basket.addScan']({ ...typed, attendant: { badge: ATTENDANT.badge, pin: '1111' } }),
    ).toMatchObject({ ok: false, error: { code: 'staff_denied' } });
    expect(value(await api['session.get']({})).basket).toBeNull(); // nothing was written
    const vouched = value(
      await api['basket.addScan']({ ...typed, attendant: { badge: ATTENDANT.badge, pin: ATTENDANT_PIN } }),
    );
    expect(vouched.lines).toEqual([expect.objectContaining({ quantity: 500, lineTotal: 645 })]);
  });

  it('refuses a typed weight vouched by a cashier’s right badge and PIN, writing nothing', async () => {
    const api = (await start({ attendants: [{ ...ATTENDANT, role: 'cashier' }] })).api;
    const typed = { code: APPLES, source: 'keypad' as const, weightGrams: 500 };
    const refused = await api['basket.addScan']({
      ...typed,
      attendant: { badge: ATTENDANT.badge, pin: ATTENDANT_PIN },
    });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'staff_not_allowed', message: 'A cashier may not type a weight at the scale' },
    });
    expect(value(await api['session.get']({})).basket).toBeNull(); // nothing was written
  });

  it('journals who typed the weight, in the transaction that adds the line', async () => {
    const api = (await start()).api;
    const typed = {
      code: APPLES,
      source: 'keypad' as const,
      weightGrams: 500,
      attendant: { badge: ATTENDANT.badge, pin: ATTENDANT_PIN },
    };
    // The weigh screen is open and the scale has stopped answering: why the attendant types it.
    value(await api['scale.weigh']({ code: APPLES, source: 'serial' }));
    device.set({ state: 'silent' });
    await expect.poll(() => readings().at(-1)?.state, WAIT).toBe('not-answering');
    // The journal refusing the append stands for a crash between the line and its entry: no line.
    const other = new Database(join(dir, 'openlane.db'));
    other.exec(
      "CREATE TRIGGER journal_fails BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk gone'); END",
    );
    await expect(api['basket.addScan'](typed)).rejects.toThrow(/disk gone/);
    other.exec('DROP TRIGGER journal_fails');
    expect(other.prepare('SELECT count(*) FROM basket_lines').pluck().get()).toBe(0);
    expect(other.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(0);

    const line = value(await api['basket.addScan'](typed)).lines[0];
    const entries = other
      .prepare("SELECT entry FROM journal WHERE kind = 'override'")
      .pluck()
      .all() as string[];
    other.close();
    expect(entries.map((entry) => JSON.parse(entry) as { data: unknown })).toEqual([
      expect.objectContaining({
        data: {
          action: 'weight_entered',
          basketId: expect.any(String),
          lineId: line?.id,
          attendantId: ATTENDANT.id,
          gtin: `0${APPLES}`,
          name: 'Fuji Apples',
          grams: 500,
          unitPrice: 1290,
          amount: 645,
          scaleState: 'not-answering',
        },
      }),
    ]);
    await terminal?.close();
    terminal = null;
    const verify = spawnSync(process.execPath, [BIN, 'journal', 'verify', '--data', dir], {
      encoding: 'utf8',
    });
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('the counter still types weights, scale or not', async () => {
    const api = (await start({ role: 'counter', attendants: [ATTENDANT, CASHIER] })).api;
    // A counter sells only with a cashier signed in.
    value(await api['staff.signIn']({ badge: CASHIER.badge, pin: STAFF_PINS.cashier }));
    const basket = value(await api['basket.addScan']({ code: APPLES, source: 'keypad', weightGrams: 500 }));
    expect(basket.lines[0]).toMatchObject({ quantity: 500 });
  });

  it('scans on the scanner-scale’s line reach the basket', async () => {
    await start();
    device.scan(APPLES);
    // A kg item scanned without a weight: the kiosk is told to weigh it (and opens the weigh screen).
    await expect
      .poll(() => events.find((e) => e.type === 'scan.rejected'), WAIT)
      .toMatchObject({ code: APPLES, source: 'serial', error: { code: 'weight_required' } });
  });
});

describe('a terminal without a scale', () => {
  it('has no scale to weigh with', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(DEFAULT_SETTINGS));
    terminal = await startTerminal({ dataDir: dir });
    expect(await terminal.api['scale.weigh']({ code: APPLES, source: 'keypad' })).toMatchObject({
      ok: false,
      error: { code: 'no_scale' },
    });
    expect(value(await terminal.api['settings.get']({})).scale).toBeNull();
  });
});
