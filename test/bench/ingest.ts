// HQ ingest benchmark (issue 4): 200 terminals pushing their outbox at once.
//
// Set-up, not timed: a real PostgreSQL 15 cluster as test/helpers/postgres.ts starts it (its own
// initdb, fsync and synchronous_commit off, as for every test cluster — so these figures are the
// server's CPU and round trips, not a disk's flush time); the HQ server started in this process
// with startServer() and reached over real HTTP on 127.0.0.1 with fetch (keep-alive); 20 stores × 10
// terminals enrolled through POST /v1/enrol with real one-time codes, each with a token from
// POST /v1/token. Every event is a `sale.completed` shaped as db/sales.ts writes it (the receipt made by
// core/receipt's buildReceipt, 1–8 lines of a 2,000-product catalog, 1 in 20 sold by weight, the
// payment, the per-line gtin/quantity/unit/unitPrice), made before the clock starts; each batch body is
// `{ sentAt, events }` as services/sync/hq-client.ts sends it, with sentAt stamped at send time.
//
// Two loads, each timed from the first request sent to the last answer read:
//  - saturation: every terminal sends its batches back to back, one request in flight per terminal as
//    services/sync/push.ts does (it awaits each answer before reading the next batch). events/s is
//    events sent ÷ elapsed time. With 200 terminals always waiting, an ack takes about
//    200 × batch ÷ throughput (Little's law): this row measures the most the server takes, not latency.
//  - paced: every terminal makes 10 sales/s (2,000 events/s offered in all) and pushes a batch of 20
//    every 2 s, starting at a random phase; a terminal whose answer is late sends its next batch as
//    soon as the answer comes (never two at once). Here the ack time is the latency a terminal sees.
// Ack time is per batch: from just before fetch() to the parsed JSON answer, so it includes HTTP,
// JSON, auth and the commit. Every answer must say `applied` for every event.
//
// Then it checks with SQL that the server holds exactly what was sent — events, sales, stock
// movements (one per line), per store, and stock_levels.movements summing to the ledger — resends a
// batch from every fourth terminal (as after a lost answer) and checks each event comes back
// `duplicate` and no count moved. The load generator shares the 2 cores with the server and with
// PostgreSQL, so the figures are a floor for a real deployment.
//
// Baseline, same run, same server and enrolled terminals (event tables truncated between): the
// event-by-event savepoint path the bulk path replaced (server/events/ingest.ts `ingestTuning`),
// saturation load only — it cannot keep the paced schedule, so a paced run would only be longer.
//
// The PGlite row runs the saturation load alone, on fewer events: PGlite is one process with one
// connection, so every batch queues behind the one before it.
import { withCheckDigit } from '../../core/barcode/gtin';
import { buildReceipt, formatReceiptNumber } from '../../core/receipt';
import { uuidv7 } from '../../core/uuid7';
import { createEnrolmentCode, startServer, type RunningServer } from '../../server';
import { ingestTuning } from '../../server/events/ingest';
import { enrolDevice, startBackend, type BackendKind, type TestDevice } from '../helpers/postgres';
import { percentile, type BenchRow } from './table';

const STORES = 20;
const TERMINALS_PER_STORE = 10;
const PRODUCTS = 2_000;
const PACED_RATE = 10; // sales per second per terminal
const PACED_BATCH = 20;
const PACED_BATCHES = 8;
const SATURATION_BATCH = 20;
const SATURATION_BATCHES = 4;
const TARGET_RATE = 2_000;
const TARGET_P99_MS = 250;
const TERMINALS = STORES * TERMINALS_PER_STORE;
const RESENT = Math.ceil(TERMINALS / 4);

interface Terminal {
  device: TestDevice;
  store: string;
  terminalId: string;
  sequence: number;
}

interface SaleEvent {
  id: string;
  type: 'sale.completed';
  payload: { lines: unknown[] } & Record<string, unknown>;
  occurredAt: string;
}

interface Load {
  events: number;
  lines: number;
  seconds: number;
  acks: number[];
}

