// The terminal's receivings (migration 0023): delivery notes taken in, line by line, the expected
// deliveries HQ sent down, and transfers out. Plain reads and writes; services/stock/receiving decides.
// Writers run no transaction of their own: the caller wraps a change with its outbox event.
import type { ExpectedDelivery } from '../core/sync';
import type { Database } from './open';

export type ReceivingState = 'open' | 'finished' | 'cancelled';
export type DeliveryKind = ExpectedDelivery['kind'];

export interface ReceivingRow {
  id: string;
  reference: string;
  referenceKey: string;
  supplier: string;
  delivery: { id: string; kind: DeliveryKind; number: string } | null;
  state: ReceivingState;
  staffId: string;
  terminalId: string;
  source: 'screen' | 'cli';
  startedAt: string;
  finishedAt: string | null;
}

export interface ReceivingLineRow {
  gtin: string;
  expected: number;
  received: number;
  damaged: number;
}

interface RawReceiving {
  id: string;
  reference: string;
  reference_key: string;
  supplier: string;
  delivery_id: string | null;
  delivery_kind: DeliveryKind | null;
  delivery_number: string | null;
  state: ReceivingState;
  staff_id: string;
  terminal_id: string;
  source: 'screen' | 'cli';
  started_at: string;
  finished_at: string | null;
}

