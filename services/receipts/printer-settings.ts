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
    /**
     * The cash drawer on the printer's kick-out connector: the pulse (escpos.ts drawerPulseBytes) and
     * which level of its pin 3 (DLE EOT 1, bit 2) means open — drawers are wired either way. Absent:
     * DEFAULT_DRAWER_SETTINGS.
     */
    drawer: z
      .object({
        pin: z.union([z.literal(2), z.literal(5)]).default(2),
        onMs: z.number().int().min(2).max(510).multipleOf(2).default(50),
        offMs: z.number().int().min(2).max(510).multipleOf(2).default(500),
        openLevel: z.enum(['low', 'high']).default('high'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .nullable();

export type PrinterSettings = NonNullable<z.infer<typeof printerSettingsSchema>>;

export type DrawerSettings = NonNullable<PrinterSettings['drawer']>;

/** Epson's example pulse on pin 2 (escpos.ts DEFAULT_DRAWER_PULSE); pin 3 high read as open. */
export const DEFAULT_DRAWER_SETTINGS: DrawerSettings = { pin: 2, onMs: 50, offMs: 500, openLevel: 'high' };
