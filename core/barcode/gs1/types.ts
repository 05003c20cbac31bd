/** The values a GS1 element string or Digital Link decodes to, and the ways decoding can fail. */

export type MeasureUnit = 'kg' | 'lb' | 'm' | 'l' | 'm2' | 'm3';

/** A decoded AI value; every kind keeps exact integers or digit strings so no floats are needed. */
export type Gs1Value =
  | { kind: 'text'; text: string }
  | { kind: 'gtin'; gtin14: string }
  | { kind: 'sscc'; sscc: string }
  | { kind: 'gln'; gln: string }
  | { kind: 'date'; iso: string; year: number; month: number; day: number }
  | {
      kind: 'datetime';
      /** Always `YYYY-MM-DDTHH:MM:SS`; digits the label left out are zero, see `precision`. */
      iso: string;
      year: number;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number;
      precision: 'hour' | 'minute' | 'second';
    }
  /** `value / 10^decimals` of `unit`: 3103 000750 is value 750, decimals 3, i.e. 0.750 kg. */
  | { kind: 'measure'; value: number; decimals: number; unit: MeasureUnit }
  /** `digits / 10^decimals` in the currency with ISO 4217 numeric code `currencyNumeric`, if given. */
  | { kind: 'amount'; digits: string; decimals: number; currencyNumeric?: string }
  | { kind: 'count'; count: number };

export interface Gs1Element {
  ai: string;
  /** GS1's data title, e.g. `GTIN`, `BATCH/LOT`, `NET WEIGHT (kg)`. */
  title: string;
  /** The data field exactly as encoded (a GTIN given short in a Digital Link is padded to 14). */
  raw: string;
  value: Gs1Value;
}

export type Gs1ErrorReason =
  | 'empty'
  | 'unknown_ai'
  | 'bad_syntax'
  | 'bad_separator'
  | 'bad_length'
  | 'bad_charset'
  | 'bad_check_digit'
  | 'bad_date'
  /** A component failed one of its GS1 check routines (a country or currency code, a piece count…). */
  | 'bad_value'
  | 'duplicate_ai'
  | 'conflicting_ai';

export type DigitalLinkErrorReason =
  | Gs1ErrorReason
  | 'not_digital_link'
  | 'bad_uri'
  | 'compressed_digital_link'
  | 'unsupported_primary_key'
  | 'bad_qualifier'
  | 'not_data_attribute';

export interface Gs1Failure<R extends string = Gs1ErrorReason> {
  ok: false;
  reason: R;
  message: string;
}

/**
 * Something the label gets wrong that does not make it unreadable: an AI without the partner the
 * GS1 Syntax Dictionary says must accompany it (`req=`). The data is still used; the till sells.
 */
export interface Gs1Warning {
  code: 'missing_required_ai';
  /** The AI whose partner is missing. */
  ai: string;
  message: string;
}

/** `warnings` is present only when there is at least one. */
export type Gs1ParseResult = { ok: true; elements: Gs1Element[]; warnings?: Gs1Warning[] } | Gs1Failure;

export interface Gs1ParseOptions {
  /**
   * The year two-digit years are read against (GS1 General Specifications 7.12: from 49 years
   * before to 50 years after it). Core has no clock, so callers should pass the current year.
   */
  referenceYear?: number;
}

/** An AI and its data field as encoded, before validation. */
export interface Gs1Pair {
  ai: string;
  raw: string;
}
