// HQ ingest benchmark (issue 4): 200 terminals pushing their outbox at once.
//
// Set-up, not timed: a real PostgreSQL 15 cluster as test/helpers/postgres.ts starts it (its own
// initdb), with PostgreSQL's durability defaults kept — fsync, synchronous_commit and
// full_page_writes on, unlike the test clusters — so every acknowledged batch is on the disk; the
// HQ server started in this process with startServer() and reached over real HTTP on 127.0.0.1;
// 20 stores × 10 terminals enrolled through POST /v1/enrol with real one-time codes, each with a
// token from POST /v1/token. The terminals themselves run in a second process (ingest-terminals.ts, which says how their sales and
// batches are made), so the server's event loop is its own, as it is in a real deployment.
//
// Two loads, each timed from the first request sent to the last answer read:
//  - saturation: every terminal sends its batches back to back, one request in flight per terminal as
//    services/sync/push.ts does (it awaits each answer before reading the next batch). events/s is
//    events sent ÷ elapsed time. With 200 terminals always waiting, an ack takes about
//    200 × batch ÷ throughput (Little's law): this row measures the most the server takes, not latency.
//  - paced: every terminal makes 10 sales/s (2,000 events/s offered in all) and pushes a batch of 20
//    every 2 s, starting at a random phase; a terminal whose answer is late sends its next batch as
//    soon as the answer comes (never two at once). Here the ack time is the latency a terminal sees.
// Ack time is per batch: from just before the request to the parsed JSON answer, so it includes HTTP,
// JSON, auth and the commit. Every answer must say `applied` for every event. The CPU time the HQ
// process and PostgreSQL spent during each load is logged per event.
//
// Then it checks with SQL that the server holds exactly what was sent — events, sales, stock
// movements (one per line), per store, and stock_levels.movements summing to the ledger — resends a
// batch from every fourth terminal (as after a lost answer) and checks each event comes back
// `duplicate` and no count moved. The terminals share the 2 cores with the server and with
// PostgreSQL, so the figures are a floor for a real deployment.
//
// The PGlite row runs the saturation load alone, on fewer events: PGlite is one process with one
// connection, so every batch queues behind the one before it.
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { enrolDevice, startBackend, type BackendKind } from '../helpers/postgres';
import type { Command, Load, LoadSpec, Reply, TerminalSpec } from './ingest-terminals';
import { percentile, type BenchRow } from './table';

const STORES = 20;
const TERMINALS_PER_STORE = 10;
const PACED = {
  kind: 'paced',
  salesPerSecond: 10,
  batchSize: 20,
  batchesPerTerminal: 8,
} as const satisfies LoadSpec;
const SATURATION = { kind: 'saturation', batchSize: 20, batchesPerTerminal: 4 } as const satisfies LoadSpec;
const TARGET_RATE = 2_000;
const TARGET_P99_MS = 250;
const TERMINALS = STORES * TERMINALS_PER_STORE;
const RESENT = Math.ceil(TERMINALS / 4);

export async function benchIngest(): Promise<BenchRow[]> {
  const postgres = await benchOn('postgres');
  const lite = await benchOn('pglite');
  return [
    ...rowsFor('PostgreSQL 15', postgres),
    // The targets are for the chain's database; PGlite (a trial or a small store) is measured beside it.
    ...rowsFor('PGlite, one process, one connection', lite).map(({ target: _, met: __, ...row }) => row),
    {
      name: `ingest check: SQL counts after each run and after resending ${RESENT} batches`,
      value: 'events = sales = sent; movements = lines; resends all duplicate, nothing added',
    },
  ];
}

interface Measured {
  saturation: Load;
  paced: Load | null;
}

/** One database and server, the terminals enrolled, the loads, then the SQL checks. */
async function benchOn(kind: BackendKind): Promise<Measured> {
  const backend = await startBackend(kind, { durable: true });
  let server: RunningServer | undefined;
  let fleet: Fleet | undefined;
  try {
    // Tokens are real; they live an hour so that a slow enrolment on a busy machine cannot expire them.
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      tokenTtlSeconds: 3600,
    });
    fleet = startFleet();
    await fleet.ask({ command: 'start', url: server.url, terminals: await enrolTerminals(server) });
    const loads: Load[] = [];
    const run = async (spec: LoadSpec) => {
      const load = await measured(kind, spec.kind, () => fleet!.ask({ command: 'load', load: spec }));
      loads.push(load);
      return load;
    };
    // PGlite queues every batch behind the one before: it is measured saturated only, on fewer events.
    const saturation = await run(kind === 'postgres' ? SATURATION : { ...SATURATION, batchesPerTerminal: 1 });
    const paced = kind === 'postgres' ? await run(PACED) : null;
    await verify(server, fleet, loads);
    return { saturation, paced };
  } finally {
    await fleet?.stop();
    await server?.close();
    await backend.stop();
  }
}

interface Fleet {
  ask(command: Command): Promise<Reply & { ok: true }>;
  stop(): Promise<void>;
}

/** The terminals' process; one command at a time. */
function startFleet(): Fleet {
  const child: ChildProcess = fork(new URL('./ingest-terminals.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ask: (command) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the terminals' process exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (reply: Reply) => {
          child.off('exit', onExit);
          if (reply.ok) resolve(reply);
          else reject(new Error(`the terminals' process failed: ${reply.error}`));
        });
        child.send(command);
      }),
    async stop() {
      if (child.exitCode === null) child.send({ command: 'stop' } satisfies Command);
      await exited;
    },
  };
}

