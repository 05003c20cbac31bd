// The `printer` key of settings.json: null (the default) for a terminal without a receipt printer.
import { z } from 'zod';

export const printerSettingsSchema = z
  .object({
    /** The serial port, e.g. /dev/ttyUSB0 or COM3. */
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    /** 42 for 80 mm paper on 180 dpi printers (font A), 48 on 203 dpi ones. */
    columns: z.union([z.literal(42), z.literal(48)]).default(42),
    /** gb18030 or cp936 for Chinese printers (Chinese character mode); auto for Western ones. */
    encoding: z.enum(['gb18030', 'cp936', 'auto']).default('gb18030'),
  })
  .strict()
  .nullable();

export type PrinterSettings = NonNullable<z.infer<typeof printerSettingsSchema>>;
