// Which basket line the cashier has selected (↑/↓, then +/−/Delete act on it). Pure, so the rules for
// where the selection goes after a scan or a removal are unit-tested.

/** The line above (-1) or below (+1) the selected one; from nothing, ↓ starts at the top and ↑ at the bottom. */
export function moveSelection(
  lineIds: readonly string[],
  selected: string | null,
  delta: 1 | -1,
): string | null {
  if (lineIds.length === 0) return null;
  const at = selected === null ? -1 : lineIds.indexOf(selected);
  if (at === -1) return delta === 1 ? lineIds[0]! : lineIds[lineIds.length - 1]!;
  return lineIds[Math.min(lineIds.length - 1, Math.max(0, at + delta))]!;
}

export interface BasketShape {
  lineIds: readonly string[];
  lastChangedLineId: string | null;
}

/**
 * The selection after the basket changed. A removed line hands the selection to the line that took
 * its place (or the new last one), so Delete pressed again keeps working down the list; otherwise the
 * line a scan just added or changed is selected, as the cashier expects after a scan; a basket
 * that did not change keeps the selection.
 */
export function followSelection(
  before: BasketShape,
  selected: string | null,
  after: BasketShape,
  changed: boolean,
): string | null {
  const ids = after.lineIds;
  if (ids.length === 0) return null;
  if (selected !== null && !ids.includes(selected) && before.lineIds.includes(selected)) {
    const at = before.lineIds.indexOf(selected);
    return ids[Math.min(at, ids.length - 1)]!;
  }
  const last = after.lastChangedLineId;
  if (changed && last !== null && ids.includes(last)) return last;
  if (selected !== null && ids.includes(selected)) return selected;
  return last !== null && ids.includes(last) ? last : ids[ids.length - 1]!;
}

/** A weighed line or one unique piece (its own serial) has no count to step. */
export function quantityIsFixed(line: { unit: string; serial: string | null }): boolean {
  return line.unit === 'kg' || line.serial !== null;
}
