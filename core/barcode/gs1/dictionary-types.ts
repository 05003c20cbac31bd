/**
 * The shape of one entry of ai-table.generated.ts: a GS1 Application Identifier as the GS1 Barcode
 * Syntax Dictionary (core/barcode/gs1/syntax-dictionary/) defines it.
 */

/** One component of an AI's data field, in order; only the last may vary in length. */
export interface DictionaryComponent {
  /** N digits, X GS1 character set 82, Y set 39, Z base64url (set 64). */
  charset: 'N' | 'X' | 'Y' | 'Z';
  min: number;
  max: number;
  /** May be left out once the data is used up; no required component follows an optional one. */
  optional: boolean;
  /** Names of the GS1 check routines ("linters") the component must pass, in order. */
  linters: readonly string[];
}

/** One GS1 Application Identifier as the Syntax Dictionary defines it. */
export interface DictionaryAi {
  ai: string;
  /** GS1's data title; empty where the dictionary gives none. */
  title: string;
  /** Whether an FNC1/GS must end the field when another follows (false: a predefined length). */
  fnc1: boolean;
  /** Whether the AI may be a GS1 Digital Link data attribute (query parameter). */
  dlAttribute: boolean;
  components: readonly DictionaryComponent[];
  /** AIs or patterns (`n` is any digit, e.g. `310n`) that may not appear with this AI. */
  ex: readonly string[];
  /** Each rule: alternatives, each a group of AIs/patterns that must all be present (`01+21`). */
  req: readonly (readonly (readonly string[])[])[];
  /** As a Digital Link primary key: the alternative ordered lists of key qualifiers; null if not a key. */
  dlpkey: readonly (readonly string[])[] | null;
}
