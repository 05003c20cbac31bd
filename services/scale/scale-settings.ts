// The `scale` key of settings.json: null (the default) for a terminal without a scale. The scale is a
// Magellan scanner-scale on a serial port it shares with its scanner (native/scale/magellan.ts).
import { z } from 'zod';

export const scaleSettingsSchema = z
  .object({
    /** The scanner-scale's serial port; if a --scanner names the same port, they are one device. */
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    /** Magellan's RS-232 default is 9600 7-O-1; a scanner-scale set to 8-N-1 says so here. */
    dataBits: z.union([z.literal(7), z.literal(8)]).default(7),
    parity: z.enum(['none', 'even', 'odd']).default('odd'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    /** The line protocol: Datalogic Magellan "Single Cable" (S08 labels, S14 scale monitor). */
    protocol: z.literal('magellan').default('magellan'),
    /** The lightest weight that may be sold, in grams: below it the scale is read as empty. */
    minimumWeightGrams: z.number().int().min(1).max(10_000).default(20),
    /** How often the scale is asked while a shopper is weighing, and how long it may stay silent. */
    pollMs: z.number().int().min(50).max(2000).default(200),
    answerTimeoutMs: z.number().int().min(200).max(10_000).default(1000),
  })
  .strict()
  .nullable();

export type ScaleSettings = NonNullable<z.infer<typeof scaleSettingsSchema>>;
