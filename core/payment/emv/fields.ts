/** The payload read for people: named fields derived from the data objects, never edited directly. */
import { parseDecimalToMinor } from '../../money';
import { currencyAlpha, numericExponent } from './currency';
import { guiOf, valueAt } from './lookup';
import { networkOf } from './spec';
import {
  isTemplate,
  type EmvAccountFields,
  type EmvAdditionalData,
  type EmvDataObject,
  type EmvFields,
  type EmvTemplate,
  type EmvTemplateFields,
} from './types';

const ADDITIONAL_KEYS: Record<string, keyof EmvAdditionalData> = {
  '01': 'billNumber',
  '02': 'mobileNumber',
  '03': 'storeLabel',
  '04': 'loyaltyNumber',
  '05': 'referenceLabel',
  '06': 'customerLabel',
  '07': 'terminalLabel',
  '08': 'purpose',
  '09': 'consumerDataRequest',
  '10': 'merchantTaxId',
  '11': 'merchantChannel',
};

const INITIATION: Record<string, EmvFields['pointOfInitiation']> = { '11': 'static', '12': 'dynamic' };
const TIP: Record<string, EmvFields['tipOrConvenience']> = {
  '01': 'prompt',
  '02': 'fixed',
  '03': 'percentage',
};

/** Reads the data objects into named fields; unknown or odd values are passed through as they are. */
export function emvFields(objects: readonly EmvDataObject[]): EmvFields {
  const at = (path: string) => valueAt(objects, path);
  const ids = (from: number, to: number) => objects.filter((o) => Number(o.id) >= from && Number(o.id) <= to);
  const currency = at('53');
  const amount = at('54');
  const initiation = at('01');
  const tip = at('55');
  const fields: EmvFields = {
    payloadFormatIndicator: at('00'),
    pointOfInitiation: initiation === undefined ? undefined : (INITIATION[initiation] ?? 'unknown'),
    merchantAccounts: ids(2, 51).map(accountFields),
    merchantCategoryCode: at('52'),
    currency,
    currencyCode: currency === undefined ? undefined : currencyAlpha(currency),
    amount,
    amountMinor: amount === undefined ? undefined : minorUnits(amount, currency),
    tipOrConvenience: tip === undefined ? undefined : (TIP[tip] ?? 'unknown'),
    convenienceFeeFixed: at('56'),
    convenienceFeePercentage: at('57'),
    countryCode: at('58'),
    merchantName: at('59'),
    merchantCity: at('60'),
    postalCode: at('61'),
    additionalData: additionalData(objects),
    language: language(objects),
    rfu: primitives(ids(65, 79)),
    unreserved: nonEmpty(ids(80, 99).filter(isTemplate).map(templateFields)),
    crc: at('63'),
  };
  return dropUndefined(fields);
}

function minorUnits(amount: string, currency: string | undefined): number | undefined {
  const exponent = currency === undefined ? undefined : numericExponent(currency);
  if (exponent === undefined) return undefined;
  return parseDecimalToMinor(amount, exponent) ?? undefined;
}

function accountFields(object: EmvDataObject): EmvAccountFields {
  if (!isTemplate(object)) return { id: object.id, network: networkOf(object.id), value: object.value };
  const { gui, fields } = templateFields(object);
  return dropUndefined({ id: object.id, network: gui ?? 'unknown', gui, fields });
}

function templateFields(template: EmvTemplate): EmvTemplateFields {
  const rest = template.children.filter((child) => child.id !== '00');
  return dropUndefined({ id: template.id, gui: guiOf(template), fields: primitives(rest) ?? {} });
}

function additionalData(objects: readonly EmvDataObject[]): EmvAdditionalData | undefined {
  const template = objects.find((o) => o.id === '62');
  if (!template || !isTemplate(template)) return undefined;
  const data: EmvAdditionalData = {};
  const other: Record<string, string> = {};
  for (const child of template.children) {
    if (isTemplate(child)) continue;
    const key = ADDITIONAL_KEYS[child.id];
    if (key) (data as Record<string, string>)[key] = child.value;
    else other[child.id] = child.value;
  }
  if (Object.keys(other).length > 0) data.other = other;
  const templates = template.children.filter(isTemplate).map(templateFields);
  if (templates.length > 0) data.templates = templates;
  return data;
}

function language(objects: readonly EmvDataObject[]): EmvFields['language'] {
  if (!objects.some((o) => o.id === '64')) return undefined;
  const at = (id: string) => valueAt(objects, `64.${id}`);
  return dropUndefined({ preference: at('00'), merchantName: at('01'), merchantCity: at('02') });
}

/** Primitive children by ID ("01": "…"); templates nested deeper are not primitives and are skipped. */
function primitives(objects: readonly EmvDataObject[]): Record<string, string> | undefined {
  const entries = objects.flatMap((o) => (isTemplate(o) ? [] : [[o.id, o.value] as const]));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** The object without its undefined properties, so the JSON form and the in-memory form compare equal. */
function dropUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
