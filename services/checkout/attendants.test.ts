import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { hashPin } from '../staff/pin';
import { createStaffGate, findAttendant, LOCKOUT_MS, WRONG_PIN_WINDOW_MS } from './attendants';

const FAST = { N: 1024, r: 8, p: 1 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  attendants: [
    { id: 'A01', name: 'Li Na', badge: 'STAFF-A01X', pinHash: hashPin('2468', FAST), role: 'attendant' },
    { id: 'A02', name: 'Wang Wei', badge: 'STAFF-A02Y', pinHash: hashPin('13579', FAST), role: 'attendant' },
  ],
};

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('the staff gate', () => {
  it('finds an attendant by the badge as scanned (a wedge’s trailing whitespace aside)', () => {
    expect(findAttendant(settings, 'STAFF-A02Y\r')?.id).toBe('A02');
    expect(findAttendant(settings, 'STAFF-A03Z')).toBeNull();
  });

  it('lets the right PIN in and says which attendant it is', () => {
    const gate = createStaffGate(settings);
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ ok: true, attendant: { id: 'A01' } });
    expect(gate.check('STAFF-A01X', '13579')).toMatchObject({ ok: false, code: 'staff_denied' });
    expect(gate.check('STAFF-NONE', '2468')).toMatchObject({ ok: false, code: 'staff_unknown' });
  });

  it('locks a badge after 5 wrong PINs in 5 minutes, for 5 minutes; other badges are not affected', () => {
    const c = clock();
    const gate = createStaffGate(settings, c.now);
    for (let i = 0; i < 5; i++)
      expect(gate.check('STAFF-A01X', '0000')).toMatchObject({ code: 'staff_denied' });
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ ok: false, code: 'staff_locked' });
    expect(gate.check('STAFF-A02Y', '13579')).toMatchObject({ ok: true });
    c.advance(LOCKOUT_MS - 1000);
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ code: 'staff_locked' });
    c.advance(1000);
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ ok: true });
  });

  it('counts only wrong PINs within the window, and a right PIN clears the count', () => {
    const c = clock();
    const gate = createStaffGate(settings, c.now);
    for (let i = 0; i < 4; i++) gate.check('STAFF-A01X', '0000');
    c.advance(WRONG_PIN_WINDOW_MS);
    // The first four are outside the window now: four more are not yet five.
    for (let i = 0; i < 4; i++)
      expect(gate.check('STAFF-A01X', '0000')).toMatchObject({ code: 'staff_denied' });
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) gate.check('STAFF-A01X', '0000');
    expect(gate.check('STAFF-A01X', '2468')).toMatchObject({ ok: true });
  });
});
