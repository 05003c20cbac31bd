// The reports' replies, typed from the server's own query functions (types only).
import type {
  refundList,
  refundsByDay,
  salesByDay,
  salesByDepartment,
  salesByHour,
  salesByStore,
  salesByTender,
  zReportList,
} from '../../../server/reports/queries';
import type { overview } from '../../../server/reports/overview';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

export interface StoreZone {
  code: string;
  timeZone: string;
}

export interface SalesReport {
  from: string;
  to: string;
  training: boolean;
  stores: StoreZone[];
  days: Rows<typeof salesByDay>;
  hours: Rows<typeof salesByHour>;
  byStore: Rows<typeof salesByStore>;
  departments: Rows<typeof salesByDepartment>;
  tenders: Rows<typeof salesByTender>;
  refunds: Rows<typeof refundsByDay>;
}

export type ZReportRow = Rows<typeof zReportList>[number];
export type RefundRow = Rows<typeof refundList>[number];
export type Overview = Awaited<ReturnType<typeof overview>>;

/** The filters every report of the area shares. */
export interface ReportFilters {
  from: string;
  to: string;
  store: string;
  training: boolean;
}

export function reportQuery(filters: ReportFilters) {
  return {
    from: filters.from,
    to: filters.to,
    stores: filters.store || undefined,
    training: filters.training ? 'true' : undefined,
  };
}
