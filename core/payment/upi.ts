/**
 * UPI payment links (India, NPCI "UPI Linking Specifications"): `upi://pay?pa=…&pn=…&am=…&cu=INR`.
 * Not EMV and without a checksum, so the payee address and the amount are what can be checked.
 * Values are percent-encoded; "+" is kept as a plus sign, as RFC 3986 reads a query.
 */

/** A UPI link's parameters by name; `extra` keeps the ones this module has no name for. */
export interface UpiLink {
  /** pa: the payee's virtual payment address, `name@handle`. */
  payeeAddress: string;
  /** pn: the payee's name. */
  payeeName?: string;
  /** am: the amount in rupees, a decimal with at most 2 places. */
  amount?: string;
  /** mam: the least the payer may pay. */
  minimumAmount?: string;
  /** cu: the currency; UPI pays only INR. */
  currency?: string;
  /** mc: the payee's merchant category code. */
  merchantCode?: string;
  /** tid: the transaction id the payee's app made. */
  transactionId?: string;
  /** tr: the payee's transaction reference (the order or bill number). */
  transactionRef?: string;
  /** tn: a note shown to the payer. */
  note?: string;
  /** url: a link to more about the transaction. */
  url?: string;
  extra?: Record<string, string>;
}

export type UpiErrorCode =
  | 'not_upi'
  | 'bad_percent_encoding'
  | 'duplicate_param'
  | 'missing_payee'
  | 'bad_vpa'
  | 'bad_amount'
  | 'bad_currency'
  | 'missing_name'
  | 'bad_merchant_code';

export interface UpiProblem {
  code: UpiErrorCode | 'bad_minimum_amount';
  param: string;
  message: string;
}

export type UpiParseResult =
  { ok: true; link: UpiLink; warnings: UpiProblem[] } | { ok: false; error: UpiProblem };

export type UpiFormatResult = { ok: true; link: string } | { ok: false; error: UpiProblem };

const KEYS = {
  pa: 'payeeAddress',
  pn: 'payeeName',
  mc: 'merchantCode',
  tid: 'transactionId',
  tr: 'transactionRef',
  tn: 'note',
  am: 'amount',
  mam: 'minimumAmount',
  cu: 'currency',
  url: 'url',
} as const satisfies Record<string, keyof UpiLink>;

type Param = keyof typeof KEYS;

const VPA = /^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.-]{1,63}$/;
const AMOUNT = /^[0-9]{1,10}(\.[0-9]{1,2})?$/;

/** True for a virtual payment address: 2–256 letters, digits, ".", "-" or "_", "@", and a handle. */
export function isValidVpa(vpa: string): boolean {
  return VPA.test(vpa);
}

/** True for a UPI amount: a positive decimal with at most 2 places. */
export function isValidUpiAmount(amount: string): boolean {
  return AMOUNT.test(amount) && /[1-9]/.test(amount);
}

/** Parses a `upi://pay?…` link; refuses a bad payee address, amount or currency, warns on the rest. */
export function parseUpiLink(text: string): UpiParseResult {
  const match = /^upi:\/\/pay\?(.*)$/is.exec(text);
  if (!match) return fail('not_upi', '', 'a UPI payment link starts with "upi://pay?"');
  const values = new Map<string, string>();
  for (const part of match[1]!.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return fail('bad_percent_encoding', name, `${name}=${raw} is not valid percent-encoding`);
    }
    if (values.has(name)) return fail('duplicate_param', name, `${name} appears twice`);
    values.set(name, value);
  }
  const link: Partial<UpiLink> = {};
  const extra: Record<string, string> = {};
  for (const [name, value] of values) {
    if (Object.hasOwn(KEYS, name)) link[KEYS[name as Param]] = value;
    else extra[name] = value;
  }
  if (Object.keys(extra).length > 0) link.extra = extra;
  if (link.payeeAddress === undefined)
    return fail('missing_payee', 'pa', 'a UPI link needs pa, the payee address');
  const problems = check(link as UpiLink);
  const refusal = problems.find((p) => ['bad_vpa', 'bad_amount', 'bad_currency'].includes(p.code));
  if (refusal) return { ok: false, error: refusal };
  // A sloppy minimum amount ("mam=null") is dropped: the payer then pays the amount as given.
  if (problems.some((p) => p.code === 'bad_minimum_amount')) delete link.minimumAmount;
  return { ok: true, link: link as UpiLink, warnings: problems };
}

/** Writes a UPI link in a fixed parameter order; refuses anything `parseUpiLink` would warn about. */
export function formatUpiLink(link: UpiLink): UpiFormatResult {
  const problem = check(link)[0];
  if (problem) return { ok: false, error: problem };
  const parts: string[] = [];
  for (const [name, key] of Object.entries(KEYS)) {
    const value = link[key];
    if (typeof value === 'string') parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  for (const [name, value] of Object.entries(link.extra ?? {})) {
    if (!Object.hasOwn(KEYS, name)) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return { ok: true, link: `upi://pay?${parts.join('&')}` };
}

function check(link: UpiLink): UpiProblem[] {
  const out: UpiProblem[] = [];
  const add = (code: UpiProblem['code'], param: string, message: string) =>
    out.push({ code, param, message });
  if (!isValidVpa(link.payeeAddress)) {
    add('bad_vpa', 'pa', `"${link.payeeAddress}" is not a payee address like name@bank`);
  }
  if (link.amount !== undefined && !isValidUpiAmount(link.amount)) {
    add('bad_amount', 'am', `"${link.amount}" is not an amount: a positive decimal with at most 2 places`);
  }
  if (link.currency !== undefined && link.currency !== 'INR') {
    add('bad_currency', 'cu', `UPI pays in INR, not "${link.currency}"`);
  }
  if (link.payeeName === undefined || link.payeeName.trim() === '')
    add('missing_name', 'pn', 'pn, the payee name, is missing');
  if (link.merchantCode !== undefined && !/^[0-9]{4}$/.test(link.merchantCode)) {
    add('bad_merchant_code', 'mc', `merchant code "${link.merchantCode}" is not 4 digits`);
  }
  if (link.minimumAmount !== undefined && !isValidUpiAmount(link.minimumAmount)) {
    add(
      'bad_minimum_amount',
      'mam',
      `minimum amount "${link.minimumAmount}" is not an amount; it is ignored`,
    );
  }
  return out;
}

function fail(code: UpiErrorCode, param: string, message: string): UpiParseResult {
  return { ok: false, error: { code, param, message } };
}
