// `openlane serve`: the terminal in browser mode — backend, scanners, payment simulator and the UI over HTTP.
import { fileURLToPath } from 'node:url';
import { scannerConfigs } from '../../services/scanner-config';
import { ROLE_OVERRIDE_ENV } from '../../services/settings';
import { resolveDataDir } from '../../services/store';
import { startTerminal } from '../../services/terminal';
import { startWebHost } from '../../services/web/host';
import { parse, parsePort, UsageError } from './args';

const USAGE = `Usage: openlane serve [--port N] [--host H] [--data DIR] [--scanner PATH[:BAUD]]... [--role ROLE]

  --port N             HTTP port (default 8420; 0 picks a free one)
  --host H             address to listen on (default 127.0.0.1; 0.0.0.0 lets phones on the LAN reach the pay page)
  --data DIR           data directory (default $OPENLANE_DATA, else ~/.openlane)
  --scanner PATH[:BAUD]  a serial barcode scanner, e.g. /dev/ttyACM0:115200 (repeatable;
                       $OPENLANE_SCANNERS takes a comma-separated list). Default baud 9600.
  --role ROLE          kiosk (shoppers' self-checkout) or counter (the cashier's till), for this run
                       only; without it the "role" in settings.json decides (default kiosk).`;

const ROLES = ['kiosk', 'counter'];

export async function serveCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values } = parse(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      scanner: { type: 'string', multiple: true },
      role: { type: 'string' },
    },
    USAGE,
  );
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port, 8420);
  const dataDir = resolveDataDir(values.data);
  const scanners = scannerConfigs(values.scanner ?? [], process.env.OPENLANE_SCANNERS);
  if (values.role !== undefined) {
    if (!ROLES.includes(values.role))
      throw new UsageError(`--role must be kiosk or counter, not "${values.role}"`);
    // The settings loader reads the override from there, so settings.json itself stays as IT wrote it.
    process.env[ROLE_OVERRIDE_ENV] = values.role;
  }

  const terminal = await startTerminal({ dataDir, scanners, listenHost: host });
  const web = await startWebHost({
    api: terminal.api,
    subscribe: terminal.subscribe,
    rendererDir: fileURLToPath(new URL('./renderer/', import.meta.url)),
    port,
    host,
  });
  // Tests and scripts read this line to find the URL.
  console.log(`OpenLane is serving at ${web.url} (data: ${dataDir})`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await web.close();
  await terminal.close();
  return 0;
}
