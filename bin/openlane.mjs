#!/usr/bin/env node
// The `openlane` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (run on `npm install`); build on first use if dist/ is missing, e.g. in a fresh checkout.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  const built = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
