/** EMVCo Merchant-Presented Mode payment codes: the public API. */
export { crc16CcittFalse, emvCrc } from './crc';
export { currencyAlpha, currencyNumeric } from './currency';
export { decodeEmv } from './decode';
export { buildDynamicBankQr, type DynamicSale } from './dynamic';
export { buildEmv, encodeEmv } from './encode';
export { emvFields } from './fields';
export { findObject, findTemplate, guiOf, valueAt, withValue } from './lookup';
export {
  EMV_SCHEMES,
  checkProfiles,
  cnpjValid,
  cpfValid,
  payNow,
  pix,
  pixKeyType,
  promptPay,
  schemesOf,
  vietQr,
  type EmvProfile,
  type ProfileCheck,
} from './profiles';
export { MAX_PAYLOAD_CHARACTERS, amountProblem, checkEmvRules } from './rules';
export {
  fieldSpec,
  nameAt,
  networkOf,
  type EmvCharset,
  type EmvFieldSpec,
  type EmvTemplateKind,
} from './spec';
export { charLength, parseTlv, tlv, type TlvObject, type TlvParse } from './tlv';
export { parseTree, serialiseObjects } from './tree';
export * from './types';
