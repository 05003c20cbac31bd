// The SQLite rows of baskets and basket lines, and how they read back as records.
import type { BasketStatus, Unit } from '../core/types';
import { parseNames } from './catalog-names';
import type { BasketLineRecord, BasketRecord } from './basket-records';

export interface BasketRow {
  id: string;
  status: BasketStatus;
  currency: string;
  created_at: string;
  updated_at: string;
  last_changed_line_id: string | null;
  member_program: string | null;
  member_id: string | null;
  language: string | null;
}

export interface LineRow {
  id: string;
  basket_id: string;
  position: number;
  gtin: string;
  barcode: string;
  name: string;
  unit: Unit;
  unit_price: number;
  quantity: number;
  tax_rate_bp: number;
  age_limit: number | null;
  lot: string | null;
  serial: string | null;
  expiry: string | null;
  names: string | null;
  added_at: string;
  updated_at: string;
  removed_at: string | null;
}

export function toBasket(row: BasketRow): BasketRecord {
  return {
    id: row.id,
    status: row.status,
    currency: row.currency,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastChangedLineId: row.last_changed_line_id,
    member:
      row.member_program && row.member_id ? { program: row.member_program, memberId: row.member_id } : null,
    language: row.language,
  };
}

export function toLine(row: LineRow): BasketLineRecord {
  return {
    id: row.id,
    basketId: row.basket_id,
    position: row.position,
    gtin: row.gtin,
    barcode: row.barcode,
    name: row.name,
    unit: row.unit,
    unitPrice: row.unit_price,
    quantity: row.quantity,
    taxRateBp: row.tax_rate_bp,
    ageLimit: row.age_limit,
    lot: row.lot,
    serial: row.serial,
    expiry: row.expiry,
    names: row.names ? parseNames(row.names) : null,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
  };
}
