// `openlane serve`: the terminal in browser mode — backend, scanners, payment simulator and the UI over HTTP.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TerminalRole } from '../../services/api/contract';
import { scannerConfigs } from '../../services/scanner-config';
import { ROLE_OVERRIDE_ENV } from '../../services/settings';
import { resolveDataDir } from '../../services/store';
import { startTerminal, type Terminal } from '../../services/terminal';
import { fileClock, TEST_CLOCK_ENV } from '../../services/clock';
import { DISPLAY_TOKEN_FILE, loadOrCreateAccessToken } from '../../services/web/access-token';
import { isLoopbackHost, lanAddress } from '../../services/web/addresses';
import { startWebHost } from '../../services/web/host';
import { parse, parsePort, UsageError } from './args';
import { describeListenError } from './listen-error';

const USAGE = `Usage: openlane serve [--port N] [--host H] [--demo] [--data DIR] [--scanner PATH[:BAUD]]... [--role ROLE]

  --port N             HTTP port (default 8420; 0 picks a free one)
  --host H             address to listen on (default 127.0.0.1). Off loopback (0.0.0.0, a LAN address)
                       browsers must pair once with the access token printed at the first such start
  --demo               let the payment simulator listen off loopback too, so phones on the LAN can
                       open its pay page: anyone on the network can then approve payments
  --data DIR           data directory (default $OPENLANE_DATA, else ~/.openlane)
  --scanner PATH[:BAUD]  a serial barcode scanner, e.g. /dev/ttyACM0:115200 (repeatable;
                       $OPENLANE_SCANNERS takes a comma-separated list). Default baud 9600.
  --role ROLE          kiosk (shoppers' self-checkout), counter (the cashier's till), attendant (the
                       console watching every lane) or stock (staff receiving, counting, labels;
                       handhelds open /stock), for this run only; without it the "role" in
                       settings.json decides (default kiosk).`;

const ROLES = ['kiosk', 'counter', 'attendant', 'stock'];

/** The role the terminal runs as, from its own settings (after any --role). */
async function roleOf(terminal: Terminal): Promise<TerminalRole | undefined> {
  const settings = await terminal.api['settings.get']({});
  return settings.ok ? settings.value.role : undefined;
}

/** Set to 1 by the end-to-end tests: the built-in simulator starts with its fault injection on. */
export const TEST_FAULTS_ENV = 'OPENLANE_TEST_SIMULATOR_FAULTS';

/** Off loopback the till is reachable from the network: say so, and how a browser gets in. */
function warnOpenToNetwork(
  host: string,
  port: number,
  access: { token: string; created: boolean; path: string },
): void {
  const address = lanAddress(host) ?? host;
  console.warn(
    `openlane: WARNING — the till listens on ${host}: other machines on this network can reach it. ` +
      'Only browsers paired with its access token may use it.',
  );
  if (access.created) {
    console.warn(`openlane: the access token (shown this once; kept in ${access.path}): ${access.token}`);
    console.warn(`openlane: pair a browser by opening http://${address}:${port}/pair?token=${access.token}`);
  } else {
    console.warn(
      `openlane: pair a browser at http://${address}:${port}/pair with the token in ${access.path}`,
    );
  }
}

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
      demo: { type: 'boolean' },
    },
    USAGE,
  );
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port, 8420);
  const dataDir = resolveDataDir(values.data);
  const scanners = scannerConfigs(values.scanner ?? [], process.env.OPENLANE_SCANNERS);
  if (values.role !== undefined) {
    if (!ROLES.includes(values.role))
      throw new UsageError(`--role must be kiosk, counter, attendant or stock, not "${values.role}"`);
    // The settings loader reads the override from there, so settings.json itself stays as IT wrote it.
    process.env[ROLE_OVERRIDE_ENV] = values.role;
  }

  const cannotListen = (error: unknown) => {
    const message = describeListenError(error, {
      host,
      port,
      flag: '--port',
      otherPortSetting: `"payment.port" in ${join(dataDir, 'settings.json')} (the payment simulator's port)`,
    });
    if (message === null) throw error;
    console.error(`openlane serve: ${message}`);
    return 1;
  };
  let terminal: Terminal;
  try {
    terminal = await startTerminal({
      dataDir,
      scanners,
      listenHost: host,
      demo: values.demo === true,
      // The end-to-end tests switch the built-in simulator's faults on; no store ever should.
      simulatorTestFaults: process.env[TEST_FAULTS_ENV] === '1',
      // The end-to-end tests set the terminal's time through a file (services/clock.ts); never a store.
      ...(process.env[TEST_CLOCK_ENV] ? { clock: fileClock(process.env[TEST_CLOCK_ENV]) } : {}),
    });
  } catch (error) {
    return cannotListen(error);
  }
  const access = isLoopbackHost(host) ? null : loadOrCreateAccessToken(dataDir);
  // A customer display on the network pairs with its own token, which opens /display and nothing else.
  const displayAccess = access ? loadOrCreateAccessToken(dataDir, DISPLAY_TOKEN_FILE) : null;
  let web: Awaited<ReturnType<typeof startWebHost>>;
  try {
    web = await startWebHost({
      api: terminal.api,
      subscribe: terminal.subscribe,
      rendererDir: fileURLToPath(new URL('./renderer/', import.meta.url)),
      port,
      host,
      accessToken: access?.token,
      displayToken: displayAccess?.token,
      // A staff-run terminal serves handhelds the stock screen at /stock (services/web/stock-page.ts).
      role: await roleOf(terminal),
    });
  } catch (error) {
    // The terminal's scanners, sync loop and simulator would otherwise keep the process alive, serving nothing.
    await terminal.close();
    return cannotListen(error);
  }
  if (access) warnOpenToNetwork(host, web.port, access);
  if (displayAccess) {
    const address = lanAddress(host) ?? host;
    console.warn(
      `openlane: pair a customer display (it can only show the sale) at ` +
        `http://${address}:${web.port}/pair?token=${displayAccess.token} (token kept in ${displayAccess.path})`,
    );
  }
  // Tests and scripts read this line to find the URL: the warnings come before it.
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
