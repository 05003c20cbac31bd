/** What a national scheme's profile is: how it finds its template, what it checks, how it goes dynamic. */
import type { EmvDataObject, EmvDeviation, EmvProfileReport, EmvSchemeId, EmvTemplate } from '../types';

export interface ProfileCheck {
  report: EmvProfileReport;
  deviations: EmvDeviation[];
}

export interface EmvProfile {
  id: EmvSchemeId;
  name: string;
  /** What the profile checks, in words, for documentation and `--help`. */
  checks: readonly string[];
  /** The merchant account templates (26–51) that belong to this scheme. */
  accounts(objects: readonly EmvDataObject[]): EmvTemplate[];
  /** Reads and checks one of this scheme's templates in the context of the whole payload. */
  check(account: EmvTemplate, objects: readonly EmvDataObject[]): ProfileCheck;
  /** Where a one-sale code carries the bill reference: 62.01 bill number, 62.05 reference label, 62.08 purpose. */
  referenceField: '01' | '05' | '08';
  /** The changes a static code needs to carry a fixed amount, beyond 01, 54 and 62. */
  toDynamic?(objects: readonly EmvDataObject[]): EmvDataObject[];
  /** Why this code cannot be turned into a one-sale code, if it cannot. */
  notStatic?(objects: readonly EmvDataObject[]): string | undefined;
}
