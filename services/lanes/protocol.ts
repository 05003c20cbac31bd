// What lanes and the console say to each other over the lane link, checked on arrival like any input.
// A lane reports (POST /link/v1/report) its whole state with every open call, every second and at once
// on a change; the console answers with the calls it now holds. The console commands a lane
// (POST /link/v1/command) and the lane answers with its fresh report, or the basket asked for.
import { z } from 'zod';

export const REPORT_PATH = '/link/v1/report';
export const COMMAND_PATH = '/link/v1/command';

const id = z.string().min(1).max(64);
const kind = z.enum([
  'age-check',
  'help',
  'unknown-item',
  'payment-unconfirmed',
  'weight-check',
  'device-fault',
  'lot-check',
]);

const call = z
  .object({
    id,
    kind,
    detail: z.string().max(200),
    raisedAt: z.string().max(40),
    delivered: z.boolean(),
    acknowledged: z.boolean(),
    paymentId: id.nullable().optional(),
    checkId: id.nullable().optional(),
  })
  .strict();

export const reportSchema = z
  .object({
    laneId: z.string().regex(/^[A-Za-z0-9]{1,8}$/),
    name: z.string().min(1).max(80),
    /** The port the lane's own link listens on: where the console sends commands when settings name none. */
    port: z.number().int().min(1).max(65_535),
    mode: z.enum(['open', 'paused', 'closed']),
    activity: z.enum(['idle', 'shopping', 'paying', 'paid']),
    items: z.number().int().min(0).max(1_000_000),
    total: z.number().int().min(-1e12).max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/),
    paymentId: id.nullable(),
    calls: z.array(call).max(60),
  })
  .strict();

export type LaneReport = z.infer<typeof reportSchema>;

export const reportAnswerSchema = z.object({ received: z.array(id).max(60) }).strict();

const badge = z.string().trim().min(1).max(512);
const pin = z.string().max(16);

export const commandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('acknowledge'), callId: id }).strict(),
  z.object({ command: z.literal('handle'), callId: id }).strict(),
  z.object({ command: z.literal('set-mode'), mode: z.enum(['open', 'paused', 'closed']) }).strict(),
  z.object({ command: z.literal('basket') }).strict(),
  z
    .object({
      command: z.literal('mark-paid'),
      paymentId: id,
      badge,
      pin,
      reason: z.string().trim().min(1).max(200),
    })
    .strict(),
  z
    .object({
      command: z.literal('age-check'),
      checkId: id,
      badge,
      pin,
      approve: z.boolean(),
      /** The age the attendant read on the ID; null when refused without one. */
      age: z.number().int().min(0).max(150).nullable(),
    })
    .strict(),
  z
    .object({
      command: z.literal('lot-check'),
      checkId: id,
      badge,
      pin,
      /** True: the pack is of another lot and sells; false: it is put aside. */
      accept: z.boolean(),
    })
    .strict(),
]);

export type LaneCommand = z.infer<typeof commandSchema>;
