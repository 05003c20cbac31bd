/** AIM symbology identifiers (`]E0`, `]C1`, `]Q3`…) that scanners put before the data they read. */

export type Symbology = 'EAN/UPC' | 'Code 128' | 'GS1 DataBar' | 'Data Matrix' | 'QR Code' | 'other';

export interface SymbologyId {
  /** The identifier as sent, e.g. `]E0`. */
  id: string;
  symbology: Symbology;
  /** The data is a GS1 element string (GS1-128 `]C1`, DataBar `]e0`, GS1 DataMatrix `]d2`, GS1 QR `]Q3`). */
  gs1: boolean;
}

const SYMBOLOGY: Record<string, Symbology> = {
  E: 'EAN/UPC',
  C: 'Code 128',
  e: 'GS1 DataBar',
  d: 'Data Matrix',
  Q: 'QR Code',
};
const GS1_IDS = new Set([']C1', ']e0', ']d2', ']Q3']);

/** Splits a leading AIM identifier (`]` + symbology letter + modifier) from the data, if there is one. */
export function splitSymbologyId(raw: string): { aim: SymbologyId | null; data: string } {
  const match = /^\][A-Za-z][0-9A-Za-z]/.exec(raw);
  if (!match) return { aim: null, data: raw };
  const id = match[0];
  return {
    aim: { id, symbology: SYMBOLOGY[id[1]!] ?? 'other', gs1: GS1_IDS.has(id) },
    data: raw.slice(id.length),
  };
}
