// Stock recorded on the terminal by store staff — deliveries, shelf counts, corrections, transfers —
// works offline: the file is checked against the terminal's own catalog, and the movements go into the
// outbox in ONE transaction for HQ's stock ledger. HQ turns a count into the adjustment that makes its
// ledger agree; the terminal never keeps (or overwrites) an on-hand quantity of its own.
import { readCsv } from '../core/catalog/csv';
import { MAX_EVENT_LINES, type StockEventType, type StockPayloads } from '../core/sync';
import {
  validateStockRows,
  type StockAction,
  type StockLine,
  type StockRowError,
} from '../core/stock/stock-rows';
import { findProduct } from '../db/catalog';
import type { Database } from '../db/open';
import { appendEvent } from '../db/outbox';
import { readInputFile } from './input-file';
import { bookFileReceipt, type FileReceipt } from './stock/receiving/file-receipt';

export type { StockRowError } from '../core/stock/stock-rows';

export type StockRequest =
  | {
      action: 'receive';
      reference?: string;
      /** With a reference: the receiving it is recorded as (delivery-once rule, issue 13), who and where. */
      receipt?: Omit<FileReceipt, 'reference'>;
    }
  | { action: 'count' }
  | { action: 'adjust'; reason: string }
  | { action: 'transfer'; direction: 'out' | 'in'; otherStore: string };

export type StockResult =
  { ok: true; lines: number; events: string[] } | { ok: false; errors: StockRowError[] };

/** HQ takes at most this many lines in one stock event; a bigger file becomes several, written together. */
export const LINES_PER_EVENT = MAX_EVENT_LINES;

const EVENT_TYPE: Record<StockAction, StockEventType> = {
  receive: 'stock.received',
  count: 'stock.counted',
  adjust: 'stock.adjusted',
  transfer: 'stock.transferred',
};

/** Reads, checks and records a stock file; writes nothing unless every row is good. */
export function recordStockFile(
  db: Database,
  path: string,
  request: StockRequest,
  now = new Date(),
): StockResult {
  const file = readInputFile(path);
  if (!file.ok) return { ok: false, errors: [{ line: 0, message: file.message }] };
  return recordStock(db, file.text, request, now);
}

/** Checks and records a stock file's text. */
export function recordStock(
  db: Database,
  text: string,
  request: StockRequest,
  now = new Date(),
): StockResult {
  const problem = requestProblem(request);
  if (problem) return { ok: false, errors: [{ line: 0, message: problem }] };
  const { lines, errors } = validateStockRows(
    readCsv(text),
    request.action,
    (gtin) => findProduct(db, gtin)?.unit ?? null,
  );
  if (errors.length > 0) return { ok: false, errors };
  const refused = { errors: [] as StockRowError[] };
  const events = db.transaction(() => {
    // A delivery note is received once per store: refused here when this terminal took it (issue 13).
    if (request.action === 'receive' && request.reference?.trim() && request.receipt) {
      const taken = bookFileReceipt(db, { ...request.receipt, reference: request.reference }, lines, now);
      if (taken) {
        refused.errors.push({ line: 0, message: taken.error.message });
        return [];
      }
    }
    const ids: string[] = [];
    for (let start = 0; start < lines.length; start += LINES_PER_EVENT) {
      const chunk = lines.slice(start, start + LINES_PER_EVENT);
      ids.push(appendEvent(db, EVENT_TYPE[request.action], payload(request, chunk), now));
    }
    return ids;
  })();
  if (refused.errors.length > 0) return { ok: false, errors: refused.errors };
  return { ok: true, lines: lines.length, events };
}

function payload(request: StockRequest, lines: StockLine[]): StockPayloads[StockEventType] {
  switch (request.action) {
    case 'receive':
      return {
        lines,
        ...(request.reference ? { reference: request.reference } : {}),
        ...(request.reference?.trim() && request.receipt
          ? {
              receivingId: request.receipt.receivingId,
              staffId: request.receipt.staffId,
              terminalId: request.receipt.terminalId,
            }
          : {}),
      };
    case 'count':
      return { lines: lines.map((l) => ({ gtin: l.gtin, counted: l.quantity })) };
    case 'adjust':
      return { lines, reason: request.reason.trim() };
    case 'transfer':
      return { direction: request.direction, otherStore: request.otherStore.trim(), lines };
  }
}

/** The limits HQ puts on the words staff type, checked here so a refusal comes before the outbox. */
function requestProblem(request: StockRequest): string | null {
  if (request.action === 'adjust' && !within(request.reason, 1, 200))
    return 'an adjustment needs a reason of 1 to 200 characters (breakage, found in the back room, …)';
  if (request.action === 'transfer' && !within(request.otherStore, 1, 64))
    return 'a transfer needs the other store, 1 to 64 characters';
  if (request.action === 'receive' && request.reference !== undefined && !within(request.reference, 0, 200))
    return 'a delivery reference is at most 200 characters';
  return null;
}

function within(text: string, min: number, max: number): boolean {
  const length = text.trim().length;
  return length >= min && length <= max;
}

/** Every problem, one per line, the way the catalog import lists them. */
export function formatStockErrors(errors: readonly StockRowError[]): string {
  return errors.map((e) => (e.line > 0 ? `  line ${e.line}: ${e.message}` : `  ${e.message}`)).join('\n');
}
