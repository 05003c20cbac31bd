// Checks electron-builder.yml against the JSON schema electron-builder itself validates with, so a typo
// in the packaging config fails here rather than on the release machine.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;

// The schema is draft-07; strict off because it carries electron-builder's own annotation keywords.
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validate(candidate: unknown) {
  const valid = check(candidate);
  return { valid, errors: check.errors ?? [] };
}

/** Target names, whether written as strings or as `{ target: name }`. */
function targetNames(section: unknown): string[] {
  const target = (section as { target?: unknown } | undefined)?.target;
  const list = Array.isArray(target) ? target : target === undefined ? [] : [target];
  return list.map((t) => (typeof t === 'string' ? t : String((t as { target?: unknown }).target)));
}

describe('electron-builder.yml', () => {
  it("is valid under electron-builder's own schema", () => {
    const { valid, errors } = validate(config);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects an unknown key and a wrongly typed value (the check can fail)', () => {
    const misspelt = { ...config, npmRebuilt: false };
    const misspeltResult = validate(misspelt);
    expect(misspeltResult.valid).toBe(false);
    expect(
      misspeltResult.errors.some(
        (e) => e.params && (e.params as { additionalProperty?: string }).additionalProperty === 'npmRebuilt',
      ),
    ).toBe(true);

    expect(validate({ ...config, npmRebuild: 'no' }).valid).toBe(false);
  });

  it('builds AppImage and deb for Linux and an NSIS installer for Windows', () => {
    expect(targetNames(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.win)).toContain('nsis');
    expect(config.linux).toMatchObject({
      category: expect.any(String),
      maintainer: expect.stringMatching(/<.+@.+>/),
      synopsis: expect.any(String),
    });
  });

  it('ships our Electron-ABI SQLite build where main.ts looks for it, and never rebuilds node_modules', () => {
    expect(config.extraResources).toContainEqual({
      from: '.electron-native/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
  });
});
