/**
 * The generic EMVCo MPM rules: mandatory objects, lengths, character sets, allowed values, and the
 * ascending ID order OpenLane writes. One list serves both sides: decoding reports what a real code
 * bends, encoding refuses it.
 */
import { numericExponent, currencyAlpha } from './currency';
import { findObject, valueAt } from './lookup';
import {
  fieldSpec,
  MANDATORY_CHILDREN,
  nameAt,
  type EmvCharset,
  type EmvFieldSpec,
  type EmvTemplateKind,
} from './spec';
import { charLength, childPath } from './tlv';
import { isTemplate, type EmvDataObject, type EmvDeviation, type EmvRuleCode } from './types';

/** EMVCo caps a payload at 512 characters. */
export const MAX_PAYLOAD_CHARACTERS = 512;

const MANDATORY_ROOT = ['00', '52', '53', '58', '59', '60'] as const;

const CHARSETS: Record<EmvCharset, RegExp> = {
  N: /[^0-9]/u,
  ans: /[^\x20-\x7e]/u,
  // Any text, but no control characters and no lone surrogates (they have no UTF-8 form).
  S: /[\p{Cc}\p{Cs}]/u,
};

const CHARSET_NAMES: Record<EmvCharset, string> = {
  N: 'digits only',
  ans: 'printable ASCII only',
  S: 'text without control characters',
};

type Sink = (code: EmvRuleCode, path: string, message: string) => void;

/** Every generic rule the data objects break, in payload order; `payload` is their written form. */
export function checkEmvRules(objects: readonly EmvDataObject[], payload: string): EmvDeviation[] {
  const out: EmvDeviation[] = [];
  const flagged = new Set<string>();
  const sink: Sink = (code, path, message) => {
    out.push({ code, path, message });
    flagged.add(path);
  };
  checkLevel(objects, 'root', '', sink);
  checkMandatoryRoot(objects, sink);
  // Value rules only speak where the format was right, so one fault gives one deviation.
  const badFormat = new Set(flagged);
  checkRootValues(objects, (code, path, message) => {
    if (!badFormat.has(path)) sink(code, path, message);
  });
  const length = charLength(payload);
  if (length > MAX_PAYLOAD_CHARACTERS) {
    sink(
      'payload_too_long',
      '',
      `the payload is ${length} characters; EMVCo allows ${MAX_PAYLOAD_CHARACTERS}`,
    );
  }
  return out;
}

function checkLevel(
  objects: readonly EmvDataObject[],
  kind: EmvTemplateKind,
  path: string,
  sink: Sink,
): void {
  checkOrder(objects, kind, path, sink);
  for (const object of objects) {
    const at = childPath(path, object.id);
    const spec = fieldSpec(kind, object.id);
    const name = `${at} (${spec.name})`;
    if (isTemplate(object)) {
      if (object.children.length === 0) sink('empty_value', at, `${name} is an empty template`);
      if (spec.template) checkLevel(object.children, spec.template, at, sink);
      for (const id of MANDATORY_CHILDREN[spec.template ?? 'root']) {
        if (!findObject(object.children, id)) {
          const childName = fieldSpec(spec.template!, id).name;
          sink('missing', childPath(at, id), `${name} has no ${id} (${childName}), which it must have`);
        }
      }
    } else {
      checkValue(object.value, spec, at, name, sink);
    }
  }
}

function checkOrder(
  objects: readonly EmvDataObject[],
  kind: EmvTemplateKind,
  path: string,
  sink: Sink,
): void {
  // The root's 63 is last by rule, so it is left out of the comparison.
  const ids = objects.map((o) => o.id);
  if (kind === 'root' && ids.at(-1) === '63') ids.pop();
  const i = ids.findIndex((id, k) => k > 0 && id <= ids[k - 1]!);
  if (i < 0) return;
  const where = path ? `in ${path}, ` : '';
  const note = kind === 'root' ? ' (EMVCo itself fixes only 00 first and 63 last)' : '';
  sink(
    'out_of_order',
    path,
    `${where}${ids[i - 1]} comes before ${ids[i]}; OpenLane writes data objects in ascending ID order${note}`,
  );
}

