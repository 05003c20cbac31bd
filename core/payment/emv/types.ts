/**
 * The EMVCo Merchant-Presented Mode data model shared by the codec, the rules and the profiles.
 * A payload is kept as its ordered tree of data objects with exact values, so it re-encodes byte for byte.
 */
import type { ErrorInfo } from '../../result';

/** A primitive data object: its two-digit ID and its value exactly as the payload carries it. */
export interface EmvPrimitive {
  id: string;
  value: string;
}

/** A template data object (26–51, 62, 64, 80–99, 62's 50–99): its children in payload order. */
export interface EmvTemplate {
  id: string;
  children: EmvDataObject[];
}

export type EmvDataObject = EmvPrimitive | EmvTemplate;

/** Why a payload is not EMV MPM at all: nothing in it can be trusted, so decoding stops. */
export type EmvStructureErrorCode =
  | 'empty'
  | 'bad_id'
  | 'bad_length'
  | 'truncated'
  | 'duplicate_id'
  | 'not_emv'
  | 'missing_crc'
  | 'crc_not_last'
  | 'bad_crc_format'
  | 'bad_crc';

/** A rule of the EMVCo specification (or OpenLane's canonical order) that a payload breaks. */
export type EmvRuleCode =
  | 'missing'
  | 'empty_value'
  | 'wrong_length'
  | 'too_long'
  | 'bad_charset'
  | 'bad_value'
  | 'conditional'
  | 'out_of_order'
  | 'crc_lowercase'
  | 'payload_too_long';

/** The national schemes OpenLane recognises on top of the generic EMVCo rules. */
export type EmvSchemeId = 'pix' | 'promptpay' | 'paynow' | 'vietqr';

export type EmvProfileId = 'emv' | EmvSchemeId;

/** Generic rule codes, or a scheme's own (`pix.key_format`). */
export type EmvDeviationCode = EmvRuleCode | `${EmvSchemeId}.${string}`;

/**
 * One rule a payload bends. Decoding reports it; encoding refuses it unless the input lists the same
 * deviation (code, path and message), i.e. unless it came from decoding a real code that bent it.
 * `path` is the data object ("60", "62.05", "26.01"), the template whose order is off ("" for the root).
 */
export interface EmvDeviation {
  code: EmvDeviationCode;
  path: string;
  message: string;
}

export type EmvErrorCode = EmvStructureErrorCode | EmvDeviationCode | 'bad_input' | 'inconsistent';

/**
 * Why a payload or an encoding request was refused: core/result's failure shape (the CLI prints it as
 * JSON) with where: the field's `path`, and `position` in characters into the payload.
 */
export interface EmvError extends ErrorInfo {
  code: EmvErrorCode;
  path: string;
  position?: number;
}

/** A template read for people: its globally unique identifier and its other children by ID. */
export interface EmvTemplateFields {
  id: string;
  gui?: string;
  fields: Record<string, string>;
}

/** A merchant account (02–51): a card network's primitive value, or a template with its GUI. */
export interface EmvAccountFields {
  id: string;
  /** The network an ID 02–25 is reserved for, or the template's GUI. */
  network: string;
  value?: string;
  gui?: string;
  fields?: Record<string, string>;
}

/** The additional data field template (62) by name; RFU IDs under `other`, 50–99 under `templates`. */
export interface EmvAdditionalData {
  billNumber?: string;
  mobileNumber?: string;
  storeLabel?: string;
  loyaltyNumber?: string;
  referenceLabel?: string;
  customerLabel?: string;
  terminalLabel?: string;
  purpose?: string;
  consumerDataRequest?: string;
  merchantTaxId?: string;
  merchantChannel?: string;
  other?: Record<string, string>;
  templates?: EmvTemplateFields[];
}

/** The payload read for people. Derived from the data objects; never a second source of truth. */
export interface EmvFields {
  payloadFormatIndicator?: string;
  pointOfInitiation?: 'static' | 'dynamic' | 'unknown';
  merchantAccounts: EmvAccountFields[];
  merchantCategoryCode?: string;
  /** ISO 4217 numeric, as the payload carries it. */
  currency?: string;
  /** ISO 4217 alphabetic, when the numeric code is one OpenLane knows. */
  currencyCode?: string;
  amount?: string;
  /** The amount in minor units, when the currency is known and the amount is a plain decimal. */
  amountMinor?: number;
  tipOrConvenience?: 'prompt' | 'fixed' | 'percentage' | 'unknown';
  convenienceFeeFixed?: string;
  convenienceFeePercentage?: string;
  countryCode?: string;
  merchantName?: string;
  merchantCity?: string;
  postalCode?: string;
  additionalData?: EmvAdditionalData;
  language?: { preference?: string; merchantName?: string; merchantCity?: string };
  rfu?: Record<string, string>;
  unreserved?: EmvTemplateFields[];
  crc?: string;
}

/** What a national scheme's profile read from its merchant account template. */
export interface EmvProfileReport {
  id: EmvProfileId;
  name: string;
  /** The merchant account template the scheme was found in. */
  accountId?: string;
  details: Record<string, string>;
}

/** A payload that decoded: everything needed to re-encode it exactly, and a reading of it. */
export interface EmvDecoded {
  ok: true;
  payload: string;
  profiles: EmvProfileReport[];
  fields: EmvFields;
  deviations: EmvDeviation[];
  dataObjects: EmvDataObject[];
}

export type EmvDecodeResult = EmvDecoded | { ok: false; payload: string; error: EmvError };

/**
 * What the encoder takes: `dataObjects` in payload order (63 may be left out; the CRC is always
 * recomputed) and the deviations to accept. `payload`, `fields` and `profiles` are optional; when
 * present they must agree with `dataObjects`, so an edit to the derived reading is never silently lost.
 */
export interface EmvEncodeInput {
  ok?: boolean;
  dataObjects: EmvDataObject[];
  deviations?: EmvDeviation[];
  payload?: string;
  fields?: unknown;
  profiles?: unknown;
}

export type EmvEncodeResult =
  { ok: true; payload: string } | { ok: false; error: EmvError; violations: EmvDeviation[] };

/** True for a template data object. */
export function isTemplate(object: EmvDataObject): object is EmvTemplate {
  return 'children' in object;
}