export async function benchIngest(): Promise<BenchRow[]> {
  const [perEvent, bulk] = await benchOn('postgres', [false, true]);
  const [lite] = await benchOn('pglite', [true]);
  return [
    ...rowsFor('PostgreSQL 15', bulk!, perEvent!),
    ...rowsFor('PGlite, one process, one connection', lite!, null),
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

/**
 * One database and server, the terminals enrolled once (scrypt makes that the slow part); for each
 * mode (bulk or not) the event tables start empty, the loads run, then the SQL checks.
 */
async function benchOn(kind: BackendKind, modes: boolean[]): Promise<Measured[]> {
  const backend = await startBackend(kind);
  let server: RunningServer | undefined;
  try {
    // Tokens are real; they live an hour so that a slow enrolment on a busy machine cannot expire them.
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: backend.dataDir,
      databaseUrl: backend.databaseUrl,
      tokenTtlSeconds: 3600,
    });
    const terminals = await enrolTerminals(server);
    const measured: Measured[] = [];
    for (const bulk of modes) {
      ingestTuning.bulk = bulk;
      await server.db.exec('TRUNCATE events, sales, stock_movements, stock_levels, dead_letters');
      const sent: SaleEvent[][] = [];
      const batches = kind === 'postgres' ? SATURATION_BATCHES : 1;
      const saturation = await saturate(server.url, terminals, batches, sent);
      log(kind, bulk, 'saturation', saturation);
      // The per-event path cannot keep the paced load's schedule, so it is measured saturated only.
      const paced = kind === 'postgres' && bulk ? await pace(server.url, terminals, sent) : null;
      if (paced) log(kind, bulk, 'paced', paced);
      await verify(server, terminals, sent);
      measured.push({ saturation, paced });
    }
    return measured;
  } finally {
    ingestTuning.bulk = true;
    await server?.close();
    await backend.stop();
  }
}

/** Each figure as it is measured, so a run cut short still says what it saw. */
function log(kind: BackendKind, bulk: boolean, load: string, l: Load): void {
  const acks = `ack p50 ${ms(percentile(l.acks, 50))} p99 ${ms(percentile(l.acks, 99))} max ${ms(Math.max(...l.acks))}`;
  console.error(
    `bench: ingest ${kind} ${bulk ? 'bulk' : 'per-event'} ${load}: ${fmt(l.events)} events in ${l.seconds.toFixed(1)} s = ${fmt(rate(l))} events/s, ${acks}`,
  );
}

function rowsFor(label: string, m: Measured, before: Measured | null): BenchRow[] {
  const vs = (now: Load, then: Load | undefined | null) =>
    then
      ? `; per-event path (same run) ${fmt(rate(then))} events/s, p99 ${ms(percentile(then.acks, 99))} (${(rate(now) / rate(then)).toFixed(1)}×)`
      : '';
  const rows: BenchRow[] = [
    {
      name: `ingest saturation (${label}): ${TERMINALS} terminals back to back, batches of ${SATURATION_BATCH} sale.completed, ${fmt(m.saturation.events)} events`,
      value: `${fmt(rate(m.saturation))} events/s`,
      baseline: `ack p50 ${ms(percentile(m.saturation.acks, 50))}, p99 ${ms(percentile(m.saturation.acks, 99))}${vs(m.saturation, before?.saturation)}`,
      target: `≥ ${fmt(TARGET_RATE)} events/s`,
      met: rate(m.saturation) >= TARGET_RATE,
    },
  ];
  if (!m.paced) return rows;
  const p99 = percentile(m.paced.acks, 99);
  rows.push({
    name: `ingest paced (${label}): ${TERMINALS} terminals × ${PACED_RATE} sales/s offered, batches of ${PACED_BATCH}, ${fmt(m.paced.events)} events; ack p50 / p99`,
    value: `${fmt(rate(m.paced))} events/s; ${ms(percentile(m.paced.acks, 50))} / ${ms(p99)}`,
    baseline: `max ack ${ms(Math.max(...m.paced.acks))}${vs(m.paced, before?.paced)}`,
    target: `≥ ${fmt(TARGET_RATE)} events/s, p99 ≤ ${TARGET_P99_MS} ms`,
    // The schedule spans a little less than its last period, so keeping up reads just under 2,000.
    met: rate(m.paced) >= TARGET_RATE * 0.95 && p99 <= TARGET_P99_MS,
  });
  return rows;
}

