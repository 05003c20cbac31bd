// Staff roles in settings.json, and what each role may do at the lanes (core/staff/roles.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mayDo, notAllowedMessage, STAFF_ACTS, STAFF_ROLES } from '../../core/staff/roles';
import { createStaffGate } from '../checkout/attendants';
import { loadSettings, SettingsError } from '../settings';
import { hashPin } from './pin';

const PIN_HASH = hashPin('2468', { N: 1024, r: 8, p: 1 });
const member = (id: string, badge: string, role?: string) => ({
  id,
  name: `Staff ${id}`,
  badge,
  pinHash: PIN_HASH,
  ...(role === undefined ? {} : { role }),
});

describe('staff roles in settings.json', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-roles-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (attendants: unknown[]) =>
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ attendants }));

  it('an attendant written before roles existed still loads, as role attendant', () => {
    write([member('A01', 'STAFF-A01X')]);
    expect(loadSettings(dir, {}).attendants).toEqual([{ ...member('A01', 'STAFF-A01X'), role: 'attendant' }]);
    // Loading does not rewrite what store IT wrote.
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('role');
  });

  it('takes each role as written', () => {
    write(STAFF_ROLES.map((role, i) => member(`S0${i}`, `STAFF-S0${i}X`, role)));
    expect(loadSettings(dir, {}).attendants.map((a) => a.role)).toEqual([...STAFF_ROLES]);
  });

  it('refuses an unknown role, naming the member and the roles there are', () => {
    write([member('A01', 'STAFF-A01X', 'boss')]);
    expect(() => loadSettings(dir, {})).toThrow(SettingsError);
    expect(() => loadSettings(dir, {})).toThrow(
      /attendants\.0\.role.*cashier.*supervisor.*manager.*attendant/s,
    );
  });
});

/** The self-checkout lane's acts (the counter's come after them in STAFF_ACTS). */
const LANE_ACTS = STAFF_ACTS.slice(0, 3);

describe('which role may do what at the lanes', () => {
  it('attendant, supervisor and manager may do every lane act; a cashier none', () => {
    for (const act of LANE_ACTS) {
      expect(STAFF_ROLES.filter((role) => mayDo(role, act))).toEqual(['supervisor', 'manager', 'attendant']);
    }
  });

  it('cashier, supervisor and manager may sign in at a counter, a plain attendant not; only a supervisor or manager takes over', () => {
    expect(STAFF_ROLES.filter((role) => mayDo(role, 'counter_sign_in'))).toEqual([
      'cashier',
      'supervisor',
      'manager',
    ]);
    expect(STAFF_ROLES.filter((role) => mayDo(role, 'counter_take_over'))).toEqual(['supervisor', 'manager']);
    expect(notAllowedMessage('attendant', 'counter_sign_in')).toBe(
      'An attendant may not sign in at a counter',
    );
  });

  it('a cash difference over the limit is approved by a supervisor or manager only', () => {
    expect(STAFF_ROLES.filter((role) => mayDo(role, 'approve_cash_difference'))).toEqual([
      'supervisor',
      'manager',
    ]);
  });

  it('the gate refuses a cashier’s right PIN for a lane act, and takes it where no act is named', () => {
    const settings = loadSettingsWith([member('C01', 'STAFF-C01X', 'cashier')]);
    const gate = createStaffGate(settings);
    expect(gate.check('STAFF-C01X', '2468', 'age_check')).toEqual({
      ok: false,
      code: 'staff_not_allowed',
      message: 'A cashier may not approve an age check',
    });
    expect(gate.check('STAFF-C01X', '2468', 'typed_weight')).toMatchObject({ code: 'staff_not_allowed' });
    // A wrong PIN is still a wrong PIN: the role is told only to whoever knows the PIN.
    expect(gate.check('STAFF-C01X', '0000', 'age_check')).toMatchObject({ code: 'staff_denied' });
    expect(gate.check('STAFF-C01X', '2468')).toMatchObject({ ok: true, attendant: { id: 'C01' } });
  });
});

function loadSettingsWith(attendants: unknown[]) {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-roles-'));
  try {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ attendants }));
    return loadSettings(dir, {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
