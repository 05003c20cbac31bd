/**
 * The data object tables of the EMVCo MPM specification (v1.1, chapter 4): what each ID holds,
 * its character set and length limits, and which IDs are templates with children of their own.
 */

/** N: digits; ans: printable ASCII (the common character set); S: any Unicode text. */
export type EmvCharset = 'N' | 'ans' | 'S';

export type EmvTemplateKind = 'root' | 'account' | 'additional' | 'paymentSystem' | 'language' | 'unreserved';

export interface EmvFieldSpec {
  name: string;
  charset: EmvCharset;
  max: number;
  /** The only length allowed, for fixed-length fields. */
  fixed?: number;
  /** Set when the value is itself a list of data objects. */
  template?: EmvTemplateKind;
}

type Range = readonly [from: number, to: number, spec: EmvFieldSpec];

const GUI: EmvFieldSpec = { name: 'Globally Unique Identifier', charset: 'ans', max: 32 };
const RFU: EmvFieldSpec = { name: 'RFU for EMVCo', charset: 'S', max: 99 };

// prettier-ignore
const ROOT: readonly Range[] = [
  [0, 0, { name: 'Payload Format Indicator', charset: 'N', max: 2, fixed: 2 }],
  [1, 1, { name: 'Point of Initiation Method', charset: 'N', max: 2, fixed: 2 }],
  [2, 25, { name: 'Merchant Account Information', charset: 'ans', max: 99 }],
  [26, 51, { name: 'Merchant Account Information', charset: 'S', max: 99, template: 'account' }],
  [52, 52, { name: 'Merchant Category Code', charset: 'N', max: 4, fixed: 4 }],
  [53, 53, { name: 'Transaction Currency', charset: 'N', max: 3, fixed: 3 }],
  [54, 54, { name: 'Transaction Amount', charset: 'ans', max: 13 }],
  [55, 55, { name: 'Tip or Convenience Indicator', charset: 'N', max: 2, fixed: 2 }],
  [56, 56, { name: 'Value of Convenience Fee Fixed', charset: 'ans', max: 13 }],
  [57, 57, { name: 'Value of Convenience Fee Percentage', charset: 'ans', max: 5 }],
  [58, 58, { name: 'Country Code', charset: 'ans', max: 2, fixed: 2 }],
  [59, 59, { name: 'Merchant Name', charset: 'ans', max: 25 }],
  [60, 60, { name: 'Merchant City', charset: 'ans', max: 15 }],
  [61, 61, { name: 'Postal Code', charset: 'ans', max: 10 }],
  [62, 62, { name: 'Additional Data Field Template', charset: 'S', max: 99, template: 'additional' }],
  [63, 63, { name: 'CRC', charset: 'ans', max: 4, fixed: 4 }],
  [64, 64, { name: 'Merchant Information — Language Template', charset: 'S', max: 99, template: 'language' }],
  [65, 79, RFU],
  [80, 99, { name: 'Unreserved Template', charset: 'S', max: 99, template: 'unreserved' }],
];

// prettier-ignore
const ADDITIONAL: readonly Range[] = [
  [0, 0, RFU],
  [1, 1, { name: 'Bill Number', charset: 'ans', max: 25 }],
  [2, 2, { name: 'Mobile Number', charset: 'ans', max: 25 }],
  [3, 3, { name: 'Store Label', charset: 'ans', max: 25 }],
  [4, 4, { name: 'Loyalty Number', charset: 'ans', max: 25 }],
  [5, 5, { name: 'Reference Label', charset: 'ans', max: 25 }],
  [6, 6, { name: 'Customer Label', charset: 'ans', max: 25 }],
  [7, 7, { name: 'Terminal Label', charset: 'ans', max: 25 }],
  [8, 8, { name: 'Purpose of Transaction', charset: 'ans', max: 25 }],
  [9, 9, { name: 'Additional Consumer Data Request', charset: 'ans', max: 3 }],
  [10, 10, { name: 'Merchant Tax ID', charset: 'ans', max: 20 }],
  [11, 11, { name: 'Merchant Channel', charset: 'ans', max: 3, fixed: 3 }],
  [12, 49, RFU],
  [50, 99, { name: 'Payment System Specific Template', charset: 'S', max: 99, template: 'paymentSystem' }],
];

// prettier-ignore
const LANGUAGE: readonly Range[] = [
  [0, 0, { name: 'Language Preference', charset: 'ans', max: 2, fixed: 2 }],
  [1, 1, { name: 'Merchant Name — Alternate Language', charset: 'S', max: 25 }],
  [2, 2, { name: 'Merchant City — Alternate Language', charset: 'S', max: 15 }],
  [3, 99, RFU],
];

const withGui = (rest: EmvFieldSpec): readonly Range[] => [
  [0, 0, GUI],
  [1, 99, rest],
];

const TABLES: Record<EmvTemplateKind, readonly Range[]> = {
  root: ROOT,
  account: withGui({ name: 'Payment network specific', charset: 'S', max: 99 }),
  additional: ADDITIONAL,
  paymentSystem: withGui({ name: 'Payment system specific', charset: 'S', max: 99 }),
  language: LANGUAGE,
  unreserved: withGui({ name: 'Context specific data', charset: 'S', max: 99 }),
};

/** Children every template of a kind must have (the root's own mandatory objects are checked by the rules). */
export const MANDATORY_CHILDREN: Record<EmvTemplateKind, readonly string[]> = {
  root: [],
  account: ['00'],
  additional: [],
  paymentSystem: ['00'],
  language: ['00', '01'],
  unreserved: ['00'],
};

/** The specification of data object `id` (two digits) inside a template of `kind`. */
export function fieldSpec(kind: EmvTemplateKind, id: string): EmvFieldSpec {
  const n = Number(id);
  const range = TABLES[kind].find(([from, to]) => n >= from && n <= to);
  // Every table covers 00–99, so only a caller passing a non-ID gets here.
  return range ? range[2] : { name: 'Unassigned', charset: 'S', max: 99 };
}

// prettier-ignore
const NETWORKS: readonly (readonly [number, number, string])[] = [
  [2, 3, 'Visa'], [4, 5, 'Mastercard'], [6, 8, 'EMVCo'], [9, 10, 'Discover'], [11, 12, 'Amex'],
  [13, 14, 'JCB'], [15, 16, 'UnionPay'], [17, 25, 'EMVCo'],
];

/** The card network a primitive merchant account ID (02–25) is reserved for. */
export function networkOf(id: string): string {
  const n = Number(id);
  return NETWORKS.find(([from, to]) => n >= from && n <= to)?.[2] ?? 'unknown';
}

/** The name of the data object at a dotted path: "62.05" → "Reference Label". */
export function nameAt(path: string): string {
  let kind: EmvTemplateKind = 'root';
  let spec: EmvFieldSpec | undefined;
  for (const id of path.split('.')) {
    spec = fieldSpec(kind, id);
    kind = spec.template ?? 'root';
  }
  return spec?.name ?? 'Unassigned';
}
