// The terminal half of the sync benchmark (test/bench/sync.ts), run as its own process so the terminal
// and HQ do not share one event loop (they never do in a store) and its peak RSS is its own. It does what
// `openlane sync` does on an enrolled data dir — open the store, load hq.json, one syncOnce — and prints
// one JSON line: the seconds (and CPU seconds) syncOnce took, the pull's pages, peak RSS and the worst event-loop stall
// (how long a scan arriving at the kiosk during the sync could have waited for the backend).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openTerminalStore } from '../../services/store';
import { createHqClient, loadCredentials, syncOnce } from '../../services/sync';

const dataDir = process.argv[2];
const pageSize = process.argv[3] ? Number(process.argv[3]) : undefined;
if (!dataDir) throw new Error('usage: sync-terminal.ts DATA_DIR [PAGE_SIZE]');
const credentials = loadCredentials(dataDir);
if (!credentials) throw new Error(`${dataDir} is not enrolled`);
const store = openTerminalStore(dataDir);
try {
  let pages = 0;
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = await syncOnce(store.db, createHqClient(credentials, { timeoutMs: 300_000 }), {
    currency: store.settings.currency,
    pageSize,
    onProgress: () => pages++,
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  stalls.disable();
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      pages,
      pulled: summary.pulled,
      skipped: summary.skipped,
      catalogVersion: summary.catalogVersion,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      maxStallMs: stalls.max / 1e6,
      p99StallMs: stalls.percentile(99) / 1e6,
    }),
  );
} finally {
  store.db.close();
}
