/**
 * Encoding EMVCo MPM payloads strictly: every generic and scheme rule holds, fields are in ascending
 * ID order with 00 first and 63 last, and the CRC is always recomputed. The one exception is a
 * deviation the input itself lists (as `decodeEmv` reported it), so a real code re-encodes exactly.
 */
import { emvCrc } from './crc';
import { review } from './decode';
import { emvFields } from './fields';
import { fieldSpec, type EmvTemplateKind } from './spec';
import { charLength, childPath } from './tlv';
import { serialiseObjects, valueOf } from './tree';
import {
  isTemplate,
  type EmvDataObject,
  type EmvDeviation,
  type EmvEncodeInput,
  type EmvEncodeResult,
  type EmvError,
} from './types';

/** Encodes the data objects in the order given, refusing every deviation the input does not list. */
export function encodeEmv(input: EmvEncodeInput): EmvEncodeResult {
  const problem = checkInput(input);
  if (problem) return { ok: false, error: problem, violations: [] };
  const objects = input.dataObjects;
  const last = objects.at(-1)!;
  const givenCrc = last.id === '63' && !isTemplate(last) ? last.value : undefined;
  const body = givenCrc === undefined ? objects : objects.slice(0, -1);
  const text = `${serialiseObjects(body)}6304`;
  const crc = emvCrc(text);
  // A decoded code written with lower-case hex keeps it, so it re-encodes exactly; all else is upper case.
  const value = givenCrc?.toUpperCase() === crc ? givenCrc : crc;
  const final: EmvDataObject[] = [...body, { id: '63', value }];
  const payload = text + value;
  const { profiles, deviations } = review(final, payload);
  const accepted = new Set((input.deviations ?? []).map(deviationKey));
  const violations = deviations.filter((d) => !accepted.has(deviationKey(d)));
  if (violations.length > 0) {
    const first = violations[0]!;
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    return {
      ok: false,
      error: { code: first.code, path: first.path, message: first.message + more },
      violations,
    };
  }
  const mismatch = inconsistency(input, { payload, fields: emvFields(final), profiles });
  return mismatch ? { ok: false, error: mismatch, violations: [] } : { ok: true, payload };
}

/**
 * Encodes data objects in canonical order — 00 (added as "01" when absent) first, then ascending
 * IDs at every level, 63 computed — accepting no deviation. This is how new codes are made.
 */
export function buildEmv(objects: readonly EmvDataObject[]): EmvEncodeResult {
  const rest = objects.filter((o) => o.id !== '63');
  const withFormat = rest.some((o) => o.id === '00') ? rest : [{ id: '00', value: '01' }, ...rest];
  return encodeEmv({ dataObjects: sortById(withFormat) });
}

function sortById(objects: readonly EmvDataObject[]): EmvDataObject[] {
  return [...objects]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o) => (isTemplate(o) ? { id: o.id, children: sortById(o.children) } : o));
}

const deviationKey = (d: EmvDeviation) => JSON.stringify([d.code, d.path, d.message]);

const badInput = (path: string, message: string): EmvError => ({ code: 'bad_input', path, message });

/** What is wrong with the input's shape — anything that would make the TLV unwritable — if anything. */
function checkInput(input: EmvEncodeInput): EmvError | undefined {
  if (typeof input !== 'object' || input === null) return badInput('', 'give an object with dataObjects');
  const refused = (input as { error?: { message?: unknown } }).error;
  if (input.ok === false) {
    const why = typeof refused?.message === 'string' ? `: ${refused.message}` : '';
    return badInput('', `this is a refused decode${why}; there is nothing to encode`);
  }
  if (!Array.isArray(input.dataObjects) || input.dataObjects.length === 0) {
    return badInput('dataObjects', 'dataObjects must be a non-empty list of data objects');
  }
  if (input.deviations !== undefined && !isDeviationList(input.deviations)) {
    return badInput('deviations', 'deviations must be a list of {code, path, message} as decode prints them');
  }
  const shape = checkObjects(input.dataObjects, 'root', '');
  if (shape) return shape;
  const objects = input.dataObjects;
  if (objects[0]!.id !== '00') {
    return {
      code: 'not_emv',
      path: objects[0]!.id,
      message: 'the first data object must be 00 (Payload Format Indicator)',
    };
  }
  const crcIndex = objects.findIndex((o) => o.id === '63');
  if (crcIndex >= 0 && crcIndex !== objects.length - 1) {
    return { code: 'crc_not_last', path: '63', message: '63 (CRC) must be the last data object' };
  }
  return undefined;
}

function isDeviationList(value: unknown): value is EmvDeviation[] {
  return (
    Array.isArray(value) &&
    value.every(
      (d) =>
        typeof d === 'object' &&
        d !== null &&
        ['code', 'path', 'message'].every((k) => typeof (d as Record<string, unknown>)[k] === 'string'),
    )
  );
}

function checkObjects(list: unknown[], kind: EmvTemplateKind, path: string): EmvError | undefined {
  const seen = new Set<string>();
  for (const [index, item] of list.entries()) {
    const where = `${path ? `${path}: ` : ''}data object #${index + 1}`;
    if (typeof item !== 'object' || item === null) return badInput(path, `${where} is not an object`);
    const { id, value, children } = item as { id?: unknown; value?: unknown; children?: unknown };
    if (typeof id !== 'string' || !/^[0-9]{2}$/.test(id)) {
      return badInput(path, `${where} has id ${JSON.stringify(id)}; an ID is two digits as a string`);
    }
    const at = childPath(path, id);
    if (seen.has(id)) return { code: 'duplicate_id', path: at, message: `${at} appears twice` };
    seen.add(id);
    const template = fieldSpec(kind, id).template;
    if (template) {
      if (!Array.isArray(children) || value !== undefined) {
        return badInput(
          at,
          `${at} (${fieldSpec(kind, id).name}) is a template: give its children, not a value`,
        );
      }
      const inner = checkObjects(children, template, at);
      if (inner) return inner;
    } else if (typeof value !== 'string' || children !== undefined) {
      return badInput(at, `${at} (${fieldSpec(kind, id).name}) takes a string value`);
    }
    const length = charLength(valueOf(item as EmvDataObject));
    if (length > 99) return badInput(at, `${at} is ${length} characters; a TLV value holds at most 99`);
  }
  return undefined;
}

/** Where the derived parts of the input disagree with what its data objects give, if they do. */
function inconsistency(input: EmvEncodeInput, derived: Record<string, unknown>): EmvError | undefined {
  for (const [key, actual] of Object.entries(derived)) {
    const given = (input as unknown as Record<string, unknown>)[key];
    if (given === undefined) continue;
    const difference = firstDifference(given, actual, key);
    if (difference) {
      const message =
        `${difference.path} does not match the data objects, which give ${JSON.stringify(difference.actual) ?? 'nothing'}; ` +
        'edit dataObjects, then remove payload, fields and profiles (or make them match)';
      return { code: 'inconsistent', path: difference.path, message };
    }
  }
  return undefined;
}

function firstDifference(
  given: unknown,
  actual: unknown,
  path: string,
): { path: string; actual: unknown } | undefined {
  if (Object.is(given, actual)) return undefined;
  const bothObjects =
    typeof given === 'object' &&
    typeof actual === 'object' &&
    given !== null &&
    actual !== null &&
    Array.isArray(given) === Array.isArray(actual);
  if (!bothObjects) return { path, actual };
  const a = given as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const difference = firstDifference(
      a[key],
      b[key],
      Array.isArray(given) ? `${path}[${key}]` : `${path}.${key}`,
    );
    if (difference) return difference;
  }
  return undefined;
}
