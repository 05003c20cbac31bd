// `openlane server price import FILE.csv`: effective-dated price changes into HQ (server/prices).
import { formatImportErrors } from '../../services/catalog-import';
import { readInputFile } from '../../services/input-file';
import { importPriceCsv, type Database } from '../../server';

export const PRICE_USAGE = `       openlane server price import FILE.csv [--data DIR | --database URL]`;

export const PRICE_HELP = `'price import' takes price changes from a CSV with the columns barcode,price,effective_at and an
optional store (a store code; empty or absent: the whole chain), e.g.
  barcode,price,effective_at,store
  6901234567892,11.90,2026-12-08T06:00:00+08:00,
  6901234567892,11.50,2026-12-08T06:00:00+08:00,S001
effective_at is a time with its offset, still to come. Terminals receive the changes on their next sync
and each takes effect at its time, with or without a network. A file with any bad row changes nothing.`;

export async function importPrices(
  file: string,
  withDatabase: (run: (db: Database) => Promise<number>) => Promise<number>,
): Promise<number> {
  const input = readInputFile(file);
  if (!input.ok) {
    console.error(`${file} was refused; nothing was changed: ${input.message}`);
    return 1;
  }
  const text = input.text;
  return withDatabase(async (db) => {
    const result = await importPriceCsv(db, text);
    if (!result.ok) {
      console.error(`${file} was refused; nothing was changed.\n${formatImportErrors(result.errors)}`);
      return 1;
    }
    console.log(`Imported ${result.rows} price changes (price version ${result.version}).`);
    return 0;
  });
}
