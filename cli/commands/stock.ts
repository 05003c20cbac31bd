// `openlane stock receive|count|adjust|transfer FILE.csv`: store staff record stock on the terminal,
// offline; the movements reach HQ's stock ledger with the next sync.
import { formatStockErrors, recordStockFile, type StockRequest } from '../../services/stock-files';
import { openTerminalStore, resolveDataDir } from '../../services/store';
import { claimFileReference } from '../../services/stock/receiving/file-claim';
import { parse, UsageError } from './args';

const USAGE = `Usage: openlane stock ACTION FILE.csv [options] [--data DIR]

Actions:
  receive FILE.csv [--reference TEXT] [--staff ID]
                                        a delivery: stock comes in. A delivery note's reference is
                                        received once per store: refused when this terminal took it,
                                        or (enrolled, HQ answering) another terminal did
  count FILE.csv                        a shelf count: what is there now; HQ books the difference
  adjust FILE.csv --reason TEXT         a correction, signed: -2 broken, +1 found
  transfer FILE.csv --to STORE | --from STORE
                                        goods sent to, or received from, another store

The file has a header row barcode,quantity. Quantities are pieces, or kilograms (e.g. 1.250) for
items sold by weight. Every barcode must be in this terminal's catalog. A file with any bad row
records nothing; every bad row is listed by its line number. Works offline: the next sync sends it.`;

const ACTIONS = ['receive', 'count', 'adjust', 'transfer'] as const;

export async function stockCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const { values, positionals } = parse(
    args,
    {
      data: { type: 'string' },
      reference: { type: 'string' },
      staff: { type: 'string' },
      reason: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
    },
    USAGE,
  );
  const [action, file, ...extra] = positionals;
  if (!file || extra.length > 0 || !(ACTIONS as readonly string[]).includes(action ?? ''))
    throw new UsageError(USAGE);
  const request = requestFor(action as (typeof ACTIONS)[number], values);

  const dataDir = resolveDataDir(values.data);
  const store = openTerminalStore(dataDir);
  try {
    if (request.action === 'receive' && request.reference?.trim()) {
      // The delivery-once rule (issue 13): this terminal's receivings, then HQ's claim when enrolled.
      const claimed = await claimFileReference(store.db, dataDir, {
        reference: request.reference,
        staffId: values.staff ?? 'cli',
        terminalId: store.settings.terminalId,
      });
      if (!claimed.ok) {
        console.error(`${file} was refused; nothing was recorded.\n  ${claimed.error.message}`);
        return 1;
      }
      if (claimed.value.offline)
        console.log(`HQ could not be asked (${claimed.value.offline}); recording offline.`);
      request.receipt = claimed.value.receipt;
    }
    const result = recordStockFile(store.db, file, request);
    if (!result.ok) {
      console.error(`${file} was refused; nothing was recorded.\n${formatStockErrors(result.errors)}`);
      return 1;
    }
    const what = result.lines === 1 ? '1 product' : `${result.lines} products`;
    console.log(
      `Recorded ${ACTION_WORDS[request.action]} of ${what} from ${file}; it goes to HQ with the next sync.`,
    );
    return 0;
  } finally {
    store.db.close();
  }
}

const ACTION_WORDS: Record<StockRequest['action'], string> = {
  receive: 'a delivery',
  count: 'a count',
  adjust: 'an adjustment',
  transfer: 'a transfer',
};

function requestFor(
  action: (typeof ACTIONS)[number],
  values: { reference?: string; staff?: string; reason?: string; to?: string; from?: string },
): StockRequest {
  const only = (allowed: string[]) => {
    for (const flag of ['reference', 'staff', 'reason', 'to', 'from'] as const) {
      if (values[flag] !== undefined && !allowed.includes(flag))
        throw new UsageError(`--${flag} does not go with "stock ${action}"\n\n${USAGE}`);
    }
  };
  switch (action) {
    case 'receive':
      only(['reference', 'staff']);
      return { action, ...(values.reference === undefined ? {} : { reference: values.reference }) };
    case 'count':
      only([]);
      return { action };
    case 'adjust':
      only(['reason']);
      if (values.reason === undefined) throw new UsageError(`stock adjust needs --reason TEXT\n\n${USAGE}`);
      return { action, reason: values.reason };
    case 'transfer': {
      only(['to', 'from']);
      if ((values.to === undefined) === (values.from === undefined))
        throw new UsageError(`stock transfer needs exactly one of --to STORE or --from STORE\n\n${USAGE}`);
      return values.to !== undefined
        ? { action, direction: 'out', otherStore: values.to }
        : { action, direction: 'in', otherStore: values.from! };
    }
  }
}
