/** UPC-E, the zero-suppressed 8-digit UPC on small US products, and its expansion to UPC-A. */
import { gs1CheckDigit } from './gtin';

/**
 * Expands an 8-digit UPC-E (number system 0 or 1, six digits, check digit) to its 12-digit UPC-A
 * by the GS1 zero-suppression rules; null when it is not a UPC-E or its check digit is wrong.
 */
export function expandUpcE(code: string): string | null {
  if (!/^[01]\d{7}$/.test(code)) return null;
  const system = code[0]!;
  const [d1, d2, d3, d4, d5, d6] = code.slice(1, 7);
  let body: string;
  switch (d6) {
    case '0':
    case '1':
    case '2':
      body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      break;
    case '3':
      body = `${d1}${d2}${d3}00000${d4}${d5}`;
      break;
    case '4':
      body = `${d1}${d2}${d3}${d4}00000${d5}`;
      break;
    default:
      body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
  const upcA = system + body;
  return gs1CheckDigit(upcA) === Number(code[7]) ? upcA + code[7] : null;
}
