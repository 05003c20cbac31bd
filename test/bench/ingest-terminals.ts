// The ingest bench's 200 terminals, in a process of their own (forked by ingest.ts): real terminals
// are other machines, so their work — making sales, encoding and sending batches, reading answers —
// must not share the HQ server's event loop, or the bench would time the load generator as much as
// the server. They still share the machine's 2 cores.
//
// Every event is a `sale.completed` shaped as db/sales.ts writes it (the receipt made by core/receipt's
// buildReceipt, 1–8 lines of a 2,000-product catalog, 1 in 20 sold by weight, the payment, the
// per-line gtin/quantity/unit/unitPrice), made before the clock starts; each batch body is
// `{ sentAt, events }` as services/sync/hq-client.ts sends it, with sentAt stamped at send time.
// Requests go through node:http with keep-alive rather than the terminal's fetch: the HTTP is the
// same, and fetch's own CPU (about 0.1 ms per event here) would be taken from the 2 cores the server
// is measured on.
//
// Commands arrive over IPC, one at a time: `load` runs a load and answers its figures; `resend` sends
// again the first batch of every fourth terminal (as after a lost answer) and expects every event
// back `duplicate`; `stop` ends the process.
import { Agent, request } from 'node:http';
import { withCheckDigit } from '../../core/barcode/gtin';
import { saleEvent, type SalePayload, type WireEvent } from '../../core/sync';
import { salePayload } from '../helpers/sale-events';

export interface TerminalSpec {
  store: string;
  terminalId: string;
  token: string;
}

export type LoadSpec =
  | { kind: 'saturation'; batchesPerTerminal: number; batchSize: number }
  | { kind: 'paced'; batchesPerTerminal: number; batchSize: number; salesPerSecond: number };

export interface Load {
  events: number;
  lines: number;
  seconds: number;
  /** Per batch, ms from just before the request to the parsed answer. */
  acks: number[];
  /** Events sent in this load, per store code. */
  perStore: Record<string, number>;
  /** CPU seconds the terminals' process spent from the first request to the last answer. */
  cpuSeconds: number;
}

export type Command =
  | { command: 'start'; url: string; terminals: TerminalSpec[] }
  | { command: 'load'; load: LoadSpec }
  | { command: 'resend' }
  | { command: 'stop' };

export type Reply = { ok: true; load?: Load; resent?: number } | { ok: false; error: string };

interface Terminal extends TerminalSpec {
  sequence: number;
  firstBatch?: string;
  firstBatchSize?: number;
}

type SaleEvent = WireEvent<'sale.completed', SalePayload>;

const PRODUCTS = 2_000;

let url = '';
let terminals: Terminal[] = [];

process.on('message', (message: Command) => {
  void handle(message).then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ ok: false, error: (error as Error).stack ?? String(error) }),
  );
});

async function handle(message: Command): Promise<Reply> {
  switch (message.command) {
    case 'start':
      url = message.url;
      terminals = message.terminals.map((t) => ({ ...t, sequence: 0 }));
      return { ok: true };
    case 'load':
      return {
        ok: true,
        load: message.load.kind === 'saturation' ? await saturate(message.load) : await pace(message.load),
      };
    case 'resend':
      return { ok: true, resent: await resend() };
    case 'stop':
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
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
  const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
    const p = product(Math.floor(random() * PRODUCTS));
    return {
      ...p,
      quantity: p.unit === 'kg' ? 200 + Math.floor(random() * 1500) : 1 + Math.floor(random() * 3),
    };
  });
  const soldAt = new Date();
  const payload = salePayload({
    store: t.store,
    terminal: t.terminalId,
    sequence: ++t.sequence,
    lines,
    soldAt,
  });
  return saleEvent(payload, soldAt);
}

