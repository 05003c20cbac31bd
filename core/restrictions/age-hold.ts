// The age hold: a basket with an age-restricted line cannot be paid until an attendant has checked the
// shopper's ID. Pure: which lines still wait, given the basket's lines and the approvals recorded on it.
//
// What an approval covers is the store's choice (settings `restrictions.ageApprovalCovers`):
// - `later_items` (default): the shopper was seen to be old enough for `ageLimit`, so every line of the
//   basket with the same or a lower limit is covered, also one scanned after the approval; a line with
//   a higher limit (a 21+ item after an 18+ check) needs a check of its own.
// - `checked_items`: only the lines present at the approval (by scan position); anything restricted
//   scanned afterwards is checked again.

export type AgeApprovalCover = 'later_items' | 'checked_items';

export interface AgeLine {
  lineId: string;
  name: string;
  ageLimit: number | null;
  /** Scan order in the basket; a line added later has a higher position. */
  position: number;
}

export interface AgeApproval {
  /** The limit the attendant checked the shopper against. */
  ageLimit: number;
  /** The highest line position in the basket when approved. */
  coversPosition: number;
}

export type AgeHold =
  | { state: 'needed'; ageLimit: number; pending: AgeLine[] }
  | { state: 'approved'; ageLimit: number; pending: [] };

/** Whether one approval covers a restricted line under the store's rule. */
export function covers(approval: AgeApproval, line: AgeLine, cover: AgeApprovalCover): boolean {
  if ((line.ageLimit ?? 0) > approval.ageLimit) return false;
  return cover === 'later_items' || line.position <= approval.coversPosition;
}

/** The basket's hold: null without restricted lines; else needed (with the waiting lines) or approved. */
export function ageHold(
  lines: readonly AgeLine[],
  approvals: readonly AgeApproval[],
  cover: AgeApprovalCover,
): AgeHold | null {
  const restricted = lines.filter((line) => (line.ageLimit ?? 0) > 0);
  if (restricted.length === 0) return null;
  const pending = restricted.filter((line) => !approvals.some((a) => covers(a, line, cover)));
  if (pending.length > 0)
    return { state: 'needed', ageLimit: Math.max(...pending.map((l) => l.ageLimit ?? 0)), pending };
  return { state: 'approved', ageLimit: Math.max(...restricted.map((l) => l.ageLimit ?? 0)), pending: [] };
}

/**
 * Why an approval cannot stand on what the attendant typed: an age or birth year that is not
 * believable, or one that shows the shopper is under the limit (the birth year alone cannot tell
 * whether this year's birthday has passed, so only a year that is surely too young refuses). Null: fine.
 */
export function approvalProblem(
  ageLimit: number,
  age: number | null,
  birthYear: number | null,
  thisYear: number,
): string | null {
  const bad = ageProblem(age, birthYear, thisYear);
  if (bad) return bad;
  if (age !== null && age < ageLimit) return `age ${age} is under the limit of ${ageLimit}`;
  if (birthYear !== null && thisYear - birthYear < ageLimit)
    return `born in ${birthYear}, the shopper is under ${ageLimit}`;
  return null;
}

/** Whether a stated age or birth year is believable for a shopper (refused as input otherwise). */
export function ageProblem(age: number | null, birthYear: number | null, thisYear: number): string | null {
  if (age !== null && !(Number.isInteger(age) && age >= 1 && age <= 130))
    return `age must be a whole number from 1 to 130, got ${age}`;
  if (
    birthYear !== null &&
    !(Number.isInteger(birthYear) && birthYear >= thisYear - 130 && birthYear <= thisYear)
  )
    return `birth year must be a whole year from ${thisYear - 130} to ${thisYear}, got ${birthYear}`;
  return null;
}
