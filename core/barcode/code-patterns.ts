/**
 * Store-configurable patterns for scanned codes that are not products: wallet payment codes shown on a
 * shopper's phone, loyalty member cards, staff badges. Payment codes are bearer secrets, so they are
 * recognised first and masked before anything logs them.
 */

export interface CodePatterns {
  /** `pattern` is a regular expression source; it is anchored to the whole scan for you. */
  wallet: { provider: string; pattern: string }[];
  /** A capture group, if the pattern has one, is the member id; otherwise the whole scan is. */
  member: { program: string; pattern: string }[];
  /** A capture group, if the pattern has one, is the badge id; otherwise the whole scan is. */
  staff: { pattern: string }[];
}

interface Compiled {
  readonly label: string;
  readonly regex: RegExp;
}

/** Patterns after compileCodePatterns checked them; build only through it. */
export interface CompiledCodePatterns {
  readonly wallet: readonly Compiled[];
  readonly member: readonly Compiled[];
  readonly staff: readonly Compiled[];
}

export type CodeClass =
  | { kind: 'wallet'; provider: string; code: string }
  | { kind: 'member'; program: string; memberId: string }
  | { kind: 'staff'; badgeId: string };

/**
 * Defaults a store may replace in its settings.
 * - WeChat Pay payment code: 18 digits starting 10–15 (WeChat Pay micropay API, auth_code).
 * - Alipay payment code: 16–24 digits starting 25–30 (Alipay face-to-face payment API, auth_code).
 * - Loyalty card: "MEM" + 8–12 digits, the member id being the digits — our own format, not a standard.
 * - Staff badge: "STAFF-" + 4–16 upper-case letters or digits, the badge id being what follows.
 * None of these lengths is a GTIN length (8, 12, 13, 14), so no product code matches them.
 */
export const DEFAULT_CODE_PATTERNS: CodePatterns = {
  wallet: [
    { provider: 'wechat', pattern: String.raw`1[0-5]\d{16}` },
    { provider: 'alipay', pattern: String.raw`(?:2[5-9]|30)\d{14,22}` },
  ],
  member: [{ program: 'loyalty', pattern: String.raw`MEM(\d{8,12})` }],
  staff: [{ pattern: String.raw`STAFF-([A-Z0-9]{4,16})` }],
};

type CompileResult = { ok: true; value: Compiled } | { ok: false; message: string };

function compileOne(group: string, label: string, pattern: string): CompileResult {
  const where = `${group} pattern ${JSON.stringify(pattern)}${label ? ` (${label})` : ''}`;
  if (typeof pattern !== 'string' || pattern === '') return { ok: false, message: `${where} is empty` };
  try {
    // Compiled alone first: a pattern such as "a)|(b" would otherwise escape the anchoring group.
    new RegExp(pattern);
  } catch (error) {
    return { ok: false, message: `${where} is not a valid regular expression: ${(error as Error).message}` };
  }
  const regex = new RegExp(`^(?:${pattern})$`);
  if (regex.test('')) return { ok: false, message: `${where} matches an empty scan` };
  return { ok: true, value: { label, regex } };
}

function compileGroup(
  group: string,
  entries: readonly { name: string; pattern: string }[],
  needsName: boolean,
): { ok: true; value: Compiled[] } | { ok: false; message: string } {
  const out: Compiled[] = [];
  for (const { name, pattern } of entries) {
    if (needsName && (typeof name !== 'string' || name.trim() === '')) {
      return { ok: false, message: `${group} pattern ${JSON.stringify(pattern)} has no name` };
    }
    const compiled = compileOne(group, name, pattern);
    if (!compiled.ok) return compiled;
    out.push(compiled.value);
  }
  return { ok: true, value: out };
}

/**
 * Checks and compiles a store's patterns, anchoring each to the whole scan. A pattern that is not a
 * valid regular expression, or that matches an empty scan, is refused with the pattern named.
 */
export function compileCodePatterns(
  p: CodePatterns,
): { ok: true; value: CompiledCodePatterns } | { ok: false; message: string } {
  const wallet = compileGroup(
    'wallet',
    p.wallet.map((w) => ({ name: w.provider, pattern: w.pattern })),
    true,
  );
  if (!wallet.ok) return wallet;
  const member = compileGroup(
    'member',
    p.member.map((m) => ({ name: m.program, pattern: m.pattern })),
    true,
  );
  if (!member.ok) return member;
  const staff = compileGroup(
    'staff',
    p.staff.map((s) => ({ name: '', pattern: s.pattern })),
    false,
  );
  if (!staff.ok) return staff;
  return { ok: true, value: { wallet: wallet.value, member: member.value, staff: staff.value } };
}

/** The first capture group that took part in the match, else the whole match. */
function idOf(match: RegExpExecArray): string {
  return match.slice(1).find((group) => group !== undefined) ?? match[0];
}

/**
 * Recognises a wallet, member or staff code, or null for anything else (a product, a coupon…).
 * Wallet comes first so a payment code can never be sold as a product. Pass the AIM id when known:
 * a phone shows payment codes as Code 128 or QR, so an EAN/UPC read (`]E…`) is never one — that keeps
 * an 18-digit EAN-13 + 5-digit add-on from looking like a WeChat Pay code.
 */
export function classifyCode(data: string, compiled: CompiledCodePatterns, aimId?: string): CodeClass | null {
  if (!aimId?.startsWith(']E')) {
    for (const { label, regex } of compiled.wallet) {
      if (regex.test(data)) return { kind: 'wallet', provider: label, code: data };
    }
  }
  for (const { label, regex } of compiled.member) {
    const match = regex.exec(data);
    if (match) return { kind: 'member', program: label, memberId: idOf(match) };
  }
  for (const { regex } of compiled.staff) {
    const match = regex.exec(data);
    if (match) return { kind: 'staff', badgeId: idOf(match) };
  }
  return null;
}

/**
 * A payment code fit for logs and screens: the first 4 and last 4 characters around a fixed "****"
 * (so "134512345678907788" → "1345****7788", hiding the length too). Codes under 16 characters would
 * show too much of themselves that way and become just "****".
 */
export function maskPaymentCode(code: string): string {
  const chars = Array.from(code);
  if (chars.length < 16) return '****';
  return `${chars.slice(0, 4).join('')}****${chars.slice(-4).join('')}`;
}
