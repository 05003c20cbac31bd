/** GS1 element strings, Application Identifiers and Digital Link URIs: the public API. */
export {
  APPLICATION_IDENTIFIERS,
  PREDEFINED_LENGTHS,
  hasPredefinedLength,
  lookupAi,
  type AiDefinition,
  type AiFormat,
  type Gs1Charset,
} from './application-identifiers';
export { SYNTAX_DICTIONARY_VERSION } from './ai-table.generated';
export { matchesPattern } from './pairing';
export { DEFAULT_REFERENCE_YEAR, gs1Year } from './dates';
export { GS, encodeElementString, formatElementString, parseElementString } from './element-string';
export { amountToMinorUnits, gs1Fields, type Gs1Fields } from './fields';
export {
  formatDigitalLink,
  parseDigitalLink,
  type DigitalLink,
  type DigitalLinkResult,
} from './digital-link';
export type {
  DigitalLinkErrorReason,
  Gs1Element,
  Gs1ErrorReason,
  Gs1Failure,
  Gs1Pair,
  Gs1ParseOptions,
  Gs1ParseResult,
  Gs1Value,
  Gs1Warning,
  MeasureUnit,
} from './types';
