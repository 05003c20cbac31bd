/**
 * Decoding an EMVCo MPM payload. Lenient where real codes bend the rules (a long city, a missing MCC,
 * lower-case CRC hex, fields out of order): each bend is reported as a deviation. Refused outright,
 * because nothing in the payload could be trusted: a wrong CRC, a broken TLV, a duplicate ID.
 */
import { emvCrc } from './crc';
import { emvFields } from './fields';
import { checkProfiles } from './profiles';
import { checkEmvRules } from './rules';
import { parseTlv, type TlvObject } from './tlv';
import { expandTemplates } from './tree';
import type { EmvDataObject, EmvDecodeResult, EmvDeviation, EmvError, EmvProfileReport } from './types';

/** Decodes a payload into its data objects, a named reading, the schemes found and every deviation. */
export function decodeEmv(payload: string): EmvDecodeResult {
  const fail = (error: EmvError): EmvDecodeResult => ({ ok: false, payload, error });
  if (typeof payload !== 'string' || payload.length === 0) {
    return {
      ok: false,
      payload: String(payload ?? ''),
      error: { code: 'empty', path: '', message: 'the payload is empty' },
    };
  }
  const root = parseTlv(payload);
  if (!root.ok) return fail(root.error);
  const structure = checkStructure(root.objects, payload);
  if (structure) return fail(structure);
  const tree = expandTemplates(root.objects, 'root', '');
  if (!tree.ok) return fail(tree.error);
  const { profiles, deviations } = review(tree.objects, payload);
  return {
    ok: true,
    payload,
    profiles,
    fields: emvFields(tree.objects),
    deviations,
    dataObjects: tree.objects,
  };
}

/** The deviations and scheme reports of a data object tree whose written form is `payload`. */
export function review(
  objects: readonly EmvDataObject[],
  payload: string,
): { profiles: EmvProfileReport[]; deviations: EmvDeviation[] } {
  const { reports, deviations } = checkProfiles(objects);
  return { profiles: reports, deviations: [...checkEmvRules(objects, payload), ...deviations] };
}

/** 00 first, 63 last with a 4-hex-digit CRC that matches; checked before templates are opened. */
function checkStructure(objects: readonly TlvObject[], payload: string): EmvError | undefined {
  const first = objects[0]!;
  if (first.id !== '00') {
    return {
      code: 'not_emv',
      path: first.id,
      message: `an EMV payload starts with 00 (Payload Format Indicator); this one starts with ${first.id}`,
      position: 0,
    };
  }
  const crcIndex = objects.findIndex((o) => o.id === '63');
  if (crcIndex < 0) return { code: 'missing_crc', path: '63', message: 'there is no 63 (CRC)' };
  const crc = objects[crcIndex]!;
  if (crcIndex !== objects.length - 1) {
    const after = objects[crcIndex + 1]!;
    return {
      code: 'crc_not_last',
      path: '63',
      message: `63 (CRC) must be last, but ${after.id} follows it at character ${after.position}`,
      position: after.position,
    };
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(crc.value)) {
    return {
      code: 'bad_crc_format',
      path: '63',
      message: `63 (CRC) is "${crc.value}"; it must be 4 hex digits`,
      position: crc.position,
    };
  }
  // 63 is last and its value is 4 ASCII characters, so the checked text is all but the last 4 units.
  const expected = emvCrc(payload.slice(0, -4));
  if (crc.value.toUpperCase() !== expected) {
    return {
      code: 'bad_crc',
      path: '63',
      message: `the CRC is ${crc.value} but the payload's CRC-16/CCITT-FALSE is ${expected}: the code is damaged or was altered`,
      position: crc.position,
    };
  }
  return undefined;
}
