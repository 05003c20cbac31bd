import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { checkStandalone } from './check-standalone.mjs';

// Spelled in pieces, as in the script, so this file passes the check it tests.
const SHARED = ['..', 'shared'].join('/');

let root: string;
const write = (path: string, text: string | Buffer) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });

/** A small repository that stands alone: its tests read test/fixtures, and only the bench names the folder. */
function tree() {
  root = mkdtempSync(join(tmpdir(), 'openlane-standalone-'));
  write(
    'core/barcode.test.ts',
    "const FIXTURES = new URL('../../test/fixtures/zxing-blackbox', import.meta.url);\n",
  );
  write('README.md', '# Shop\n\nThe shared test helpers live in test/helpers.\n');
  write('test/bench/decode.ts', `// Reads ZXing's corpus from OPENLANE_FIXTURES or ${SHARED}/fixtures.\n`);
  write('docs/benchmarks.md', `Decode figures over ${SHARED}/fixtures.\n`);
  // A PNG whose bytes happen to spell the folder is a picture, not a reference.
  write(
    'test/fixtures/a.png',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(SHARED)]),
  );
}

describe('the stand-alone check', () => {
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a tree where only the benchmarks name the folder beside the repository', () => {
    tree();
    expect(checkStandalone(root)).toEqual([]);
  });

  it('fails on each file and line that names it, with either slash and at any depth', () => {
    tree();
    write(
      'core/payment/upi.test.ts',
      `\nconst FILE = new URL('../../../${SHARED}/fixtures/vectors.json');\n`,
    );
    write('README.md', `# Shop\n\nThe layers are those of [DESIGN](${SHARED}/DESIGN.md).\n`);
    write('scripts/check.mjs', `// see ..\\shared\\DESIGN.md\n`);
    expect(checkStandalone(root)).toEqual([
      `README.md:3 names ${SHARED}, which a clone elsewhere does not have`,
      `core/payment/upi.test.ts:2 names ${SHARED}, which a clone elsewhere does not have`,
      `scripts/check.mjs:1 names ${SHARED}, which a clone elsewhere does not have`,
    ]);
  });

  it('does not take a longer name for the folder', () => {
    tree();
    write('docs/notes.md', `Not the same folder: ${SHARED}-assets, ${SHARED}_old.\n`);
    expect(checkStandalone(root)).toEqual([]);
  });

  it('in a git work tree, checks the tracked files only', () => {
    tree();
    git('init', '-q');
    write('.gitignore', 'scratch/\n');
    write('scratch/notes.md', `local notes about ${SHARED}\n`);
    write('docs/ARCHITECTURE.md', `See ${SHARED}/DESIGN.md.\n`);
    git('add', '.');
    expect(checkStandalone(root)).toEqual([
      `docs/ARCHITECTURE.md:1 names ${SHARED}, which a clone elsewhere does not have`,
    ]);
  });
});
