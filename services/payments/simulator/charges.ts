// How the payment simulator's wallet answers a customer-presented charge (POST /api/charges), decided
// by the wallet code itself so tests and demos can drive every outcome without a phone:
//
//   last digit 0–6  paid at once                         (Micropay SUCCESS)
//   last digit 7–8  the shopper must confirm on the phone (USERPAYING: pending until the pay page's
//                   Approve/Decline, the simulator's `confirmAfterMs`, or expiry)
//   last digit 9    declined, "insufficient balance"     (a definite failure, e.g. NOTENOUGH)
//
// The whole code is a bearer secret: it is checked here and then only its masked form is kept.
import { z } from 'zod';
import { maskPaymentCode } from '../../../core/barcode/code-patterns';
import type { NewCharge } from './store';
import { SIM_ID_PREFIX } from './store';

/** The wallet's answer to a charge, by the code's last digit. */
export function walletAnswer(authCode: string): NewCharge['outcome'] {
  const last = Number(authCode.at(-1));
  if (last <= 6) return { status: 'paid', reason: null };
  if (last <= 8) return { status: 'pending', reason: null };
  return { status: 'declined', reason: 'insufficient balance' };
}

/** What a charge may show of the code it charged. */
export function maskAuthCode(authCode: string): string {
  return maskPaymentCode(authCode);
}

/** Our own ids start with SIM_ID_PREFIX; a reference that did too could not be told apart from one. */
export const referenceSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .refine((reference) => !reference.startsWith(SIM_ID_PREFIX), {
    error: `must not start with "${SIM_ID_PREFIX}" (the simulator's own ids do)`,
  });

export const paymentFields = {
  reference: referenceSchema,
  amount: z
    .number({ error: 'must be a number' })
    .int('must be a whole number of minor units')
    .positive('must be positive')
    .max(10 ** 10, 'must be at most 10000000000'),
  currency: z
    .string({ error: 'must be a string' })
    .regex(/^[A-Z]{3}$/, 'must be 3 capital letters (ISO 4217), e.g. CNY'),
  description: z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters'),
  expiresAt: z.iso.datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time, e.g. 2030-01-01T12:00:00Z',
  }),
};

export const createSchema = z.strictObject(paymentFields);

/** Error messages never repeat the code: a refused code is still somebody's money. */
export const chargeSchema = z.strictObject({
  ...paymentFields,
  authCode: z
    .string({ error: 'must be a string' })
    .regex(/^\d{10,32}$/, 'must be a wallet payment code of 10 to 32 digits'),
});