/** Runs a load and logs its figures, with the CPU the HQ process and PostgreSQL spent on it. */
async function measured(kind: BackendKind, label: string, ask: () => Promise<Reply & { ok: true }>) {
  const [hq, db] = [process.cpuUsage(), postgresCpuSeconds()];
  const { load } = await ask();
  if (!load) throw new Error(`the terminals' process answered no figures for the ${label} load`);
  const hqCpu = process.cpuUsage(hq);
  const perEvent = (seconds: number) => `${((seconds * 1000) / load.events).toFixed(2)} ms`;
  const acks = `ack p50 ${ms(percentile(load.acks, 50))} p99 ${ms(percentile(load.acks, 99))} max ${ms(Math.max(...load.acks))}`;
  console.error(
    `bench: ingest ${kind} ${label}: ${fmt(load.events)} events in ${load.seconds.toFixed(1)} s = ${fmt(rate(load))} events/s, ${acks}; ` +
      `CPU per event: HQ process ${perEvent((hqCpu.user + hqCpu.system) / 1e6)}` +
      (kind === 'postgres' ? `, PostgreSQL ${perEvent(postgresCpuSeconds() - db)}` : '') +
      `, terminals ${perEvent(load.cpuSeconds)}`,
  );
  return load;
}

/** CPU seconds of every postgres process on the machine (the bench's cluster is the only one). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // The process ended while it was being read.
    }
  }
  return ticks / 100;
}

function rowsFor(label: string, m: Measured): BenchRow[] {
  const rows: BenchRow[] = [
    {
      name: `ingest saturation (${label}): ${TERMINALS} terminals back to back, batches of ${SATURATION.batchSize} sale.completed, ${fmt(m.saturation.events)} events`,
      value: `${fmt(rate(m.saturation))} events/s`,
      baseline: `ack p50 ${ms(percentile(m.saturation.acks, 50))}, p99 ${ms(percentile(m.saturation.acks, 99))}`,
      target: `≥ ${fmt(TARGET_RATE)} events/s`,
      met: rate(m.saturation) >= TARGET_RATE,
    },
  ];
  if (!m.paced) return rows;
  const p99 = percentile(m.paced.acks, 99);
  rows.push({
    name: `ingest paced (${label}): ${TERMINALS} terminals × ${PACED.salesPerSecond} sales/s offered, batches of ${PACED.batchSize}, ${fmt(m.paced.events)} events; ack p50 / p99`,
    value: `${fmt(rate(m.paced))} events/s; ${ms(percentile(m.paced.acks, 50))} / ${ms(p99)}`,
    baseline: `max ack ${ms(Math.max(...m.paced.acks))}`,
    target: `≥ ${fmt(TARGET_RATE)} events/s, p99 ≤ ${TARGET_P99_MS} ms`,
    // The schedule spans a little less than its last period, so keeping up reads just under 2,000.
    met: rate(m.paced) >= TARGET_RATE * 0.95 && p99 <= TARGET_P99_MS,
  });
  return rows;
}

/** 20 stores × 10 terminals, each enrolled with its own one-time code and holding a token. */
async function enrolTerminals(server: RunningServer): Promise<TerminalSpec[]> {
  const plan = Array.from({ length: STORES * TERMINALS_PER_STORE }, (_, i) => ({
    store: `S${String(Math.floor(i / TERMINALS_PER_STORE) + 1).padStart(3, '0')}`,
    terminalId: `K${String((i % TERMINALS_PER_STORE) + 1).padStart(2, '0')}`,
  }));
  // scrypt hashes each secret twice (enrolment, token): a few at a time keeps the 2 cores busy.
  const terminals: TerminalSpec[] = [];
  const started = performance.now();
  for (let i = 0; i < plan.length; i += 4) {
    const group = plan.slice(i, i + 4);
    terminals.push(
      ...(await Promise.all(
        group.map(async (p) => ({
          ...p,
          token: (await enrolDevice(server.url, () => createEnrolmentCode(server.db, p.store), p.terminalId))
            .token,
        })),
      )),
    );
  }
  console.error(
    `bench: ingest enrolled ${terminals.length} terminals in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return terminals;
}

const rate = (load: Load) => Math.round(load.events / load.seconds);
const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** SQL: exactly what was sent is held, per store; then a resend changes nothing. */
async function verify(server: RunningServer, fleet: Fleet, loads: Load[]): Promise<void> {
  const events = loads.reduce((n, l) => n + l.events, 0);
  const lines = loads.reduce((n, l) => n + l.lines, 0);
  const counts = async () => {
    const { rows } = await server.db.query<Record<string, unknown>>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sales) AS sales,
              (SELECT count(*) FROM stock_movements) AS movements, (SELECT sum(movements) FROM stock_levels) AS levels,
              (SELECT count(DISTINCT store_id) FROM sales) AS stores`,
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  };
  const expected = { events, sales: events, movements: lines, levels: lines, stores: STORES };
  const held = await counts();
  if (JSON.stringify(held) !== JSON.stringify(expected)) {
    throw new Error(`HQ holds ${JSON.stringify(held)}, but sent ${JSON.stringify(expected)}`);
  }
  const perStore = await server.db.query<{ code: string; n: unknown }>(
    'SELECT s.code, count(*) AS n FROM sales JOIN stores s ON s.id = sales.store_id GROUP BY s.code',
  );
  for (const row of perStore.rows) {
    const sent = loads.reduce((n, l) => n + (l.perStore[row.code] ?? 0), 0);
    if (Number(row.n) !== sent)
      throw new Error(`store ${row.code} holds ${String(row.n)} sales, sent ${sent}`);
  }
  // A resend after a lost answer: every event answered duplicate (the terminals check), nothing added.
  await fleet.ask({ command: 'resend' });
  const after = await counts();
  if (JSON.stringify(after) !== JSON.stringify(expected))
    throw new Error(`a resend changed HQ's rows: ${JSON.stringify(after)}`);
}
