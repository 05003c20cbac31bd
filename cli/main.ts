// `openlane`: the command line of a terminal. Each command lives in cli/commands/.
import { UsageError } from './commands/args';

const USAGE = `Usage: openlane <command> [options]

Commands:
  serve [--port N] [--host H] [--data DIR] [--scanner PATH[:BAUD]]...
        Run the terminal in browser mode (the kiosk UI at http://HOST:PORT).
        OPENLANE_DATA and OPENLANE_SCANNERS (comma-separated) do the same as --data and --scanner.
  catalog import FILE.csv [--data DIR]
        Add or update products from a CSV file (barcode,name,price[,tax_rate,unit,age_limit,department]).
        A file with any bad row is refused whole, every bad row listed by line number.
  barcode parse CODE [--data DIR]
        Print what a scanned code means (GTIN, scale label, GS1 AIs, Digital Link, member, wallet) as JSON.
  barcode decode IMAGE... [--engine zxing-wasm|zxing-js]
        Print the barcodes in PNG or JPEG images as JSON, one line per file.
  server [--port N] [--data DIR | --database URL]
        Run the HQ server terminals sync with (PGlite by default; PostgreSQL with --database).
  server enrolment-code --store STORE | server catalog import FILE.csv [--store STORE]
        Make a one-time code to enrol a terminal; import the chain catalog or a store's prices.
  server po import FILE.csv
        Import purchase orders (store,po_number,supplier,barcode,quantity[,expected_on]) as expected deliveries.
  enrol --server URL --code CODE [--data DIR]
        Enrol this terminal with HQ using a one-time code; the credentials go to DATA_DIR/hq.json.
  sync [--data DIR]
        One full sync with HQ: the outbox up, the catalog down. Exits 1 when HQ cannot be reached.
  status [--data DIR]
        Print the catalog, outbox and sync state as JSON (no network needed).
  stock receive|count|adjust|transfer FILE.csv [--data DIR]
        Record a delivery, a shelf count, a correction or a transfer (barcode,quantity), offline.
        A delivery's --reference is received once per store (checked here, and at HQ when it answers).
  receipt reprint [NUMBER] [--data DIR]
        Print a sale's receipt again (the last sale without NUMBER), marked COPY / 副本.
  staff add --id ID --name NAME --badge CODE [--role ROLE] [--pin-stdin] [--data DIR]
        Add staff (role attendant, supervisor, manager or cashier; attendant by default); the PIN is
        read from stdin, stored hashed.
  staff list [--json] [--data DIR]
        Print the staff with their roles (never a PIN hash).
  shift report [--z N] [--json] [--data DIR]
        Print the X report of the counter's open shift, or its Z report N.
  journal verify [--data DIR]
        Prove the hash-chained journal of sales, payments and voids; name the first entry that was
        edited, removed or reordered. Exits 1 when the chain is broken.
  emv decode PAYLOAD | emv encode FILE.json
        Print a payment QR payload (EMVCo MPM: Pix, PromptPay, PayNow, VietQR…) as JSON, and back.

Run 'openlane <command> --help' for a command's details.`;

type Command = (args: string[]) => Promise<number>;

// Each command is loaded when it runs: the HQ server's Fastify and PGlite, or the decoders' WebAssembly,
// must not slow down the start of `openlane serve` (the kiosk's cold start is measured in the bench).
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve')).serveCommand,
  catalog: async () => (await import('./commands/catalog')).catalogCommand,
  barcode: async () => (await import('./commands/barcode')).barcodeCommand,
  emv: async () => (await import('./commands/emv')).emvCommand,
  server: async () => (await import('./commands/server')).serverCommand,
  enrol: async () => (await import('./commands/enrol')).enrolCommand,
  sync: async () => (await import('./commands/sync')).syncCommand,
  status: async () => (await import('./commands/status')).statusCommand,
  journal: async () => (await import('./commands/journal')).journalCommand,
  stock: async () => (await import('./commands/stock')).stockCommand,
  staff: async () => (await import('./commands/staff')).staffCommand,
  receipt: async () => (await import('./commands/receipt')).receiptCommand,
  shift: async () => (await import('./commands/shift')).shiftCommand,
};

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`openlane: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    console.error(`openlane ${name}: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