/** Every terminal keeps its connection open between batches, as fetch does. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** POSTs one batch as the terminal's client does; returns the ack time in ms. */
async function push(t: Terminal, eventsJson: string, expect: 'applied' | 'duplicate', count: number) {
  const started = performance.now();
  const body = Buffer.from(`{"sentAt":"${new Date().toISOString()}","events":${eventsJson}}`);
  const { status, text } = await post(new URL('/v1/events', url), body, t.token);
  const reply = JSON.parse(text) as { results?: { status: string }[] };
  const ms = performance.now() - started;
  const good = reply.results?.filter((r) => r.status === expect).length ?? 0;
  if (status !== 200 || good !== count) {
    throw new Error(
      `a batch of ${t.store}/${t.terminalId} was not all ${expect}: HTTP ${status} ${text.slice(0, 400)}`,
    );
  }
  return ms;
}

function post(target: URL, body: Buffer, token: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          accept: 'application/json',
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Batch {
  json: string;
  size: number;
  lines: number;
}

/** Every terminal's batches for a load, made before its clock starts; the first is kept for resend. */
function prepare(perTerminal: number, size: number): Batch[][] {
  return terminals.map((t) =>
    Array.from({ length: perTerminal }, () => {
      const events = Array.from({ length: size }, () => sale(t));
      const batch = {
        json: JSON.stringify(events),
        size,
        lines: events.reduce((n, e) => n + e.payload.lines.length, 0),
      };
      if (t.firstBatch === undefined) {
        t.firstBatch = batch.json;
        t.firstBatchSize = size;
      }
      return batch;
    }),
  );
}

function summary(work: Batch[][], started: Timer, acks: number[]): Load {
  const cpu = process.cpuUsage(started.cpu);
  const seconds = (performance.now() - started.wall) / 1000;
  const perStore: Record<string, number> = {};
  work.forEach((batches, i) => {
    const store = terminals[i]!.store;
    perStore[store] = (perStore[store] ?? 0) + batches.reduce((n, b) => n + b.size, 0);
  });
  const all = work.flat();
  return {
    events: all.reduce((n, b) => n + b.size, 0),
    lines: all.reduce((n, b) => n + b.lines, 0),
    seconds,
    acks,
    perStore,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

interface Timer {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

const startTimer = (): Timer => ({ wall: performance.now(), cpu: process.cpuUsage() });

/** Every terminal sends its batches back to back, one request in flight each (as push.ts does). */
async function saturate(load: LoadSpec): Promise<Load> {
  const work = prepare(load.batchesPerTerminal, load.batchSize);
  const acks: number[] = [];
  const started = startTimer();
  await Promise.all(
    terminals.map(async (t, i) => {
      for (const batch of work[i]!) acks.push(await push(t, batch.json, 'applied', batch.size));
    }),
  );
  return summary(work, started, acks);
}

/**
 * Every terminal sells at a steady rate and pushes a batch each time one fills, from a random phase;
 * a late answer delays only that terminal's next batch (never two in flight).
 */
async function pace(load: LoadSpec & { kind: 'paced' }): Promise<Load> {
  const work = prepare(load.batchesPerTerminal, load.batchSize);
  const period = (load.batchSize / load.salesPerSecond) * 1000;
  const acks: number[] = [];
  const started = startTimer();
  await Promise.all(
    terminals.map(async (t, i) => {
      const phase = random() * period;
      for (const [k, batch] of work[i]!.entries()) {
        const wait = started.wall + phase + k * period - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        acks.push(await push(t, batch.json, 'applied', batch.size));
      }
    }),
  );
  return summary(work, started, acks);
}

/** The first batch of every fourth terminal again, byte for byte; returns the events resent. */
async function resend(): Promise<number> {
  const again = terminals.filter((t, i) => i % 4 === 0 && t.firstBatch !== undefined);
  await Promise.all(again.map((t) => push(t, t.firstBatch!, 'duplicate', t.firstBatchSize!)));
  return again.reduce((n, t) => n + t.firstBatchSize!, 0);
}
