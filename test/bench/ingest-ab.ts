// Did HQ's ingest get slower between two versions? `npx tsx test/bench/ingest-ab.ts b4650d4 .` answers
// on a shared machine, where the ingest bench's events/s cannot: its figures follow whatever else the
// machine runs (the same code measured 1,536 and 1,992 events/s on PGlite an hour apart), and two runs
// of it minutes apart are compared under different loads.
//
// Each version given (a git ref, or `.` for the working tree) is unpacked with `git archive` into a temp
// directory sharing this checkout's node_modules, and gets its own HQ server on its own fresh PGlite,
// in this one process. The same batches (built once, by this checkout's test/helpers/sale-events.ts)
// then go to every server over real HTTP, a round at a time — every terminal's batch of the round at
// once, as the bench's terminals send them — with the versions taking turns, and the first in each
// round rotating. Whatever load the machine carries falls on every version alike. Per version it prints
// the wall time and the CPU time of this process per event; the CPU includes sending the batches and
// reading the answers, the same work for every version, so a difference between versions is the server's.
//
// Shapes (SHAPE=…): `sale` (default), batches of sale.completed as the bench sends them, written by the
// one-statement path; `count`, one stock.counted in the middle of each batch (runs in a transaction);
// `poison`, one event the database refuses, so every batch is redone event by event. The versions must
// have server/index.ts's startServer and createEnrolmentCode, which HQ has had since issue 4.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withCheckDigit } from '../../core/barcode/gtin';
import { saleEvent, stockEvent, wireEvent } from '../../core/sync';
import type { BatchReply } from '../../core/sync';
import type * as Server from '../../server';
import { call, enrolDevice } from '../helpers/postgres';
import { salePayload } from '../helpers/sale-events';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORES = 10;
const TERMINALS_PER_STORE = 10;
const BATCH = 20;
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const SHAPE = process.env.SHAPE ?? 'sale';
const PRODUCTS = 2_000;

interface Side {
  ref: string;
  server: Server.RunningServer;
  tokens: string[];
  wallMs: number;
  cpuMs: number;
  events: number;
}

/** The version's tree, its HQ on a fresh PGlite, and a token for each of the 100 terminals. */
async function startSide(ref: string): Promise<Side> {
  let root = ROOT;
  if (ref !== '.') {
    root = join(scratch, ref.replace(/[^\w.-]/g, '_'));
    mkdirSync(root);
    execFileSync('sh', ['-c', `git archive "$1" | tar -x -C "$2"`, 'sh', ref, root], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  }
  const hq = (await import(join(root, 'server/index.ts'))) as typeof Server;
  const dataDir = join(scratch, `${ref.replace(/[^\w.-]/g, '_')}-hq`);
  const server = await hq.startServer({ port: 0, host: '127.0.0.1', dataDir, tokenTtlSeconds: 3600 });
  const tokens: string[] = [];
  for (let i = 0; i < STORES * TERMINALS_PER_STORE; i++) {
    const store = storeOf(i);
    const device = await enrolDevice(
      server.url,
      () => hq.createEnrolmentCode(server.db, store),
      terminalOf(i),
    );
    tokens.push(device.token);
  }
  return { ref, server, tokens, wallMs: 0, cpuMs: 0, events: 0 };
}

const storeOf = (i: number) => `S${String(Math.floor(i / TERMINALS_PER_STORE) + 1).padStart(3, '0')}`;
const terminalOf = (i: number) => `K${String((i % TERMINALS_PER_STORE) + 1).padStart(2, '0')}`;

let seed = 20_251;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

/** GTIN-14 of catalog product i, as the ingest bench's terminals sell them; every 20th by weight. */
function product(i: number) {
  const gtin = `0${withCheckDigit(`69${String(100_000 + i).padStart(10, '0')}`)}`;
  return { gtin, name: `Item ${i}`, unit: i % 20 === 0 ? ('kg' as const) : ('each' as const) };
}

/** Round r: one batch body per terminal, its sales numbered on from the rounds before. */
function makeRound(r: number): string[] {
  return Array.from({ length: STORES * TERMINALS_PER_STORE }, (_, t) => {
    const events: unknown[] = Array.from({ length: BATCH }, (_, e) => {
      const lines = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
        const p = product(Math.floor(random() * PRODUCTS));
        const quantity = p.unit === 'kg' ? 200 + Math.floor(random() * 1500) : 1 + Math.floor(random() * 3);
        return { ...p, quantity, unitPrice: 100 + Math.floor(random() * 9_900) };
      });
      const sequence = r * BATCH + e + 1;
      return saleEvent(salePayload({ store: storeOf(t), terminal: terminalOf(t), sequence, lines }));
    });
    const gtin = product(Math.floor(random() * PRODUCTS)).gtin;
    if (SHAPE === 'count')
      events[BATCH / 2] = stockEvent('stock.counted', { lines: [{ gtin, counted: 50 }] });
    if (SHAPE === 'poison') events[BATCH / 2] = wireEvent('basket.opened', { note: 'a \u0000 inside' });
    return JSON.stringify({ sentAt: new Date().toISOString(), events });
  });
}

/** Sends a round to one side, all terminals at once, and checks every event's answer. */
async function send(side: Side, bodies: string[], counted: boolean): Promise<void> {
  const [cpu, started] = [process.cpuUsage(), performance.now()];
  const replies = await Promise.all(
    bodies.map((body, t) =>
      call(side.server.url, 'POST', '/v1/events', { token: side.tokens[t], rawBody: body }),
    ),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const refused = SHAPE === 'poison' ? 1 : 0;
  for (const reply of replies) {
    const results = (reply.body as Partial<BatchReply>).results ?? [];
    if (reply.status !== 200 || results.filter((x) => x.status !== 'applied').length !== refused)
      throw new Error(`${side.ref}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
  if (!counted) return;
  side.wallMs += wallMs;
  side.cpuMs += (used.user + used.system) / 1000;
  side.events += bodies.length * BATCH;
}

const refs = process.argv.slice(2);
if (refs.length < 2) {
  console.error('usage: npx tsx test/bench/ingest-ab.ts <ref> <ref>… (a git ref, or . for the working tree)');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'openlane-ingest-ab-'));
const sides: Side[] = [];
try {
  for (const ref of refs) sides.push(await startSide(ref));
  const rounds = Array.from({ length: ROUNDS + 1 }, (_, r) => makeRound(r));
  for (const [r, round] of rounds.entries()) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(k + r) % sides.length]!;
      // Round 0 warms every server up and is not counted.
      await send(side, round, r > 0);
    }
  }
  for (const s of sides) {
    const perEvent = (ms: number) => (ms / s.events).toFixed(3);
    console.log(
      `${s.ref.padEnd(12)} ${s.events} events (${SHAPE}): wall ${perEvent(s.wallMs)} ms/event ` +
        `(${Math.round((s.events / s.wallMs) * 1000)} events/s), CPU ${perEvent(s.cpuMs)} ms/event`,
    );
  }
} finally {
  for (const s of sides) await s.server.close();
  rmSync(scratch, { recursive: true, force: true });
}
