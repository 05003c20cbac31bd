#!/usr/bin/env node
// `npm run electron:native`: builds better-sqlite3 for the installed Electron's ABI into
// .electron-native/better_sqlite3.node, which electron/main.ts loads (and electron-builder ships).
//
// node_modules/better-sqlite3/build is left alone: tests, browser mode and the CLI run on Node and need
// the Node-ABI build there. So we copy the package's sources to a temp dir and run node-gyp on the copy.
//
// Needs a C++ toolchain and Electron's headers. node-gyp downloads the headers from
// https://electronjs.org/headers (cached in ~/.cache/node-gyp/<version>); offline, point
// ELECTRON_HEADERS_DIR at an unpacked node-v<version>-headers tarball of that Electron version.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, '.electron-native');
const outFile = join(outDir, 'better_sqlite3.node');

function fail(message) {
  console.error(`\nelectron:native: ${message}`);
  process.exit(1);
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return fail(`${pkg} is not installed in node_modules; run \`npm install\` first.`);
  }
}

const electronVersion = versionOf('electron');
const sqliteVersion = versionOf('better-sqlite3');
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
const headersDir = process.env.ELECTRON_HEADERS_DIR;

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.arch})…`);
const work = mkdtempSync(join(tmpdir(), 'openlane-electron-sqlite-'));
let problem = null;
try {
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps']) {
    cpSync(join(sqliteDir, part), join(work, part), { recursive: true });
  }
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
    ...(headersDir ? [`--nodedir=${headersDir}`] : []),
  ];
  // An inherited nodedir (e.g. npm's nodedir=/usr) would compile against Node's headers: wrong ABI.
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  const run = spawnSync(process.execPath, args, {
    cwd: work,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (run.status !== 0 || !existsSync(built)) {
    problem = explain(run);
  } else {
    mkdirSync(outDir, { recursive: true });
    cpSync(built, outFile);
    const info = {
      electron: electronVersion,
      betterSqlite3: sqliteVersion,
      arch: process.arch,
      platform: process.platform,
    };
    writeFileSync(join(outDir, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');
    console.log(`Wrote ${outFile}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problem) fail(problem);

/** Turns node-gyp's wall of log into the cause and what to do about it. */
function explain(run) {
  const log = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const tail = log
    .split('\n')
    .filter(
      (l) => /ERR!|error/.test(l) && !/ERR! (stack at|System|command|cwd|node -v|node-gyp -v|not ok)/.test(l),
    )
    .slice(-8)
    .join('\n');
  if (run.error) return `could not run node-gyp: ${run.error.message}`;
  if (
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network connectivity|tarball download|getaddrinfo|\b40[34]\b/.test(
      log,
    )
  ) {
    return (
      `could not download Electron ${electronVersion}'s headers from https://electronjs.org/headers (no network?).\n` +
      `  Fix: run this on a machine that can reach electronjs.org, or set ELECTRON_HEADERS_DIR to an unpacked\n` +
      `  node-v${electronVersion}-headers.tar.gz of Electron ${electronVersion}.\n` +
      '  Until then the Electron shell cannot open its database; use browser mode: `npm run serve`.\n' +
      (tail ? `  node-gyp said:\n${indent(tail)}` : '')
    );
  }
  if (
    /not found: make|Could not find any Python|No Xcode|find any Visual Studio|g\+\+: not found|c\+\+: not found/i.test(
      log,
    )
  ) {
    return `the C++ toolchain node-gyp needs (python3, make, a C++ compiler) is missing.\n${indent(tail)}`;
  }
  return `node-gyp failed (exit ${run.status}).\n${indent(tail || log.trim().split('\n').slice(-15).join('\n'))}`;
}

function indent(text) {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
