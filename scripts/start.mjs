#!/usr/bin/env node
// `npm start`: (re)build dist/ if it is missing or older than the sources, then open the kiosk in Electron
// on the demo store in ./.openlane-data. Where Electron cannot run (its binary was never downloaded, or it
// dies at once) fall back to browser mode, `openlane serve`, and say which URL to open. A download that
// failed is remembered: later starts go straight to browser mode; `npm start -- --electron` tries again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  clearMarker,
  downloadFailedMessage,
  downloadFailure,
  electronChoice,
  readMarker,
  RETRY_FLAG,
  writeMarker,
} from './electron-choice.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [
  'core',
  'db',
  'native',
  'services',
  'electron',
  'renderer',
  'cli',
  'vite.config.ts',
  'package.json',
];
const OUTPUTS = ['dist/electron-main.mjs', 'dist/preload.cjs', 'dist/cli.mjs', 'dist/renderer/index.html'];
/** An Electron that exits within this long never showed a window. */
const QUICK_DEATH_MS = 3000;
let fellBack = false;

const env = { ...process.env, OPENLANE_DATA: process.env.OPENLANE_DATA ?? join(root, '.openlane-data') };
delete env.ELECTRON_RUN_AS_NODE;

if (isStale()) run('Building dist/ …', [join(root, 'scripts/build.mjs')]);

const retry = process.argv.includes(RETRY_FLAG);
const choice = electronChoice({ binaryPresent: electronBinary() !== null, marker: readMarker(root), retry });
// Electron there after all (installed by hand): whatever failed before no longer matters.
if (choice.action === 'electron') clearMarker(root);
const electron = choice.action === 'browser' ? null : (electronBinary() ?? downloadElectron());
if (choice.action === 'browser') {
  // Remembered: one line, no download, no stack trace.
  console.log(choice.note);
  browserMode(null);
} else if (!electron) {
  // downloadElectron said why.
  browserMode(null);
} else if (!existsSync(join(root, '.electron-native/better_sqlite3.node')) && !tryBuildNative()) {
  browserMode('better-sqlite3 has no Electron build (`npm run electron:native` failed, see above).');
} else {
  const started = Date.now();
  const child = spawn(electron, [root], { stdio: 'inherit', env });
  forwardSignals(child);
  child.on('error', (error) => browserMode(`Electron could not be started: ${error.message}.`));
  child.on('exit', (code, signal) => {
    if (code !== 0 && !signal && Date.now() - started < QUICK_DEATH_MS) {
      browserMode(`Electron exited with code ${code} right after launch.`);
    } else {
      process.exit(code ?? 1);
    }
  });
}

/** `reason` says why Electron is not used; null when that was said already. */
function browserMode(reason) {
  if (fellBack) return;
  fellBack = true;
  if (reason) console.log(`\nopenlane start: ${reason}`);
  console.log('Browser mode: open the URL printed below in Chromium.\n');
  const child = spawn(process.execPath, [join(root, 'bin/openlane.mjs'), 'serve'], { stdio: 'inherit', env });
  forwardSignals(child);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Ctrl+C reaches the child through the terminal; SIGTERM/SIGHUP from a supervisor are passed on. */
function forwardSignals(child) {
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
}

/** The Electron executable if it is really there; never triggers electron's download-on-require. */
function electronBinary() {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, relative);
  return existsSync(binary) ? binary : null;
}

function isStale() {
  const built = OUTPUTS.map((p) => join(root, p));
  if (!built.every(existsSync)) return true;
  const oldestOutput = Math.min(...built.map((p) => statSync(p).mtimeMs));
  return SOURCES.some((p) => newestMtime(join(root, p)) > oldestOutput);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/**
 * Electron downloads its binary on first use: run its installer once. Its output (a stack trace when
 * offline) is kept; a failure is said in one sentence and remembered (scripts/electron-choice.mjs).
 */
function downloadElectron() {
  const installer = join(root, 'node_modules/electron/install.js');
  if (!existsSync(installer)) {
    console.log("openlane start: Electron's installer is missing (node_modules/electron); run npm install.");
    return null;
  }
  console.log("openlane start: downloading Electron's binary (once; about 100 MB) …");
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    cwd: dirname(installer),
    timeout: 300_000,
  });
  const binary = result.status === 0 ? electronBinary() : null;
  if (binary) {
    clearMarker(root);
    return binary;
  }
  const reason = result.error?.message ?? downloadFailure(`${result.stderr ?? ''}\n${result.stdout ?? ''}`);
  writeMarker(root, reason);
  console.log(downloadFailedMessage(reason));
  return null;
}

function tryBuildNative() {
  console.log('openlane start: building better-sqlite3 for Electron (npm run electron:native) …');
  return (
    spawnSync(process.execPath, [join(root, 'scripts/build-electron-sqlite.mjs')], { stdio: 'inherit' })
      .status === 0
  );
}

function run(title, args) {
  console.log(`openlane start: ${title}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    console.error(`openlane start: the build failed (exit ${result.status}); nothing was started.`);
    process.exit(result.status ?? 1);
  }
}
