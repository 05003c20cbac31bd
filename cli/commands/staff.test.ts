import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../../services/settings';
import { verifyPin } from '../../services/staff/pin';
import { staffCommand } from './staff';

describe('openlane staff add', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-staff-cli-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (pin: string, ...extra: string[]) =>
    staffCommand(
      ['add', '--id', 'A01', '--name', 'Li Na', '--badge', 'STAFF-A01X', '--data', dir, ...extra],
      Readable.from([pin]),
    );

  it('reads the PIN from stdin and stores only its hash', async () => {
    expect(await run('2468\n', '--pin-stdin')).toBe(0);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('2468');
    const [attendant] = loadSettings(dir, {}).attendants;
    expect(attendant).toMatchObject({ id: 'A01', name: 'Li Na', badge: 'STAFF-A01X' });
    expect(verifyPin('2468', attendant!.pinHash)).toBe(true);
  }, 20_000);

  it('refuses a PIN that is not 4–8 digits, and a second A01', async () => {
    await expect(run('12\n')).rejects.toThrow(/4 to 8 digits/);
    expect(await run('2468')).toBe(0);
    await expect(run('1357\n')).rejects.toThrow(/already exists/);
  }, 20_000);

  it('--role is stored, shown, and read back; without it the member is an attendant', async () => {
    const log = vi.mocked(console.log);
    expect(await run('2468\n', '--role', 'supervisor')).toBe(0);
    expect(log.mock.calls.at(-1)![0]).toMatch(/^Added supervisor A01 \(Li Na\)/);
    await staffCommand(
      ['add', '--id', 'B02', '--name', 'Wang Wei', '--badge', 'STAFF-B02Y', '--data', dir],
      Readable.from(['1357\n']),
    );
    const written = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      attendants: { id: string; role: string }[];
    };
    expect(written.attendants.map((a) => [a.id, a.role])).toEqual([
      ['A01', 'supervisor'],
      ['B02', 'attendant'],
    ]);
    expect(loadSettings(dir, {}).attendants.map((a) => a.role)).toEqual(['supervisor', 'attendant']);
    log.mockClear();
    expect(await staffCommand(['list', '--data', dir])).toBe(0);
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'A01\tsupervisor\tSTAFF-A01X\tLi Na',
      'B02\tattendant\tSTAFF-B02Y\tWang Wei',
    ]);
    log.mockClear();
    await staffCommand(['list', '--json', '--data', dir]);
    expect(log.mock.calls[0]![0]).not.toContain('scrypt');
    expect(JSON.parse(log.mock.calls[0]![0] as string)).toEqual([
      { id: 'A01', role: 'supervisor', badge: 'STAFF-A01X', name: 'Li Na' },
      { id: 'B02', role: 'attendant', badge: 'STAFF-B02Y', name: 'Wang Wei' },
    ]);
  }, 20_000);

  it('refuses an unknown role by name, and writes nothing', async () => {
    await expect(run('2468\n', '--role', 'boss')).rejects.toThrow(
      /--role must be one of cashier, supervisor, manager, attendant, not "boss"/,
    );
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('names what is missing', async () => {
    await expect(staffCommand(['add', '--id', 'A01'], Readable.from(['2468']))).rejects.toThrow(/Usage/);
    await expect(staffCommand(['remove'], Readable.from(['']))).rejects.toThrow(/Usage/);
  });
});
