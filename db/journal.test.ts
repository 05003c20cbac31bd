import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, type JournalRecord } from '../core/journal';
import { PENCIL, basketWithPencils, startPayment } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { addItem, cancelBasket, removeLine, setQuantity } from './baskets';
import {
  appendJournal,
  bindJournalTerminal,
  journalEntries,
  verifyJournal,
  type JournalEventPayload,
} from './journal';
import { pendingEvents } from './outbox';
import { updatePayment } from './payments';
import { completeSale } from './sales';

const temp = useTempDatabase();
const at = new Date('2025-05-06T07:08:09.000Z');

/**
 * A day's worth of journal on one terminal: 1 void (3 pencils → 2), 2 payment declined, 3 payment paid,
 * 4 sale S001-K01-000001, 5 void (a line removed), 6 void (the basket given up).
 */
function tradingDay(): void {
  bindJournalTerminal(temp.db, { storeId: 'S001', terminalId: 'K07' });
  const { basket, line } = basketWithPencils(temp.db, 3);
  setQuantity(temp.db, basket.id, line.id, 2, at);
  const declined = startPayment(temp.db, basket.id, 258);
  updatePayment(temp.db, declined.id, { status: 'declined', failureReason: 'insufficient balance' }, at);
  const payment = startPayment(temp.db, basket.id, 258, {
    method: 'customer_presented',
    maskedCode: '1345****7788',
  });
  updatePayment(temp.db, payment.id, { status: 'pending' }, at);
  completeSale(temp.db, {
    basketId: basket.id,
    paymentId: payment.id,
    storeId: 'S001',
    terminalId: 'K01',
    soldAt: at,
    makeReceipt: (receiptNumber) => ({ total: 258, taxTotal: 41, json: { receiptNumber } }),
  });
  temp.db.prepare("UPDATE baskets SET status = 'closed' WHERE id = ?").run(basket.id);
  const next = basketWithPencils(temp.db, 1).basket;
  const gum = addItem(temp.db, next.id, { ...PENCIL, gtin: '04000000000024', name: 'Gum', unitPrice: 99 }, 2);
  removeLine(temp.db, next.id, gum.id, at);
  cancelBasket(temp.db, next.id, at);
}

/** Edits the closed file the way someone with the file and a SQLite shell would: triggers dropped first. */
function tamper(...statements: string[]): void {
  temp.db.close();
  const raw = new Database(temp.path);
  for (const trigger of ['journal_no_update', 'journal_no_delete', 'journal_append_only_next'])
    raw.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  for (const sql of statements) raw.exec(sql);
  raw.close();
  temp.reopen();
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Rewrites entry `fromSeq` and every later one with correctly recomputed hashes: a careful forger. */
function rehashFrom(fromSeq: number, edit: (record: JournalRecord) => void): void {
  const rows = temp.db.prepare('SELECT seq, entry, hash FROM journal ORDER BY seq').all() as {
    seq: number;
    entry: string;
    hash: string;
  }[];
  const statements: string[] = [];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.seq < fromSeq) {
      prev = row.hash;
      continue;
    }
    const record = JSON.parse(row.entry) as JournalRecord;
    if (row.seq === fromSeq) edit(record);
    const text = canonicalJson(record);
    const hash = sha256(prev + text);
    const quoted = text.replace(/'/g, "''");
    statements.push(
      `UPDATE journal SET entry = '${quoted}', prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${row.seq}`,
    );
    prev = hash;
  }
  tamper(...statements);
}

