// Counter sales written straight into the terminal's tables for shift tests: a closed basket, its sale
// in a shift (sales.shift_id, cash_rounding), its tenders (a paid payment behind each code tender) and
// its `sale` journal entry, in one transaction — what the counter's tender flow writes for a sale.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../core/uuid7';
import { appendJournal } from '../../db/journal';

export type TestTender =
  | { kind: 'cash'; amount: number; tendered?: number }
  | { kind: 'merchant_qr' | 'wallet_code'; amount: number };

export interface TestSale {
  shiftId: string;
  total: number;
  tenders: TestTender[];
  rounding?: number;
  training?: boolean;
  staffId?: string;
}

const T = '2026-12-07T08:00:00.000Z';

/** Writes a paid counter sale in `shiftId` (at most one code tender: one live payment per basket); returns its sale id. */
export function insertCounterSale(db: Database.Database, sale: TestSale): string {
  return db.transaction(() => {
    const basketId = uuidv7();
    db.prepare(
      "INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES (?, 'closed', 'CNY', ?, ?)",
    ).run(basketId, T, T);
    const sequence =
      ((db.prepare("SELECT max(sequence) FROM sales WHERE terminal_id = 'C01'").pluck().get() as
        number | null) ?? 0) + 1;
    const saleId = uuidv7();
    const receiptNumber = `S001-C01-${String(sequence).padStart(6, '0')}`;
    const receipt = sale.training ? { training: true } : {};
    db.prepare(
      `INSERT INTO sales (id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id, currency,
         total, tax_total, sold_at, receipt_json, staff_id, shift_id, cash_rounding)
       VALUES (?, ?, NULL, ?, ?, 'S001', 'C01', 'CNY', ?, 0, ?, ?, ?, ?, ?)`,
    ).run(
      saleId,
      basketId,
      receiptNumber,
      sequence,
      sale.total,
      T,
      JSON.stringify(receipt),
      sale.staffId ?? 'C01',
      sale.shiftId,
      sale.rounding ?? 0,
    );
    const paymentIds: string[] = [];
    sale.tenders.forEach((tender, i) => {
      const paymentId = tender.kind === 'cash' ? null : codePayment(db, basketId, tender.kind, tender.amount);
      if (paymentId) paymentIds.push(paymentId);
      db.prepare(
        'INSERT INTO sale_tenders (sale_id, position, kind, amount, tendered, payment_id) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        saleId,
        i + 1,
        tender.kind,
        tender.amount,
        tender.kind === 'cash' ? (tender.tendered ?? tender.amount) : null,
        paymentId,
      );
    });
    appendJournal(
      db,
      {
        kind: 'sale',
        data: {
          saleId,
          basketId,
          receiptNumber,
          currency: 'CNY',
          total: sale.total,
          taxTotal: 0,
          soldAt: T,
          paymentIds,
          lineCount: 1,
        },
      },
      new Date(T),
      { storeId: 'S001', terminalId: 'C01' },
    );
    return saleId;
  })();
}

function codePayment(db: Database.Database, basketId: string, kind: string, amount: number): string {
  const id = uuidv7();
  const method = kind === 'wallet_code' ? 'customer_presented' : 'merchant_presented';
  db.prepare(
    `INSERT INTO payments (id, basket_id, reference, provider, status, amount, currency, expires_at,
       created_at, updated_at, method, masked_code)
     VALUES (?, ?, ?, 'sim', 'paid', ?, 'CNY', ?, ?, ?, ?, ?)`,
  ).run(
    id,
    basketId,
    id.replace(/-/g, '').slice(0, 32),
    amount,
    T,
    T,
    T,
    method,
    kind === 'wallet_code' ? '1340****5678' : null,
  );
  return id;
}
