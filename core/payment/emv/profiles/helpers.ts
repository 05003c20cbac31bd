/** Small pieces the scheme profiles share. */
import { guiOf, valueAt } from '../lookup';
import {
  isTemplate,
  type EmvDataObject,
  type EmvDeviation,
  type EmvSchemeId,
  type EmvTemplate,
} from '../types';

/** Root merchant account templates (26–51) whose GUI is one of `guis`, compared without case. */
export function accountsWithGui(objects: readonly EmvDataObject[], guis: readonly string[]): EmvTemplate[] {
  return objects.filter(
    (o): o is EmvTemplate =>
      isTemplate(o) &&
      Number(o.id) >= 26 &&
      Number(o.id) <= 51 &&
      guis.includes(guiOf(o)?.toUpperCase() ?? ''),
  );
}

/** A deviation collector for one scheme: codes come out as `scheme.code`. */
export function collector(scheme: EmvSchemeId) {
  const deviations: EmvDeviation[] = [];
  const add = (code: string, path: string, message: string) =>
    void deviations.push({ code: `${scheme}.${code}`, path, message });
  return { deviations, add };
}

/** Flags a country (58) or currency (53) other than the scheme's own; absence is a generic rule. */
export function expectCountryAndCurrency(
  objects: readonly EmvDataObject[],
  name: string,
  country: string,
  currency: string,
  add: (code: string, path: string, message: string) => void,
): void {
  const actualCountry = valueAt(objects, '58');
  if (actualCountry !== undefined && actualCountry !== country) {
    add('country', '58', `${name} codes are for country ${country}; 58 is "${actualCountry}"`);
  }
  const actualCurrency = valueAt(objects, '53');
  if (actualCurrency !== undefined && actualCurrency !== currency) {
    add('currency', '53', `${name} pays in currency ${currency}; 53 is "${actualCurrency}"`);
  }
}

/** The object without its undefined properties, for details that print as JSON. */
export function defined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** True for a real calendar date written YYYYMMDD. */
export function isDate(text: string): boolean {
  if (!/^[0-9]{8}$/.test(text)) return false;
  const [y, m, d] = [text.slice(0, 4), text.slice(4, 6), text.slice(6)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
