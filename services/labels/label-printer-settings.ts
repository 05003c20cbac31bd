// The `labelPrinter` key of settings.json: a label printer speaking ZPL on a serial port, or null
// (the default) for none. Shelf labels can always go to the receipt printer (`printer`) instead.
import { z } from 'zod';

export const labelPrinterSettingsSchema = z
  .object({
    /** The serial port, e.g. /dev/ttyUSB1 or COM4. */
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    /** A font stored on the printer for names its built-in font cannot draw (Chinese), e.g. E:SIMSUN.TTF. */
    font: z
      .string()
      .regex(/^[A-Z]:[A-Z0-9_]{1,16}\.(TTF|FNT)$/, 'must be a font on the printer, like E:SIMSUN.TTF')
      .optional(),
  })
  .strict()
  .nullable()
  .optional();

export type LabelPrinterSettings = NonNullable<z.infer<typeof labelPrinterSettingsSchema>>;