function checkValue(value: string, spec: EmvFieldSpec, path: string, name: string, sink: Sink): void {
  // Messages quote the value, so accepting a listed deviation accepts that value and no other.
  const length = charLength(value);
  const quoted = `${name} ${JSON.stringify(value)}`;
  if (length === 0) return sink('empty_value', path, `${name} is empty`);
  if (spec.fixed !== undefined && length !== spec.fixed) {
    return sink('wrong_length', path, `${quoted} is ${length} characters; it must be ${spec.fixed}`);
  }
  if (length > spec.max) {
    return sink('too_long', path, `${quoted} is ${length} characters; the limit is ${spec.max}`);
  }
  const bad = CHARSETS[spec.charset].exec(value);
  if (bad) {
    sink(
      'bad_charset',
      path,
      `${quoted} holds ${JSON.stringify(bad[0])}; it takes ${CHARSET_NAMES[spec.charset]}`,
    );
  }
}

function checkMandatoryRoot(objects: readonly EmvDataObject[], sink: Sink): void {
  for (const id of MANDATORY_ROOT) {
    if (!findObject(objects, id)) sink('missing', id, `${id} (${fieldSpec('root', id).name}) is missing`);
  }
  const hasAccount = objects.some((o) => Number(o.id) >= 2 && Number(o.id) <= 51);
  if (!hasAccount) sink('missing', '02-51', 'no merchant account information (02–51) is present');
}

const AMOUNT = /^[0-9]+(\.[0-9]*)?$/;
const PERCENTAGE = /^[0-9]{1,2}(\.[0-9]{1,2})?$/;
const CONSUMER_DATA_REQUEST = /^(?!.*(.).*\1)[AME]{1,3}$/;

function checkRootValues(objects: readonly EmvDataObject[], sink: Sink): void {
  const at = (path: string) => valueAt(objects, path);
  const expect = (path: string, ok: (v: string) => boolean, why: string) => {
    const value = at(path);
    if (value !== undefined && !ok(value)) {
      sink('bad_value', path, `${path} (${nameAt(path)}) is ${JSON.stringify(value)}; ${why}`);
    }
  };
  expect('00', (v) => v === '01', 'this is version 01 of the format');
  expect('01', (v) => v === '11' || v === '12', 'it must be 11 (static) or 12 (dynamic)');
  const currency = at('53');
  for (const path of ['54', '56']) {
    const problem = (v: string) => amountProblem(v, currency);
    expect(path, (v) => !problem(v), problem(at(path) ?? '') ?? '');
  }
  expect('57', (v) => PERCENTAGE.test(v) && Number(v) > 0, 'it must be a percentage from 00.01 to 99.99');
  expect(
    '55',
    (v) => ['01', '02', '03'].includes(v),
    'it must be 01 (prompt), 02 (fixed fee) or 03 (percentage)',
  );
  const indicator = at('55');
  const conditional = (path: string, needs: string, name: string) => {
    const present = at(path) !== undefined;
    if (present !== (indicator === needs)) {
      const why = present ? `is present but 55 is not ${needs}` : `is missing although 55 is ${needs}`;
      sink('conditional', path, `${path} (${name}) ${why}`);
    }
  };
  conditional('56', '02', 'Value of Convenience Fee Fixed');
  conditional('57', '03', 'Value of Convenience Fee Percentage');
  expect('58', (v) => /^[A-Z]{2}$/.test(v), 'it must be an ISO 3166-1 alpha-2 code in capitals');
  expect('62.09', (v) => CONSUMER_DATA_REQUEST.test(v), 'it takes A, M and E, each at most once');
  expect('64.00', (v) => /^[A-Za-z]{2}$/.test(v), 'it must be an ISO 639-1 two-letter code');
  const crc = at('63');
  if (crc && /[a-f]/.test(crc)) sink('crc_lowercase', '63', `63 (CRC) "${crc}" is written in lower case`);
}

/** Why `value` is not an EMVCo amount in the currency with numeric code `currency`, or undefined. */
export function amountProblem(value: string, currency: string | undefined): string | undefined {
  if (!AMOUNT.test(value)) return 'an amount is digits with at most one "." as the decimal mark';
  if (!/[1-9]/.test(value)) return 'an amount must not be zero';
  const exponent = currency === undefined ? undefined : numericExponent(currency);
  const decimals = value.split('.')[1]?.length ?? 0;
  if (exponent !== undefined && decimals > exponent) {
    return `${currencyAlpha(currency!)} has ${exponent} decimal${exponent === 1 ? '' : 's'}, not ${decimals}`;
  }
  return undefined;
}
