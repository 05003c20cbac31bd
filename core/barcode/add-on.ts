/**
 * EAN/UPC 2- and 5-digit add-ons (supplementals) as scanners send them: glued to the main code, marked
 * by AIM `]E3`, or as a second `]E1`/`]E2` packet. The split must never guess: a GTIN-14 is 14 digits
 * and a payment code 18, so lengths alone decide only where no other reading exists.
 */
import { checkGtin } from './gtin';
import { expandUpcE } from './upc-e';

export type AddOnRefusal =
  'not_digits' | 'ambiguous_length' | 'bad_main_check_digit' | 'bad_add_on' | 'add_on_alone';

export type AddOnSplit =
  { ok: true; main: string; addOn: string | null } | { ok: false; reason: AddOnRefusal; message: string };

export type BookCurrency = 'GBP' | 'AUD' | 'NZD' | 'USD' | 'CAD';

export type BookAddOn =
  | { kind: 'price'; currency: BookCurrency; minor: number; orMore: boolean }
  | { kind: 'no_price' }
  | { kind: 'internal'; code: string }
  | { kind: 'other'; code: string };

/** A main part checks when it is a valid EAN-8, UPC-A or EAN-13, or a valid UPC-E. */
function mainChecks(main: string): boolean {
  return checkGtin(main).ok || (main.length === 8 && expandUpcE(main) !== null);
}

function refuse(reason: AddOnRefusal, message: string): AddOnSplit {
  return { ok: false, reason, message };
}

function split(data: string, mainLength: number, why: string): AddOnSplit {
  const main = data.slice(0, mainLength);
  if (!mainChecks(main)) {
    return refuse(
      'bad_main_check_digit',
      `"${data}" (${why}) would split as main "${main}" + add-on "${data.slice(mainLength)}", but "${main}" does not check`,
    );
  }
  return { ok: true, main, addOn: data.slice(mainLength) };
}

const ADD_ON_LENGTH: Record<string, number> = { '1': 2, '2': 5 };

/** `…]E1nn` / `…]E2nnnnn`: the add-on as a second AIM packet behind the main code (Datalogic's format). */
function splitSecondPacket(data: string): AddOnSplit | null {
  const match = /^(\d+)\]E([12])(.*)$/.exec(data);
  if (!match) return null;
  const [, main, modifier, addOn] = match as unknown as [string, string, string, string];
  const want = ADD_ON_LENGTH[modifier]!;
  if (!new RegExp(`^\\d{${want}}$`).test(addOn)) {
    return refuse('bad_add_on', `"${data}": the ]E${modifier} add-on "${addOn}" should be ${want} digits`);
  }
  if (!mainChecks(main))
    return refuse('bad_main_check_digit', `"${data}": main code "${main}" does not check`);
  return { ok: true, main, addOn };
}

/** Under ]E3 every length has one reading: 13/12/8-digit main (EAN-13, UPC-A, UPC-E) + 2 or 5. */
const E3_MAIN_LENGTH: Record<number, number> = { 15: 13, 18: 13, 14: 12, 17: 12, 10: 8, 13: 8 };

/**
 * Splits scanned EAN/UPC data into its main code and add-on, given the AIM id the scanner sent (if any).
 *
 * With `]E3` the data is main + add-on, so 15/18 = EAN-13 + 2/5, 14/17 = UPC-A + 2/5, 10/13 = UPC-E + 2/5.
 * With no AIM id only 15 and 18 digits are split (as EAN-13 + 2/5, when the EAN-13 checks); 14 digits stay
 * whole (a GTIN-14 / ITF-14), and 17 is refused, since only a scanner's `]E3` can say it is UPC-A + 5.
 * An 18-digit string may also be a WeChat Pay code: classify payment codes before calling this.
 * `]E0`/`]E4` and non-EAN symbologies carry no add-on; `]E1`/`]E2` alone are refused as `add_on_alone`.
 */
export function splitAddOn(data: string, aimId?: string): AddOnSplit {
  if (aimId !== undefined && !aimId.startsWith(']E')) return { ok: true, main: data, addOn: null };
  const packet = splitSecondPacket(data);
  if (packet) return packet;
  if (!/^\d+$/.test(data)) return refuse('not_digits', `"${data}" is not all digits`);
  if (aimId === ']E1' || aimId === ']E2') {
    return refuse(
      'add_on_alone',
      `the scanner sent the ${ADD_ON_LENGTH[aimId[2]!]}-digit add-on "${data}" (${aimId}) without its main code`,
    );
  }
  if (aimId === ']E0' || aimId === ']E4') return { ok: true, main: data, addOn: null };
  if (aimId === ']E3') {
    const mainLength = E3_MAIN_LENGTH[data.length];
    if (mainLength === undefined) {
      return refuse(
        'ambiguous_length',
        `"${data}" is ${data.length} digits; ]E3 data is 10, 13, 14, 15, 17 or 18`,
      );
    }
    return split(data, mainLength, ']E3');
  }
  if ([8, 12, 13, 14].includes(data.length)) return { ok: true, main: data, addOn: null };
  if (data.length === 15 || data.length === 18) return split(data, 13, 'no AIM id');
  return refuse(
    'ambiguous_length',
    `"${data}" is ${data.length} digits; without an AIM id only 8, 12, 13, 14 (whole) or 15, 18 (EAN-13 + add-on) are read`,
  );
}

const BOOK_CURRENCY: Record<string, BookCurrency> = {
  '0': 'GBP',
  '1': 'GBP',
  '3': 'AUD',
  '4': 'NZD',
  '5': 'USD',
  '6': 'CAD',
};

/**
 * For information only: the suggested retail price a book's 5-digit add-on carries (first digit the
 * currency, then the price in minor units; x9999 means that price or more; 90000 no price). Null when
 * the main code is not a Bookland EAN (978/979) or the add-on is not 5 digits.
 */
export function interpretBookAddOn(main: string, addOn: string): BookAddOn | null {
  if (!/^97[89]\d{10}$/.test(main) || !/^\d{5}$/.test(addOn)) return null;
  const currency = BOOK_CURRENCY[addOn[0]!];
  if (currency) {
    // Our reading of "0 and 1 = GBP": the five digits are pence, so 1xxxx is £100.00 and up.
    const minor = currency === 'GBP' ? Number(addOn) : Number(addOn.slice(1));
    return { kind: 'price', currency, minor, orMore: addOn.endsWith('9999') };
  }
  if (addOn === '90000') return { kind: 'no_price' };
  // 90001–98999 are for a retailer's internal use; 99xxx are reserved (e.g. NACS 99990 used books).
  if (addOn < '99000' && addOn.startsWith('9')) return { kind: 'internal', code: addOn };
  return { kind: 'other', code: addOn };
}
