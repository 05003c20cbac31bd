// One shape for an expected failure everywhere — TerminalApi handlers, the HQ server's JSON, the CLI's
// --json output: `{ ok: false, error: { code, message, details? } }`. A code for programs, a sentence
// for people, and optional structured details (e.g. every bad field of a request).

/** What went wrong, as a value. */
export interface ErrorInfo {
  /** Stable machine code, e.g. `item_not_found`, `invalid_input`, `basket_empty`. */
  code: string;
  /** A sentence for store IT and logs; a screen shows its own translated text by code. */
  message: string;
  /** Structured detail a program can act on (which fields, which lines); never needed to read the message. */
  details?: unknown;
}

/** An expected failure. */
export interface Failure {
  ok: false;
  error: ErrorInfo;
}

/** A value, or the failure that stopped it. */
export type Result<T> = { ok: true; value: T } | Failure;

/** A success carrying `value`. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failure with a code, a sentence and, when it helps, details. */
export function fail(code: string, message: string, details?: unknown): Failure {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}

/**
 * One problem a schema found, as zod reports it (its issues have this shape; core names no schema
 * library): where in the value, and what is wrong there.
 */
export interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
}

/** An issue as a failure's details carry it: the field as a dotted path (`lines.0.gtin`). */
export interface IssueDetail {
  path: string;
  message: string;
  code?: string;
}

export interface DescribeOptions {
  /** Put before every path, e.g. `payload` for the fields of an event's payload. */
  prefix?: string;
  /** What a problem with the whole value is called (`input`, `reply`); by default its message stands alone. */
  whole?: string;
  /** Name at most this many problems; the rest are counted. Default 5. */
  max?: number;
}

const dotted = (issue: Issue, prefix = ''): string =>
  [prefix, ...issue.path.map(String)].filter(Boolean).join('.');

/** Issues as details: each with its field as a dotted path. */
export function issueDetails(issues: readonly Issue[], prefix = ''): IssueDetail[] {
  return issues.map((issue) => ({
    path: dotted(issue, prefix),
    message: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  }));
}

/** One sentence naming each bad field: `payload.lines.0.gtin: barcode has a wrong check digit; note: …`. */
export function describeIssues(issues: readonly Issue[], options: DescribeOptions = {}): string {
  const max = options.max ?? 5;
  const named = issues.slice(0, max).map((issue) => {
    const path = dotted(issue, options.prefix) || options.whole;
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const rest = issues.length - named.length;
  return rest > 0 ? `${named.join('; ')}; and ${rest} more` : named.join('; ');
}

/** The failure for a value a schema refused: `what: <each bad field>`, the issues in details. */
export function invalid(
  code: string,
  what: string,
  issues: readonly Issue[],
  options: DescribeOptions = {},
): Failure {
  return fail(code, `${what}: ${describeIssues(issues, options)}`, issueDetails(issues, options.prefix));
}