/** 20 stores × 10 terminals, each enrolled with its own one-time code and holding a token. */
async function enrolTerminals(server: RunningServer): Promise<Terminal[]> {
  const plan = Array.from({ length: STORES * TERMINALS_PER_STORE }, (_, i) => ({
    store: `S${String(Math.floor(i / TERMINALS_PER_STORE) + 1).padStart(3, '0')}`,
    terminalId: `K${String((i % TERMINALS_PER_STORE) + 1).padStart(2, '0')}`,
  }));
  // scrypt hashes each secret twice (enrolment, token): a few at a time keeps the 2 cores busy.
  const terminals: Terminal[] = [];
  const started = performance.now();
  for (let i = 0; i < plan.length; i += 4) {
    const group = plan.slice(i, i + 4);
    terminals.push(
      ...(await Promise.all(
        group.map(async (p) => ({
          ...p,
          sequence: 0,
          device: await enrolDevice(server.url, () => createEnrolmentCode(server.db, p.store), p.terminalId),
        })),
      )),
    );
  }
  console.error(
    `bench: ingest enrolled ${terminals.length} terminals in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return terminals;
}

/** GTIN-14 of catalog product i, a valid check digit; every 20th is sold by weight. */
function product(i: number) {
  return {
    gtin: `0${withCheckDigit(`69${String(100_000 + i).padStart(10, '0')}`)}`,
    name: `Item ${i}`,
    unit: i % 20 === 0 ? ('kg' as const) : ('each' as const),
    unitPrice: 100 + ((i * 7919) % 9_900),
  };
}

let seed = 20_251;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

/** A sale.completed event as db/sales.ts appends it to the outbox. */
function sale(t: Terminal): SaleEvent {
  const soldAt = new Date().toISOString();
  const receiptNumber = formatReceiptNumber(t.store, t.terminalId, ++t.sequence);
  const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
    const p = product(Math.floor(random() * PRODUCTS));
    return {
      ...p,
      quantity: p.unit === 'kg' ? 200 + Math.floor(random() * 1500) : 1 + Math.floor(random() * 3),
    };
  });
  const receipt = buildReceipt({
    receiptNumber,
    storeName: `OpenLane Market ${t.store}`,
    storeAddress: '1 Market Road',
    soldAt,
    currency: 'CNY',
    taxMode: 'inclusive',
    lines: lines.map((l) => ({
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      taxRateBp: 1300,
    })),
    payments: [],
    eReceiptBaseUrl: 'https://receipts.example',
  });
  const paymentId = uuidv7();
  const reference = `PAY-${receiptNumber}`;
  receipt.payments.push({ method: 'qr', provider: 'simulator', amount: receipt.totals.total, reference });
  const payload = {
    id: uuidv7(),
    basketId: uuidv7(),
    paymentId,
    receiptNumber,
    sequence: t.sequence,
    storeId: t.store,
    terminalId: t.terminalId,
    currency: 'CNY',
    total: receipt.totals.total,
    taxTotal: receipt.totals.taxTotal,
    soldAt,
    receipt,
    lines: lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice })),
    payment: {
      id: paymentId,
      reference,
      provider: 'simulator',
      providerRef: `sim-${paymentId}`,
      amount: receipt.totals.total,
    },
  };
  return { id: uuidv7(), type: 'sale.completed', payload, occurredAt: soldAt };
}

/** POSTs one batch as the terminal's client does; returns the ack time in ms. */
async function push(
  url: string,
  t: Terminal,
  eventsJson: string,
  expect: 'applied' | 'duplicate',
  count: number,
): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${t.device.token}`,
    },
    body: `{"sentAt":"${new Date().toISOString()}","events":${eventsJson}}`,
  });
  const reply = (await response.json()) as { results?: { status: string }[] };
  const ms = performance.now() - started;
  const good = reply.results?.filter((r) => r.status === expect).length ?? 0;
  if (response.status !== 200 || good !== count) {
    throw new Error(
      `a batch of ${t.store}/${t.terminalId} was not all ${expect}: HTTP ${response.status} ${JSON.stringify(reply).slice(0, 400)}`,
    );
  }
  return ms;
}

function batches(terminals: Terminal[], perTerminal: number, size: number, sent: SaleEvent[][]) {
  return terminals.map((t) =>
    Array.from({ length: perTerminal }, () => {
      const events = Array.from({ length: size }, () => sale(t));
      sent.push(events);
      return { events, json: JSON.stringify(events) };
    }),
  );
}

const linesOf = (events: SaleEvent[]) => events.reduce((n, e) => n + e.payload.lines.length, 0);

