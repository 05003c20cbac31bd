import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENLANE_VERSION } from './version';

describe('the version a terminal reports to HQ', () => {
  it('is the one package.json names, so a release bump cannot leave it behind', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(OPENLANE_VERSION).toBe(pkg.version);
  });
});
