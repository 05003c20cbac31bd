// `openlane catalog import FILE.csv`: all-or-nothing catalog import on this terminal.
import { formatImportErrors, importCatalogFile } from '../../services/catalog-import';
import { openTerminalStore, resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane catalog import FILE.csv [--data DIR]

The file has a header row. Required columns: barcode,name,price. Optional: tax_rate,unit,age_limit,department,
max_per_basket,no_sale (and plu, grid, net_content, name_<language>: see the README).
  barcode     EAN-13, EAN-8, UPC-A or GTIN-14 with a valid check digit
  price       a decimal in the store currency, e.g. 12.50 (per kg when unit is kg)
  tax_rate    a percentage, e.g. 13 or 7.5 (default: the store's default rate)
  unit        each (default) or kg
  age_limit   minimum age to buy, e.g. 18 (empty: none)
  department  free text
  max_per_basket  the most one basket may hold, 1 to 9999 (empty: no maximum)
  no_sale     hours it is not sold in, e.g. 22:00-07:00; 12:00-13:00 (store's local time);
              "any": sold at any hour even if its department has hours; empty: as its department
A file without max_per_basket or no_sale leaves each product's restriction as it is.
A file with any bad row changes nothing; every bad row is listed by its line number.`;

export async function catalogCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(args, { data: { type: 'string' } }, USAGE);
  const [action, file, ...extra] = positionals;
  if (action !== 'import' || !file || extra.length > 0) throw new UsageError(USAGE);

  const store = openTerminalStore(resolveDataDir(values.data));
  try {
    const started = performance.now();
    const result = importCatalogFile(store.db, file, {
      currency: store.settings.currency,
      defaultTaxRateBp: store.settings.defaultTaxRateBp,
    });
    if (!result.ok) {
      console.error(`${file} was refused; nothing was changed.\n${formatImportErrors(result.errors)}`);
      return 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Imported ${result.imported} products from ${file} in ${seconds.toFixed(1)} s ` +
        `(${result.created} new, ${result.updated} updated)` +
        (result.withNetContent > 0 ? `; ${result.withNetContent} with a net content for a unit price.` : '.'),
    );
    return 0;
  } finally {
    store.db.close();
  }
}