async function saturate(
  url: string,
  terminals: Terminal[],
  perTerminal: number,
  sent: SaleEvent[][],
): Promise<Load> {
  const work = batches(terminals, perTerminal, SATURATION_BATCH, sent);
  const acks: number[] = [];
  const started = performance.now();
  await Promise.all(
    terminals.map(async (t, i) => {
      for (const batch of work[i]!) acks.push(await push(url, t, batch.json, 'applied', batch.events.length));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const all = work.flat();
  return {
    events: all.reduce((n, b) => n + b.events.length, 0),
    lines: all.reduce((n, b) => n + linesOf(b.events), 0),
    seconds,
    acks,
  };
}

async function pace(url: string, terminals: Terminal[], sent: SaleEvent[][]): Promise<Load> {
  const work = batches(terminals, PACED_BATCHES, PACED_BATCH, sent);
  const period = (PACED_BATCH / PACED_RATE) * 1000;
  const acks: number[] = [];
  const started = performance.now();
  await Promise.all(
    terminals.map(async (t, i) => {
      const phase = random() * period;
      for (const [k, batch] of work[i]!.entries()) {
        const due = started + phase + k * period;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        acks.push(await push(url, t, batch.json, 'applied', batch.events.length));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const all = work.flat();
  return {
    events: all.reduce((n, b) => n + b.events.length, 0),
    lines: all.reduce((n, b) => n + linesOf(b.events), 0),
    seconds,
    acks,
  };
}

const rate = (load: Load) => Math.round(load.events / load.seconds);
const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** SQL: exactly what was sent is held, per store; then a resend changes nothing. */
async function verify(server: RunningServer, terminals: Terminal[], sent: SaleEvent[][]): Promise<void> {
  const events = sent.reduce((n, b) => n + b.length, 0);
  const lines = sent.reduce((n, b) => n + linesOf(b), 0);
  const counts = async () => {
    const { rows } = await server.db.query<{
      events: unknown;
      sales: unknown;
      movements: unknown;
      levels: unknown;
      stores: unknown;
    }>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sales) AS sales,
              (SELECT count(*) FROM stock_movements) AS movements, (SELECT sum(movements) FROM stock_levels) AS levels,
              (SELECT count(DISTINCT store_id) FROM sales) AS stores`,
    );
    const r = rows[0]!;
    return {
      events: Number(r.events),
      sales: Number(r.sales),
      movements: Number(r.movements),
      levels: Number(r.levels),
      stores: Number(r.stores),
    };
  };
  const before = await counts();
  const expected = { events, sales: events, movements: lines, levels: lines, stores: STORES };
  if (JSON.stringify(before) !== JSON.stringify(expected)) {
    throw new Error(`HQ holds ${JSON.stringify(before)}, but sent ${JSON.stringify(expected)}`);
  }
  const perStore = await server.db.query<{ code: string; n: unknown }>(
    'SELECT s.code, count(*) AS n FROM sales JOIN stores s ON s.id = sales.store_id GROUP BY s.code',
  );
  const sentPerStore = new Map<string, number>();
  for (const batch of sent)
    for (const e of batch)
      sentPerStore.set(String(e.payload.storeId), (sentPerStore.get(String(e.payload.storeId)) ?? 0) + 1);
  for (const row of perStore.rows) {
    if (Number(row.n) !== sentPerStore.get(row.code))
      throw new Error(`store ${row.code} holds ${String(row.n)} sales, sent ${sentPerStore.get(row.code)}`);
  }
  // A resend after a lost answer: the terminal's first batch again, byte for byte.
  const byTerminal = new Map(terminals.map((t) => [`${t.store}-${t.terminalId}`, t]));
  const resent = terminals
    .filter((_, i) => i % 4 === 0)
    .map((t) =>
      sent.find(
        (b) =>
          `${String(b[0]!.payload.storeId)}-${String(b[0]!.payload.terminalId)}` ===
          `${t.store}-${t.terminalId}`,
      )!,
    );
  await Promise.all(
    resent.map((b) =>
      push(
        server.url,
        byTerminal.get(`${String(b[0]!.payload.storeId)}-${String(b[0]!.payload.terminalId)}`)!,
        JSON.stringify(b),
        'duplicate',
        b.length,
      ),
    ),
  );
  const after = await counts();
  if (JSON.stringify(after) !== JSON.stringify(expected))
    throw new Error(`a resend changed HQ's rows: ${JSON.stringify(after)}`);
}
