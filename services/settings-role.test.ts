// The terminal's role: a setting with a per-run override (`openlane serve --role` sets OPENLANE_ROLE).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings, publicSettings, SettingsError } from './settings';

describe('the terminal role', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'openlane-role-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a kiosk unless settings.json says counter, and the screen is told which', () => {
    expect(publicSettings(loadSettings(dir, {})).role).toBe('kiosk');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ role: 'counter' }));
    expect(publicSettings(loadSettings(dir, {})).role).toBe('counter');
  });

  it('refuses an unknown role in settings.json, naming the field', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ role: 'stockroom' }));
    expect(() => loadSettings(dir, {})).toThrow(/role: /);
  });

  it('takes OPENLANE_ROLE for this run without writing it to settings.json', () => {
    expect(loadSettings(dir, { OPENLANE_ROLE: 'counter' }).role).toBe('counter');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).role).toBe('kiosk');
    expect(loadSettings(dir, {}).role).toBe('kiosk');
    expect(loadSettings(dir, { OPENLANE_ROLE: 'stock' }).role).toBe('stock');
  });

  it('refuses an OPENLANE_ROLE that is no role, saying which ones there are', () => {
    expect(() => loadSettings(dir, { OPENLANE_ROLE: 'till' })).toThrow(SettingsError);
    expect(() => loadSettings(dir, { OPENLANE_ROLE: 'till' })).toThrow(
      /kiosk, counter, attendant or stock, not "till"/,
    );
  });
});
