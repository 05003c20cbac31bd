import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs script without type declarations
import { checkLayers } from './check-layers.mjs';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

describe('the layering check', () => {
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const tree = () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-layers-'));
    write('core/types.ts', 'export type Money = number;\n');
    write(
      'db/open.ts',
      "import type { Money } from '../core/types';\nimport Database from 'better-sqlite3';\n",
    );
    write('services/api/contract.ts', 'export interface X { a: number }\nexport const VALUE = 1;\n');
    write(
      'renderer/app.tsx',
      "import type { X } from '../services/api/contract';\nimport { useState } from 'react';\n",
    );
  };

  it('passes a tree whose imports point down the arrows of docs/ARCHITECTURE.md', () => {
    tree();
    expect(checkLayers(root)).toEqual([]);
  });

  it('fails on each import docs/ARCHITECTURE.md forbids, naming the file and line', () => {
    tree();
    write('core/bad.ts', "import { readFileSync } from 'node:fs';\nimport { x } from '../db/open';\n");
    write(
      'renderer/bad.ts',
      "import Database from 'better-sqlite3';\nimport { VALUE } from '../services/api/contract';\n",
    );
    write('db/bad.ts', "import { y } from '../services/api/contract';\n");
    write('services/bad.ts', "import { app } from 'electron';\n");
    write('native/bad.ts', "import { z } from '../renderer/app';\n");
    write('backoffice/bad.ts', "import { startServer } from '../server/start';\nimport fs from 'node:fs';\n");
    write(
      'backoffice/good.ts',
      "import type { Role } from '../server/office/access';\nexport type R = Role;\n",
    );
    const problems: string[] = checkLayers(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^core\/bad\.ts:1 .*node:fs/),
        expect.stringMatching(/^core\/bad\.ts:2 imports db\//),
        expect.stringMatching(/^renderer\/bad\.ts:1 .*native module 'better-sqlite3'/),
        expect.stringMatching(/^renderer\/bad\.ts:2 .*types only/),
        expect.stringMatching(/^db\/bad\.ts:1 imports services\//),
        expect.stringMatching(/^services\/bad\.ts:1 imports 'electron'/),
        expect.stringMatching(/^native\/bad\.ts:1 imports renderer\//),
        expect.stringMatching(/^backoffice\/bad\.ts:1 .*API types only/),
        expect.stringMatching(/^backoffice\/bad\.ts:2 .*node:fs/),
      ]),
    );
    expect(problems).toHaveLength(9);
  });
});

describe('the import circle check', () => {
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const circle = () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-cycles-'));
    write('db/a.ts', "import type { B } from './b';\nexport interface A { b: B }\n");
    write('db/b.ts', "import { c } from './c';\nexport interface B { c: number }\nexport const b = c;\n");
    write('db/c.ts', "import type { A } from './a';\nexport const c = 1;\nexport type CA = A;\n");
    write('db/d.ts', "import { b } from './b';\nexport const d = b;\n");
  };

  it('names each circle, every file in it, and one way round, type-only imports included', () => {
    circle();
    expect(checkLayers(root, { knownCycles: [] })).toEqual([
      'import circle among db/a.ts, db/b.ts, db/c.ts: db/a.ts → db/b.ts → db/c.ts → db/a.ts',
    ]);
  });

  it('passes once the circle is broken, and finds one through an index file or a .tsx', () => {
    circle();
    write('db/c.ts', 'export const c = 1;\n');
    expect(checkLayers(root, { knownCycles: [] })).toEqual([]);
    write('renderer/parts/index.ts', "export { Panel } from './Panel';\n");
    write('renderer/parts/Panel.tsx', "import { helper } from '.';\nexport const Panel = helper;\n");
    expect(checkLayers(root, { knownCycles: [] })).toEqual([
      expect.stringMatching(/^import circle among renderer\/parts\/Panel\.tsx, renderer\/parts\/index\.ts: /),
    ]);
  });

  it('tolerates a listed circle, but not one that grows beyond its files', () => {
    circle();
    const known = [{ files: ['db/a.ts', 'db/b.ts', 'db/c.ts'], why: 'being split' }];
    expect(checkLayers(root, { knownCycles: known })).toEqual([]);
    write('db/d.ts', "import { b } from './b';\nexport const d = b;\nexport type { A } from './a';\n");
    write(
      'db/a.ts',
      "import type { B } from './b';\nimport { d } from './d';\nexport interface A { b: B }\nexport const x = d;\n",
    );
    expect(checkLayers(root, { knownCycles: known })).toEqual([expect.stringMatching(/db\/d\.ts/)]);
  });

  it('keeps renderer/common free of the role folders it is shared by', () => {
    root = mkdtempSync(join(tmpdir(), 'openlane-cycles-'));
    write('renderer/kiosk/state.ts', 'export const s = 1;\n');
    write('renderer/common/useSession.ts', "import { s } from '../kiosk/state';\nexport const u = s;\n");
    write('renderer/kiosk/App.tsx', "import { u } from '../common/useSession';\nexport const App = u;\n");
    expect(checkLayers(root, { knownCycles: [] })).toEqual([
      expect.stringMatching(
        /^renderer\/common\/useSession\.ts:1 imports renderer\/kiosk\/state; .*shared by the roles/,
      ),
    ]);
  });
});
