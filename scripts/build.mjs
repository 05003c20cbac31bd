#!/usr/bin/env node
// Builds everything that runs: the renderer and the HQ back office (Vite) into dist/renderer and
// dist/backoffice, the CLI and the Electron main
// process and preload (esbuild) into dist/, and the SQL migrations beside the bundles that read them.
import { build as esbuild } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const started = Date.now();

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
await viteBuild({ configFile: join(root, 'vite.backoffice.config.ts'), logLevel: 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};
await Promise.all([
  // Split: each command's code (and the packages it imports) is a chunk loaded when the command runs.
  esbuild({
    ...node,
    entryPoints: { cli: join(root, 'cli/main.ts') },
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    // Chunks sit beside cli.mjs: modules find migrations/ and renderer/ relative to themselves.
    chunkNames: '[name]-[hash]',
    format: 'esm',
  }),
  esbuild({
    ...node,
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(dist, 'electron-main.mjs'),
    format: 'esm',
  }),
  // Sandboxed preloads must be CommonJS.
  esbuild({
    ...node,
    entryPoints: [join(root, 'electron/preload.ts')],
    outfile: join(dist, 'preload.cjs'),
    format: 'cjs',
  }),
]);

// db/migrate.ts finds its SQL in ./migrations beside the module; in a bundle that is dist/migrations.
cpSync(join(root, 'db/migrations'), join(dist, 'migrations'), {
  recursive: true,
  filter: (p) => !p.endsWith('.ts'),
});
// And the HQ server's (server/db/migrate.ts) in dist/server-migrations.
cpSync(join(root, 'server/migrations'), join(dist, 'server-migrations'), {
  recursive: true,
  filter: (p) => !p.endsWith('.ts'),
});

console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
