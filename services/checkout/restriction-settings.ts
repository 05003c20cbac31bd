// The `restrictions` key of settings.json: the store's sale restrictions (core/restrictions) and its
// age-check choices. Every field has a default, so a settings.json written before it still loads.
//
//   "restrictions": {
//     "ageApprovalCovers": "later_items",        // or "checked_items" (core/restrictions/age-hold.ts)
//     "timeZone": "Asia/Shanghai",               // IANA zone the hours are read in; null: the system's
//     "rules": [
//       { "department": "Alcohol", "noSale": [{ "from": "22:00", "to": "07:00" }] },
//       { "gtin": "06901234567892", "maxPerBasket": 2 }
//     ]
//   }
import { z } from 'zod';
import { isTimeZone, ruleProblem, type SaleRule } from '../../core/restrictions';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM from 00:00 to 23:59');

const ruleSchema = z
  .object({
    gtin: z.string().optional(),
    department: z.string().trim().min(1).max(80).optional(),
    noSale: z
      .array(z.object({ from: clock, to: clock }).strict())
      .max(8)
      .optional(),
    maxPerBasket: z.number().int().min(1).max(9999).optional(),
  })
  .strict()
  .superRefine((rule, context) => {
    const problem = ruleProblem(rule as SaleRule);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const restrictionSettingsSchema = z
  .object({
    /** Whether an approval covers restricted items scanned after it (same or lower limit), or only those it saw. */
    ageApprovalCovers: z.enum(['later_items', 'checked_items']).default('later_items'),
    /**
     * The IANA time zone the no-sale hours are read in, e.g. Asia/Shanghai; null: the terminal's own
     * (the operating system's, or TZ in its environment). Set it where terminals' clocks are kept in UTC.
     */
    timeZone: z
      .string()
      .refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone` })
      .nullable()
      .default(null),
    rules: z.array(ruleSchema).max(500).default([]),
  })
  .strict();

export type RestrictionSettings = z.infer<typeof restrictionSettingsSchema>;

export const DEFAULT_RESTRICTIONS: RestrictionSettings = {
  ageApprovalCovers: 'later_items',
  timeZone: null,
  rules: [],
};
