#!/usr/bin/env node
// The stand-alone check: no tracked file may name the workspace folder beside the repository
// (`..` + `/shared`), because a clone elsewhere does not have it. Only the benchmarks may: they read
// ZXing's whole corpus from there when it is present, and skip it when not.
// Run by `npm run lint`; exits non-zero and names every file and line that does.
// The folder's name is spelled in pieces here so that this file passes its own check.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARED = ['..', 'shared'].join('/');
/** The folder as a path segment, with either slash. */
const NAMES_SHARED = /\.\.[\\/]shared(?![\w-])/;
/** The files allowed to name it: the benchmarks and the figures they write. */
export const ALLOWED = [/^test\/bench\//, /^docs\/benchmarks\.md$/];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', '.git', 'test-artifacts', '.electron-native']);

/** The repository's tracked files (git ls-files), or every file under root when it is not a git work tree. */
function filesOf(root) {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    // git answers for the enclosing repository too: only a root that is itself the top counts.
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).trim();
    if (resolve(top) === resolve(root)) return out.split('\0').filter(Boolean);
  } catch {
    // Not a git work tree (an unpacked tarball): check everything there is.
  }
  return [...walk(root, root)].sort();
}

function* walk(root, dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(root, path);
    else yield relative(root, path).split(sep).join('/');
  }
}

/** Checks a tree; returns one readable sentence per line that names the folder. */
export function checkStandalone(root) {
  const problems = [];
  for (const file of filesOf(root)) {
    if (ALLOWED.some((allowed) => allowed.test(file))) continue;
    const path = join(root, file);
    if (!existsSync(path) || !statSync(path).isFile()) continue; // deleted but not yet committed
    const bytes = readFileSync(path);
    if (bytes.includes(0)) continue; // a picture or other binary file
    bytes
      .toString('utf8')
      .split('\n')
      .forEach((line, i) => {
        if (NAMES_SHARED.test(line))
          problems.push(`${file}:${i + 1} names ${SHARED}, which a clone elsewhere does not have`);
      });
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkStandalone(root);
  if (problems.length) {
    console.error(
      `Stand-alone check failed (${problems.length}): put what the file needs in the repository ` +
        `(test fixtures go in test/fixtures, see its README).\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`Stand-alone check: no tracked file outside test/bench names ${SHARED}.`);
}
