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
      ]),
    );
    expect(problems).toHaveLength(7);
  });
});
