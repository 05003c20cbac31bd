import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../settings';
import { addAttendant } from './attendants';
import { verifyPin } from './pin';

const FAST = { N: 1024, r: 8, p: 1 };

describe('adding an attendant to settings.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-staff-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  const add = (id: string, badge: string, pin = '2468') =>
    addAttendant(dir, { id, name: `Staff ${id}`, badge, pin }, FAST);

  it('writes the hash, never the PIN, and keeps the rest of the file as it was', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ storeName: 'Harbour Fresh' }));
    add('A01', 'STAFF-A01X');
    const text = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(text).not.toContain('2468');
    expect(Object.keys(file()).sort()).toEqual(['attendants', 'storeName']);
    const [attendant] = loadSettings(dir, {}).attendants;
    expect(attendant).toMatchObject({ id: 'A01', name: 'Staff A01', badge: 'STAFF-A01X' });
    expect(verifyPin('2468', attendant!.pinHash)).toBe(true);
  });

  it('refuses a duplicate id or badge, a badge that is not a staff code, and a bad PIN; the file unchanged', () => {
    add('A01', 'STAFF-A01X');
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(() => add('A01', 'STAFF-B02Y')).toThrow(/id A01 already exists/);
    expect(() => add('B02', 'STAFF-A01X')).toThrow(/already belongs/);
    expect(() => add('B02', '6901234567892')).toThrow(/not a staff badge/);
    for (const pin of ['123', '123456789', 'abcd', ''])
      expect(() => add('B02', 'STAFF-B02Y', pin), pin).toThrow(/4 to 8 digits/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    add('B02', 'STAFF-B02Y', '13579');
    expect(loadSettings(dir, {}).attendants.map((a) => a.id)).toEqual(['A01', 'B02']);
  });

  it('settings.json refuses a plain PIN or a duplicate written by hand, by name', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ attendants: [{ id: 'A01', name: 'Li', badge: 'STAFF-A01X', pinHash: '2468' }] }),
    );
    expect(() => loadSettings(dir, {})).toThrow(/attendants\.0\.pinHash: a scrypt/);
  });
});
