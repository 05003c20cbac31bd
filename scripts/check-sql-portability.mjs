// Keeps HQ's SQL portable to the Postgres-compatible distributed engines a chain may run it on
// (CockroachDB, YugabyteDB), which cannot be run here: it scans the migrations (server/migrations/*.sql)
// and the SQL in the server's code (the string and template literals of server/**/*.ts) for what those
// engines document as unsupported or different from PostgreSQL, each rule citing where. Run by
// `npm run lint`; see server/README.md, "HQ on more than one machine".
//
// A line may carry `portability: allow RULE — why` (in an SQL or TS comment, on it or the line before)
// for a use that was weighed and kept; a rule of severity "differs" is reported without failing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const CRDB = 'CockroachDB';
const YB = 'YugabyteDB';
const CRDB_DOC = "CockroachDB's docs, PostgreSQL compatibility: Unsupported features";
const YB_DOC = "YugabyteDB's docs, PostgreSQL compatibility: Unsupported PostgreSQL features";

/** What is looked for, in SQL with comments removed (case-insensitive), and who does not support it. */
export const RULES = [
  {
    id: 'trigger',
    pattern: /\bCREATE\s+(OR\s+REPLACE\s+)?(CONSTRAINT\s+)?TRIGGER\b/i,
    engines: [CRDB],
    why: 'triggers: unsupported up to CockroachDB v24.2 (keep the logic in the application)',
    source: CRDB_DOC,
  },
  {
    id: 'function',
    pattern: /\bCREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b|\bLANGUAGE\s+plpgsql\b|^\s*DO\s+\$/im,
    engines: [CRDB],
    why: 'user-defined functions, procedures and DO blocks: unsupported or limited on CockroachDB',
    source: CRDB_DOC,
  },
  {
    id: 'listen-notify',
    pattern: /\b(LISTEN|UNLISTEN)\s+\w|\bNOTIFY\s+\w|\bpg_notify\s*\(/i,
    engines: [CRDB, YB],
    why: 'LISTEN/NOTIFY: unsupported on CockroachDB, and on YugabyteDB before 2025.2 (early access there)',
    source: `${CRDB_DOC}; ${YB_DOC} (Events (Listen/Notify))`,
  },
  {
    id: 'advisory-lock',
    pattern: /\bpg_(try_)?advisory_(xact_)?lock(_shared)?\s*\(/i,
    engines: [CRDB],
    why: 'advisory locks: CockroachDB does not support them (lock a row instead)',
    source: CRDB_DOC,
  },
  {
    id: 'lock-table',
    pattern: /\bLOCK\s+TABLE\b|^\s*LOCK\s+[a-z_"]+\s+IN\s+/im,
    engines: [YB],
    why: 'LOCK TABLE: unsupported on YugabyteDB (lock a row instead: SELECT … FOR UPDATE)',
    source: YB_DOC,
  },
  {
    id: 'sequence',
    pattern:
      /\b(SMALL|BIG)?SERIAL\b|\bCREATE\s+SEQUENCE\b|\bnextval\s*\(|\bGENERATED\s+(ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b/i,
    engines: [CRDB, YB],
    why:
      'sequences: one hot range every insert of every HQ contends on, and CockroachDB’s SERIAL is ' +
      'unique_rowid(), neither dense nor ordered as in PostgreSQL (use UUID keys; a counter row locked in the transaction)',
    source: `${CRDB_DOC} (SERIAL); ${YB}'s docs on sequence caching`,
  },
  {
    id: 'exclusion-constraint',
    pattern: /\bEXCLUDE\s+USING\b|\bUSING\s+gist\b/i,
    engines: [YB],
    why: 'exclusion constraints and GiST indexes: unsupported on YugabyteDB',
    source: YB_DOC,
  },
  {
    id: 'deferrable',
    pattern: /\bDEFERRABLE\b/i,
    engines: [YB],
    why: 'deferrable constraints: unsupported on YugabyteDB',
    source: YB_DOC,
  },
  {
    id: 'inheritance',
    pattern: /\)\s*INHERITS\s*\(/i,
    engines: [YB],
    why: 'table inheritance: unsupported on YugabyteDB',
    source: YB_DOC,
  },
  {
    id: 'stored-generated-column',
    pattern: /\bGENERATED\s+ALWAYS\s+AS\s*\(/i,
    engines: [YB],
    why: 'GENERATED ALWAYS AS … STORED columns: listed unsupported on YugabyteDB',
    source: YB_DOC,
  },
  {
    id: 'alter-type',
    pattern: /\bALTER\s+TYPE\b/i,
    engines: [YB],
    why: 'ALTER TYPE: unsupported on YugabyteDB',
    source: YB_DOC,
  },
  {
    id: 'xml',
    pattern: /\bxml(element|forest|agg|parse|serialize)\s*\(|\bxpath\s*\(/i,
    engines: [CRDB, YB],
    why: 'XML functions: unsupported on both',
    source: `${CRDB_DOC}; ${YB_DOC}`,
  },
  {
    id: 'json-text',
    // A column of type json (not jsonb) in the schema; casts of parameters in queries are no concern.
    pattern: /\s(TYPE\s+)?json\b(?!b|_|\s*\()/i,
    only: 'migrations',
    engines: [CRDB],
    severity: 'differs',
    why:
      'json is an alias of jsonb on CockroachDB: a payload is kept as its value, not as the text the ' +
      'terminal sent (key order, white space and duplicate keys go)',
    source: "CockroachDB's docs, JSONB: Alias",
  },
];

const ALLOW = /portability:\s*allow\s+([a-z-]+)/i;

/** SQL with comments blanked out (kept line for line, so positions still name the right line). */
export function stripSqlComments(sql) {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/--[^\n]*/g, (m) => ' '.repeat(m.length));
}

const STATEMENT = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|LOCK|DO|SET|BEGIN)\b/i;
/** LISTEN, UNLISTEN and NOTIFY are English words too: only a whole statement counts. */
const CHANNEL_STATEMENT = /^\s*((UN)?LISTEN\s+[a-z_]\w*|NOTIFY\s+[a-z_]\w*(\s*,\s*'[^']*')?)\s*;?\s*$/i;
const looksLikeSql = (text) => STATEMENT.test(text) || CHANNEL_STATEMENT.test(text);

/**
 * The string and template literals of a TS file, each with the line it starts on; comments are skipped.
 * Only literals that look like SQL (a statement's first word) are kept.
 */
export function sqlLiterals(source) {
  const found = [];
  const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
  for (const match of source.matchAll(pattern)) {
    const text = match[0];
    if (text.startsWith('//') || text.startsWith('/*')) continue;
    const body = text.slice(1, -1);
    if (!looksLikeSql(body)) continue;
    found.push({ line: source.slice(0, match.index).split('\n').length, text: body });
  }
  return found;
}

/** The findings in one piece of SQL that starts at `firstLine` of `file`. */
function scan(sql, file, firstLine, allowed, kind) {
  const findings = [];
  const lines = stripSqlComments(sql).split('\n');
  lines.forEach((text, i) => {
    for (const rule of RULES) {
      if (rule.only && rule.only !== kind) continue;
      if (!rule.pattern.test(text)) continue;
      const line = firstLine + i;
      if (allowed(line, rule.id)) continue;
      findings.push({
        file,
        line,
        rule: rule.id,
        severity: rule.severity ?? 'unsupported',
        engines: rule.engines,
        why: rule.why,
        source: rule.source,
        text: text.trim(),
      });
    }
  });
  return findings;
}

/** Whether line `line` (or the one before) of `source` carries `portability: allow RULE`. */
function allowances(source) {
  const lines = source.split('\n');
  return (line, rule) =>
    [lines[line - 1], lines[line - 2]].some((text) => {
      const m = text && ALLOW.exec(text);
      return m && m[1].toLowerCase() === rule;
    });
}

function walk(dir, accept, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, accept, out);
    else if (accept(path)) out.push(path);
  }
  return out;
}

/** Every finding under `root`: the server's migrations and the SQL in its code (not its tests). */
export function checkSqlPortability(root) {
  const findings = [];
  const migrations = join(root, 'server', 'migrations');
  for (const path of walk(migrations, (p) => p.endsWith('.sql')).sort()) {
    const source = readFileSync(path, 'utf8');
    findings.push(
      ...scan(source, relative(root, path).split(sep).join('/'), 1, allowances(source), 'migrations'),
    );
  }
  const code = walk(join(root, 'server'), (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')).sort();
  for (const path of code) {
    const source = readFileSync(path, 'utf8');
    const file = relative(root, path).split(sep).join('/');
    for (const literal of sqlLiterals(source))
      findings.push(...scan(literal.text, file, literal.line, allowances(source), 'code'));
  }
  return findings;
}

export function formatFinding(f) {
  return `${f.file}:${f.line}: ${f.rule} (${f.severity} on ${f.engines.join(', ')}): ${f.why} [${f.source}]\n    ${f.text}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const findings = checkSqlPortability(root);
  const failing = findings.filter((f) => f.severity === 'unsupported');
  for (const f of findings.filter((f) => f.severity !== 'unsupported'))
    console.log(`note: ${formatFinding(f)}`);
  if (failing.length > 0) {
    console.error(
      `HQ's SQL uses what a Postgres-compatible distributed engine does not support (server/README.md, ` +
        `"HQ on more than one machine"); rewrite it, or mark a weighed exception with "portability: allow RULE — why":\n` +
        failing.map(formatFinding).join('\n'),
    );
    process.exit(1);
  }
  console.log(
    `SQL portability: ${findings.length === 0 ? 'nothing found' : `${findings.length} note(s), nothing unsupported`}.`,
  );
}
