#!/usr/bin/env node
// The layering check: imports may only point down the arrows drawn in docs/ARCHITECTURE.md.
// Run by `npm run lint`; exits non-zero and names every forbidden import, and every import circle (files
// that import each other round, type-only imports included: such files cannot be understood apart).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  // The back office sees core, and the server's API types (checked below).
  backoffice: { layers: ['core', 'backoffice'], builtins: false, packages: '*' },
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
/** The renderer's role folders: what renderer/common shares between them must not depend on one. */
const RENDERER_ROLES = ['renderer/kiosk/', 'renderer/counter/'];
const sharedImportsRole = (from, to) =>
  from.split(sep).join('/').startsWith('renderer/common/') && RENDERER_ROLES.some((r) => to.startsWith(r));

/**
 * Import circles tolerated for now, each a set of files (relative to the root) named with why. The check
 * fails on any other circle, and on a listed one that grows to take in another file.
 */
export const KNOWN_CYCLES = [];

/** Checks a source tree; returns a list of violations as readable sentences. */
export function checkLayers(root, { knownCycles = KNOWN_CYCLES } = {}) {
  const problems = [];
  const graph = new Map();
  for (const path of sourceFiles(root)) {
    graph.set(path, []);
    const layer = layerOf(root, path);
    const rule = RULES[layer];
    const where = relative(root, path);
    for (const { specifier, typeOnly, line } of importsOf(path)) {
      const at = `${where}:${line}`;
      if (specifier === 'electron' && layer !== 'electron' && !isTestFile(path)) {
        problems.push(`${at} imports 'electron'; only electron/ may`);
        continue;
      }
      if (specifier.startsWith('.')) {
        const file = resolveSource(resolve(dirname(path), specifier));
        if (file) graph.get(path).push(file);
      }
      if (!rule) continue; // test/ and scripts/ sit outside the arrows
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(path), specifier);
        const targetLayer = layerOf(root, target);
        const targetPath = relative(root, target).split(sep).join('/');
        if (targetLayer === layer) {
          if (sharedImportsRole(where, targetPath))
            problems.push(
              `${at} imports ${targetPath}; renderer/common is shared by the roles and imports none of them`,
            );
          continue;
        }
        if (targetLayer === 'test' && isTestFile(path)) continue; // unit tests may use the shared test helpers
        if (layer === 'renderer' && targetPath.startsWith('services/api/')) {
          if (!typeOnly)
            problems.push(`${at} imports services/api for values; the renderer may import its types only`);
          continue;
        }
        if (layer === 'backoffice' && targetLayer === 'server') {
          if (!typeOnly)
            problems.push(`${at} imports server/ for values; the back office may import its API types only`);
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
      if (
        (layer === 'renderer' || layer === 'backoffice') &&
        matchesPackage(specifier, BACKEND_ONLY_PACKAGES)
      ) {
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
  const known = knownCycles.map((cycle) => new Set(cycle.files));
  const named = (path) => relative(root, path).split(sep).join('/');
  for (const { files, circle } of findCycles(graph)) {
    const names = files.map(named);
    if (known.some((k) => names.every((f) => k.has(f)))) continue;
    const round = [...circle, circle[0]].map(named).join(' → ');
    problems.push(`import circle among ${names.join(', ')}: ${round}`);
  }
  return problems;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx'];

/** The source file an import names (extensions and index files as TypeScript resolves them), if any. */
function resolveSource(target) {
  for (const extension of EXTENSIONS) {
    const path = target + extension;
    if (SOURCE.test(path) && existsSync(path) && statSync(path).isFile()) return path;
  }
  return null;
}

/**
 * Each group of files that import each other round (a strongly connected component, found by Tarjan's
 * DFS, iteratively so a deep tree cannot overflow the stack): its files, and one circle through them in
 * import order. Type-only imports count: a circle of types still ties the files into one module.
 */
export function findCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1);
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work.at(-1).node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let node;
        do {
          node = stack.pop();
          onStack.delete(node);
          component.push(node);
        } while (node !== frame.node);
        const selfLoop = component.length === 1 && edges.includes(frame.node);
        if (component.length > 1 || selfLoop) {
          components.push({ files: component.sort(), circle: circleThrough(graph, new Set(component)) });
        }
      }
    }
  }
  return components;
}

/** A circle inside a component: from its first file (by name), along imports, back to it. */
function circleThrough(graph, component) {
  const start = [...component].sort()[0];
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [];
        for (let at = node; at !== null; at = cameFrom.get(at)) path.unshift(at);
        return path;
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkLayers(root);
  if (problems.length) {
    console.error(`Layering check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    'Layering check: every import points down the arrows of docs/ARCHITECTURE.md, and none goes round.',
  );
}
