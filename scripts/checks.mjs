#!/usr/bin/env node
// What `npm test` runs before the tests: the type check, the lint (ESLint, Prettier, the layering and
// stand-alone checks) and the build, side by side. Each of them is mostly single-threaded, so on a
// 2-core CI machine running them at once saves most of a minute. Each one's output is printed whole
// when it ends, so nothing interleaves; the script fails when any of them does, naming which.
import { spawn } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The project's own tools first, as npm puts them when it runs a script.
const PATH = [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);

const STEPS = [
  ['typecheck', 'tsc -p tsconfig.json --noEmit'],
  ['eslint', 'eslint .'],
  ['prettier', 'prettier --check .'],
  ['layers', 'node scripts/check-layers.mjs && node scripts/check-standalone.mjs'],
  ['build', 'node scripts/build.mjs'],
];

function run([name, command]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd: root, env: { ...process.env, PATH, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `\n── ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s\n${output}`,
      );
      resolve({ name, ok: code === 0 });
    });
  });
}

const results = await Promise.all(STEPS.map(run));
const failed = results.filter((r) => !r.ok).map((r) => r.name);
if (failed.length) {
  console.error(`\nchecks failed: ${failed.join(', ')}`);
  process.exit(1);
}
