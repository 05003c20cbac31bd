import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSqliteNativeBinding } from './native-binding';

const base = { resourcesPath: '/opt/OpenLane/resources', appRoot: '/home/dev/openlane' };

describe('resolveSqliteNativeBinding', () => {
  it('uses the build in .electron-native during development', () => {
    const expected = join('/home/dev/openlane', '.electron-native', 'better_sqlite3.node');
    const seen: string[] = [];
    const result = resolveSqliteNativeBinding({
      ...base,
      isPackaged: false,
      exists: (p) => (seen.push(p), p === expected),
    });
    expect(result).toEqual({ ok: true, path: expected });
    expect(seen).toEqual([expected]);
  });

  it('uses resources/native when packaged', () => {
    const expected = join('/opt/OpenLane/resources', 'native', 'better_sqlite3.node');
    expect(resolveSqliteNativeBinding({ ...base, isPackaged: true, exists: (p) => p === expected })).toEqual({
      ok: true,
      path: expected,
    });
  });

  it('tells the developer how to build a missing binding', () => {
    const result = resolveSqliteNativeBinding({ ...base, isPackaged: false, exists: () => false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('npm run electron:native');
    expect(!result.ok && result.message).toContain('.electron-native');
  });

  it('tells an installed kiosk that the installation is broken', () => {
    const result = resolveSqliteNativeBinding({ ...base, isPackaged: true, exists: () => false });
    expect(!result.ok && result.message).toMatch(/missing from this installation.*Reinstall/);
  });
});