const toReceiving = (r: RawReceiving): ReceivingRow => ({
  id: r.id,
  reference: r.reference,
  referenceKey: r.reference_key,
  supplier: r.supplier,
  delivery:
    r.delivery_id && r.delivery_kind && r.delivery_number
      ? { id: r.delivery_id, kind: r.delivery_kind, number: r.delivery_number }
      : null,
  state: r.state,
  staffId: r.staff_id,
  terminalId: r.terminal_id,
  source: r.source,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export function findReceiving(db: Database, id: string): ReceivingRow | null {
  const row = db.prepare('SELECT * FROM receivings WHERE id = ?').get(id) as RawReceiving | undefined;
  return row ? toReceiving(row) : null;
}

/** The receiving that holds a reference here (open or finished), or null when it is free. */
export function receivingWithReference(db: Database, referenceKey: string): ReceivingRow | null {
  const row = db
    .prepare("SELECT * FROM receivings WHERE reference_key = ? AND state <> 'cancelled'")
    .get(referenceKey) as RawReceiving | undefined;
  return row ? toReceiving(row) : null;
}

export function insertReceiving(db: Database, row: Omit<ReceivingRow, 'finishedAt'>): void {
  db.prepare(
    `INSERT INTO receivings (id, reference, reference_key, supplier, delivery_id, delivery_kind, delivery_number,
       state, staff_id, terminal_id, source, started_at, finished_at)
     VALUES (@id, @reference, @referenceKey, @supplier, @deliveryId, @deliveryKind, @deliveryNumber, @state,
       @staffId, @terminalId, @source, @startedAt, @finishedAt)`,
  ).run({
    ...row,
    deliveryId: row.delivery?.id ?? null,
    deliveryKind: row.delivery?.kind ?? null,
    deliveryNumber: row.delivery?.number ?? null,
    finishedAt: row.state === 'open' ? null : row.startedAt,
  });
}

export function receivingLines(db: Database, receivingId: string): ReceivingLineRow[] {
  return db
    .prepare(
      'SELECT gtin, expected, received, damaged FROM receiving_lines WHERE receiving_id = ? ORDER BY position',
    )
    .all(receivingId) as ReceivingLineRow[];
}

/** Adds to a line (made at the end when the item is new to this receiving). */
export function addToReceivingLine(db: Database, receivingId: string, line: ReceivingLineRow): void {
  db.prepare(
    `INSERT INTO receiving_lines (receiving_id, gtin, position, expected, received, damaged)
     VALUES (@receivingId, @gtin,
       (SELECT coalesce(max(position), 0) + 1 FROM receiving_lines WHERE receiving_id = @receivingId),
       @expected, @received, @damaged)
     ON CONFLICT (receiving_id, gtin) DO UPDATE SET received = received + excluded.received,
       damaged = damaged + excluded.damaged`,
  ).run({ receivingId, ...line });
}

/** Moves an open receiving to `finished` or `cancelled`; false when it was not open. */
export function closeReceiving(
  db: Database,
  id: string,
  state: Exclude<ReceivingState, 'open'>,
  at: string,
): boolean {
  return (
    db
      .prepare("UPDATE receivings SET state = ?, finished_at = ? WHERE id = ? AND state = 'open'")
      .run(state, at, id).changes === 1
  );
}

// ---------- Expected deliveries (HQ's, cached) ----------

/** Replaces the cache with what HQ sent, in one transaction. */
export function replaceExpectedDeliveries(
  db: Database,
  deliveries: readonly ExpectedDelivery[],
  fetchedAt: string,
): void {
  const head = db.prepare(
    `INSERT INTO expected_deliveries (id, kind, number, source, expected_on, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const line = db.prepare(
    `INSERT INTO expected_delivery_lines (delivery_id, position, gtin, expected, received, damaged)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM expected_delivery_lines').run();
    db.prepare('DELETE FROM expected_deliveries').run();
    for (const d of deliveries) {
      head.run(d.id, d.kind, d.number, d.from, d.expectedOn, fetchedAt);
      d.lines.forEach((l, i) => line.run(d.id, i + 1, l.gtin, l.expected, l.received, l.damaged));
    }
  })();
}

interface RawDelivery {
  id: string;
  kind: DeliveryKind;
  number: string;
  source: string;
  expected_on: string | null;
}

/** A delivery with its lines: HQ's figures, plus what this terminal received since they were fetched. */
function withLines(db: Database, d: RawDelivery): ExpectedDelivery {
  const here = receivedSinceFetch(db, d.id);
  const lines = (
    db
      .prepare(
        'SELECT gtin, expected, received, damaged FROM expected_delivery_lines WHERE delivery_id = ? ORDER BY position',
      )
      .all(d.id) as ExpectedDelivery['lines']
  ).map((l) => ({
    ...l,
    received: l.received + (here.get(l.gtin)?.received ?? 0),
    damaged: l.damaged + (here.get(l.gtin)?.damaged ?? 0),
  }));
  return { id: d.id, kind: d.kind, number: d.number, from: d.source, expectedOn: d.expected_on, lines };
}

export function listExpectedDeliveries(db: Database): ExpectedDelivery[] {
  const rows = db
    .prepare(
      'SELECT id, kind, number, source, expected_on FROM expected_deliveries ORDER BY expected_on, number',
    )
    .all() as RawDelivery[];
  return rows.map((d) => withLines(db, d));
}

export function findExpectedDelivery(db: Database, id: string): ExpectedDelivery | null {
  const row = db
    .prepare('SELECT id, kind, number, source, expected_on FROM expected_deliveries WHERE id = ?')
    .get(id) as RawDelivery | undefined;
  return row ? withLines(db, row) : null;
}

/** When HQ's deliveries were last fetched here, or null if never. */
export function deliveriesFetchedAt(db: Database): string | null {
  const row = db.prepare('SELECT max(fetched_at) AS at FROM expected_deliveries').get() as {
    at: string | null;
  };
  return row.at;
}

/**
 * What this terminal received and found damaged against a delivery in receivings finished after the
 * cache was fetched: HQ's figures in the cache do not hold them yet.
 */
export function receivedSinceFetch(
  db: Database,
  deliveryId: string,
): Map<string, { received: number; damaged: number }> {
  const rows = db
    .prepare(
      `SELECT l.gtin, sum(l.received) AS received, sum(l.damaged) AS damaged
       FROM receiving_lines l JOIN receivings r ON r.id = l.receiving_id
       WHERE r.delivery_id = ? AND r.state = 'finished'
         AND r.finished_at > coalesce((SELECT fetched_at FROM expected_deliveries WHERE id = ?), '')
       GROUP BY l.gtin`,
    )
    .all(deliveryId, deliveryId) as { gtin: string; received: number; damaged: number }[];
  return new Map(rows.map((r) => [r.gtin, { received: r.received, damaged: r.damaged }]));
}

// ---------- Transfers out ----------

export interface TransferOutRow {
  id: string;
  number: string;
  sequence: number;
  toStore: string;
  lines: { gtin: string; quantity: number }[];
  staffId: string;
  terminalId: string;
  createdAt: string;
}

export function nextTransferSequence(db: Database): number {
  const row = db.prepare('SELECT coalesce(max(sequence), 0) + 1 AS next FROM transfers_out').get() as {
    next: number;
  };
  return row.next;
}

export function insertTransferOut(db: Database, row: TransferOutRow): void {
  db.prepare(
    `INSERT INTO transfers_out (id, number, sequence, to_store, lines, staff_id, terminal_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.number,
    row.sequence,
    row.toStore,
    JSON.stringify(row.lines),
    row.staffId,
    row.terminalId,
    row.createdAt,
  );
}
