// The `counter` key of settings.json: how a counter terminal runs its shifts. Every field has a
// default, so a settings.json written before it still loads.
//
//   "counter": {
//     "idleLockSeconds": 300,          // the counter locks to its sign-in after this long untouched
//     "cashRoundingIncrement": 10,     // minor units the cash part is rounded to (10 fen = 0.10 CNY; 5 for CHF 0.05); 1: none
//     "limits": {                      // what each role may do alone; above it a supervisor approves
//       "cashier":    { "discountPercent": 10,  "cashDifference": 500 },
//       "supervisor": { "discountPercent": 50,  "cashDifference": 5000 },
//       "manager":    { "discountPercent": 100, "cashDifference": null }
//     }                                 // each may add "refund": the most one refund gives back alone (minor units)
//   }
import { z } from 'zod';

/**
 * What one role may do at the counter without anyone else's approval: a discount (line or whole sale,
 * by amount or %) of at most `discountPercent` of what it discounts (a price override counts as the
 * discount it makes), and a shift closed with a counted-versus-expected cash difference of at most
 * `cashDifference` minor units either way (null: any).
 */
const roleLimitSchema = z
  .object({
    discountPercent: z.number().min(0).max(100),
    cashDifference: z.number().int().min(0).nullable(),
    /** The most one refund may give back without a supervisor (minor units); absent or null: any. */
    refund: z.number().int().min(0).nullable().optional(),
  })
  .strict();

export type RoleLimit = z.infer<typeof roleLimitSchema>;

export const DEFAULT_ROLE_LIMITS = {
  cashier: { discountPercent: 10, cashDifference: 500 },
  supervisor: { discountPercent: 50, cashDifference: 5000 },
  manager: { discountPercent: 100, cashDifference: null },
} as const satisfies Record<string, RoleLimit>;

export const counterSettingsSchema = z
  .object({
    // At least 5 s: short enough for a test to watch the lock happen, long enough to type a code.
    idleLockSeconds: z.number().int().min(5).max(3600).default(300),
    /** 1 rounds nothing; CNY stores that give no fen use 10, Swiss ones 5 (core/cash/rounding.ts). */
    cashRoundingIncrement: z.number().int().min(1).max(100).default(1),
    limits: z
      .object({
        cashier: roleLimitSchema.default(DEFAULT_ROLE_LIMITS.cashier),
        supervisor: roleLimitSchema.default(DEFAULT_ROLE_LIMITS.supervisor),
        manager: roleLimitSchema.default(DEFAULT_ROLE_LIMITS.manager),
      })
      .strict()
      .default(DEFAULT_ROLE_LIMITS),
  })
  .strict();

export type CounterSettings = z.infer<typeof counterSettingsSchema>;

export const DEFAULT_COUNTER_SETTINGS: CounterSettings = {
  idleLockSeconds: 300,
  cashRoundingIncrement: 1,
  limits: DEFAULT_ROLE_LIMITS,
};