describe('the journal as the checkout writes it', () => {
  it('records every void, final payment and sale in order, with what an auditor checks', () => {
    tradingDay();
    const entries = journalEntries(temp.db);
    expect(entries.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'void'],
      [2, 'payment'],
      [3, 'payment'],
      [4, 'sale'],
      [5, 'void'],
      [6, 'void'],
    ]);
    expect(entries[0]).toMatchObject({
      v: 1,
      storeId: 'S001',
      terminalId: 'K07',
      writtenAt: at.toISOString(),
      data: {
        reason: 'quantity_reduced',
        currency: 'EUR',
        amount: 129,
        lines: [{ gtin: PENCIL.gtin, quantity: 1, unitPrice: 129, amount: 129 }],
      },
    });
    expect(entries[1]?.data).toMatchObject({
      status: 'declined',
      amount: 258,
      failureReason: 'insufficient balance',
      receiptNumber: null,
    });
    // The sale names its own terminal; the payment that paid it names the receipt.
    expect(entries[2]).toMatchObject({
      terminalId: 'K01',
      data: {
        status: 'paid',
        previousStatus: 'pending',
        method: 'customer_presented',
        maskedCode: '1345****7788',
        receiptNumber: 'S001-K01-000001',
      },
    });
    expect(entries[3]).toMatchObject({
      terminalId: 'K01',
      data: { receiptNumber: 'S001-K01-000001', total: 258, taxTotal: 41, lineCount: 1 },
    });
    expect(entries[3]?.data).toMatchObject({
      paymentIds: [(entries[2]?.data as { paymentId: string }).paymentId],
    });
    expect(entries[4]?.data).toMatchObject({ reason: 'line_removed', amount: 198 });
    expect(entries[5]?.data).toMatchObject({ reason: 'basket_cancelled', amount: 129 });
  });

  it('verifies an untouched journal, naming its head', () => {
    expect(verifyJournal(temp.db)).toEqual({
      ok: true,
      count: 0,
      head: null,
      matchedOutboxCopies: 0,
      appendOnlyTriggers: true,
    });
    tradingDay();
    const head = temp.db.prepare('SELECT hash FROM journal WHERE seq = 6').pluck().get();
    expect(verifyJournal(temp.db)).toEqual({
      ok: true,
      count: 6,
      head: { seq: 6, hash: head },
      matchedOutboxCopies: 6,
      appendOnlyTriggers: true,
    });
  });

  it('sends HQ a copy of each entry that HQ can re-verify on its own', () => {
    tradingDay();
    const copies = pendingEvents(temp.db, 1000)
      .filter((e) => e.type === 'journal.appended')
      .map((e) => e.payload as JournalEventPayload);
    expect(copies.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    let prev = GENESIS_HASH;
    for (const copy of copies) {
      // What HQ does: hash the previous hash and the canonical form of the entry it received.
      expect(copy.prevHash).toBe(prev);
      expect(sha256(copy.prevHash + canonicalJson(copy.entry))).toBe(copy.hash);
      prev = copy.hash;
    }
  });

  it('gives a rolled-back change its seq back: the sequence stays gap-free', () => {
    const { basket, line } = basketWithPencils(temp.db, 1);
    expect(() =>
      temp.db.transaction(() => {
        removeLine(temp.db, basket.id, line.id, at);
        throw new Error('power cut before commit');
      })(),
    ).toThrow('power cut');
    expect(journalEntries(temp.db)).toEqual([]);
    removeLine(temp.db, basket.id, line.id, at);
    expect(journalEntries(temp.db).map((e) => e.seq)).toEqual([1]);
    expect(verifyJournal(temp.db).ok).toBe(true);
  });

  it('must be written inside the change’s transaction, and refuses an entry with a float', () => {
    const entry = { kind: 'override', data: { amount: 1 } } as never;
    expect(() => appendJournal(temp.db, entry, at)).toThrow(/inside the transaction/);
    const float = { kind: 'override', data: { amount: 12.5 } } as never;
    expect(() => temp.db.transaction(() => appendJournal(temp.db, float, at))()).toThrow(
      /\$\.data\.amount is 12\.5/,
    );
    expect(temp.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(0);
  });

  it('has the attendant override ready for the feature that will append it', () => {
    const override = {
      kind: 'override',
      data: {
        action: 'mark_paid',
        basketId: 'b1',
        paymentId: null,
        attendantId: 'STAFF-7',
        reason: 'wallet showed paid, provider unreachable',
        amount: 2140,
        currency: 'CNY',
      },
    } as const;
    temp.db.transaction(() => appendJournal(temp.db, override, at))();
    expect(journalEntries(temp.db)[0]).toMatchObject({ seq: 1, kind: 'override', storeId: null });
    expect(verifyJournal(temp.db)).toMatchObject({ ok: true, count: 1 });
  });
});

