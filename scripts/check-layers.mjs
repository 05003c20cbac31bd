#!/usr/bin/env node
// The layering check: imports may only point down the arrows drawn in docs/ARCHITECTURE.md.
// Run by `npm run lint`; exits non-zero and names every forbidden import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Which layers each layer may import, and what else it may reach. */
export const RULES = {
  // The barcode decoders are pure computation on pixel buffers; zxing-wasm's .wasm bytes (or their URL)
  // are injected by the caller, so core still does no I/O.
  core: { layers: ['core'], builtins: false, packages: ['@zxing/library', 'zxing-wasm'] },
  db: { layers: ['core', 'db'], builtins: true, packages: ['better-sqlite3'] },
  native: { layers: ['core', 'native'], builtins: true, packages: ['serialport', '@serialport/'] },
  services: { layers: ['core', 'db', 'native', 'services'], builtins: true, packages: '*' },
  server: { layers: ['core', 'server'], builtins: true, packages: '*' },
  cli: { layers: ['core', 'services', 'server', 'cli'], builtins: true, packages: '*' },
  electron: { layers: ['services', 'electron'], builtins: true, packages: '*' },
  // The renderer sees core, and services/api for types only (checked below).
  renderer: { layers: ['core', 'renderer'], builtins: false, packages: '*' },
};

/** Packages only the backend may load: native modules never reach the renderer. */
const BACKEND_ONLY_PACKAGES = ['better-sqlite3', 'serialport', '@serialport/'];
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'release', '.git', 'test-artifacts', '.electron-native']);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** Every import of a file: specifier, whether it is type-only, and its line. */
function importsOf(path) {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, specifier, typeOnly) =>
    found.push({ specifier, typeOnly, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      let typeOnly = false;
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!clause.namedBindings &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      } else {
        typeOnly = node.isTypeOnly;
      }
      add(node, node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node, node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
const matchesPackage = (spec, list) =>
  list.some((p) => (p.endsWith('/') ? spec.startsWith(p) : spec === p || spec.startsWith(p + '/')));
const layerOf = (root, path) => relative(root, path).split(sep)[0];
const isTestFile = (path) => /\.test\.tsx?$/.test(path);

/** Checks a source tree; returns a list of violations as readable sentences. */
export function checkLayers(root) {
  const problems = [];
  for (const path of sourceFiles(root)) {
    const layer = layerOf(root, path);
    const rule = RULES[layer];
    const where = relative(root, path);
    for (const { specifier, typeOnly, line } of importsOf(path)) {
      const at = `${where}:${line}`;
      if (specifier === 'electron' && layer !== 'electron' && !isTestFile(path)) {
        problems.push(`${at} imports 'electron'; only electron/ may`);
        continue;
      }
      if (!rule) continue; // test/ and scripts/ sit outside the arrows
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(path), specifier);
        const targetLayer = layerOf(root, target);
        const targetPath = relative(root, target).split(sep).join('/');
        if (targetLayer === layer) continue;
        if (targetLayer === 'test' && isTestFile(path)) continue; // unit tests may use the shared test helpers
        if (layer === 'renderer' && targetPath.startsWith('services/api/')) {
          if (!typeOnly)
            problems.push(`${at} imports services/api for values; the renderer may import its types only`);
          continue;
        }
        if (!rule.layers.includes(targetLayer)) {
          problems.push(
            `${at} imports ${targetLayer}/ (${specifier}); ${layer}/ may import only ${rule.layers.join(', ')}`,
          );
        }
        continue;
      }
      if (isTestFile(path)) continue; // tests may use test tools and node builtins
      if (isBuiltin(specifier)) {
        if (!rule.builtins)
          problems.push(`${at} imports the Node builtin '${specifier}'; ${layer}/ must stay free of I/O`);
        continue;
      }
      if (layer === 'renderer' && matchesPackage(specifier, BACKEND_ONLY_PACKAGES)) {
        problems.push(`${at} imports the native module '${specifier}'; it loads only in the backend`);
        continue;
      }
      if (rule.packages !== '*' && !matchesPackage(specifier, rule.packages)) {
        problems.push(
          `${at} imports the package '${specifier}'; ${layer}/ may use only ${rule.packages.join(', ') || 'no packages'}`,
        );
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkLayers(root);
  if (problems.length) {
    console.error(`Layering check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Layering check: every import points down the arrows of docs/ARCHITECTURE.md.');
}
