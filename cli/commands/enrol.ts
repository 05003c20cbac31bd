// `openlane enrol --server URL --code CODE`: joins this terminal to its HQ with a one-time code.
import { enrolTerminal } from '../../services/sync';
import { loadSettings } from '../../services/settings';
import { resolveDataDir } from '../../services/store';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane enrol --server URL --code CODE [--name NAME] [--force] [--data DIR]

Trades a one-time enrolment code (openlane server enrolment-code --store STORE) for this terminal's
device id and secret, kept in DATA_DIR/hq.json (readable by its owner only) with the server URL.
  --name   how HQ lists this terminal (default: the terminalId of settings.json)
  --force  enrol again, replacing the saved enrolment`;

export async function enrolCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(
    args,
    {
      server: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
      data: { type: 'string' },
    },
    USAGE,
  );
  if (!values.server || !values.code || positionals.length > 0) throw new UsageError(USAGE);
  const dataDir = resolveDataDir(values.data);
  const settings = loadSettings(dataDir);
  const enrolled = await enrolTerminal({
    dataDir,
    serverUrl: values.server,
    code: values.code,
    terminalName: values.name ?? settings.terminalId,
    force: values.force,
  });
  console.log(
    `Enrolled with ${enrolled.serverUrl} as device ${enrolled.deviceId} of store ${enrolled.storeCode}. ` +
      'A terminal running on this data directory starts syncing with HQ at once; no restart is needed.',
  );
  if (enrolled.storeCode !== settings.storeId) {
    // HQ refuses sales that name another store than the token's, so they would all be dead letters.
    console.error(
      `Warning: settings.json says storeId "${settings.storeId}" but HQ enrolled this terminal in store ` +
        `"${enrolled.storeCode}"; set storeId to "${enrolled.storeCode}" before selling, or HQ will reject the sales.`,
    );
  }
  return 0;
}