describe('verifying a journal someone changed in the file', () => {
  it('names an entry whose amount was edited', () => {
    tradingDay();
    tamper("UPDATE journal SET entry = json_set(entry, '$.data.total', 1) WHERE seq = 4");
    expect(verifyJournal(temp.db)).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'edited',
      kind: 'sale',
      receiptNumber: 'S001-K01-000001',
      detail: 'its content does not match its hash',
      intactThrough: 3,
      appendOnlyTriggers: false,
    });
  });

  it('names an entry edited with its hash and every later hash recomputed, from the copy sent to HQ', () => {
    tradingDay();
    rehashFrom(2, (record) => {
      if (record.kind === 'payment') record.data.amount = 1;
    });
    expect(verifyJournal(temp.db)).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'edited',
      kind: 'payment',
      detail: expect.stringMatching(/differs from the copy sent to HQ/),
    });
  });

  it('names an entry whose indexed column was changed but not its content', () => {
    tradingDay();
    tamper("UPDATE journal SET kind = 'override' WHERE seq = 5");
    expect(verifyJournal(temp.db)).toMatchObject({
      seq: 5,
      problem: 'edited',
      kind: 'void',
      detail: 'column kind says "override" but the hashed entry says "void"',
    });
  });

  it('names a removed entry by what its copy says it was', () => {
    tradingDay();
    tamper('DELETE FROM journal WHERE seq = 3');
    expect(verifyJournal(temp.db)).toMatchObject({
      ok: false,
      count: 5,
      seq: 3,
      problem: 'removed',
      kind: 'payment',
      receiptNumber: 'S001-K01-000001',
      detail: 'entry 3 is missing: the journal goes from 2 to 4',
    });
  });

  it('names a removed first entry', () => {
    tradingDay();
    tamper('DELETE FROM journal WHERE seq = 1');
    expect(verifyJournal(temp.db)).toMatchObject({
      seq: 1,
      problem: 'removed',
      kind: 'void',
      detail: 'entry 1 is missing: the journal starts at 2',
    });
  });

  it('names the first of the last entries removed, which only the outbox copies still show', () => {
    tradingDay();
    tamper('DELETE FROM journal WHERE seq >= 5');
    expect(verifyJournal(temp.db)).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'removed',
      kind: 'void',
      detail: expect.stringMatching(/shows entry 5 was written, but the journal ends at 4/),
    });
  });

  it('names a removal hidden by renumbering the entries after it', () => {
    tradingDay();
    tamper('DELETE FROM journal WHERE seq = 2', 'UPDATE journal SET seq = seq - 1 WHERE seq > 2');
    expect(verifyJournal(temp.db)).toMatchObject({
      seq: 2,
      problem: 'removed',
      kind: 'payment',
      detail: expect.stringMatching(/no entry written as 2 is left/),
    });
  });

  it('names entries that were swapped', () => {
    tradingDay();
    tamper(
      'UPDATE journal SET seq = 100 WHERE seq = 2',
      'UPDATE journal SET seq = 2 WHERE seq = 4',
      'UPDATE journal SET seq = 4 WHERE seq = 100',
    );
    expect(verifyJournal(temp.db)).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'reordered',
      kind: 'payment',
      detail: 'it was written as entry 4; the entry written as 2 is now at seq 4',
    });
  });

  it('names an entry re-chained onto a different predecessor', () => {
    tradingDay();
    tamper("UPDATE journal SET prev_hash = '" + 'a'.repeat(64) + "' WHERE seq = 1");
    // Its own hash no longer matches either: the content hashed includes where it was chained.
    expect(verifyJournal(temp.db)).toMatchObject({ seq: 1, problem: 'edited' });
  });
});
