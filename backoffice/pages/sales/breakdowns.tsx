// The sales summary's breakdowns as a list: each is a titled table of one kind of row (by day, store,
// tender, department, hour), some with a chart of takings too. SalesSummary draws the list; a new
// breakdown is one more entry here.
import type { ReactNode } from 'react';
import { fill, type useFormat } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { decimal } from './money';
import type { ChartPoint } from './TakingsChart';
import { salesTexts, type SalesText } from './texts';
import type { SalesReport } from './types';

export interface Breakdown {
  key: string;
  title: string;
  /** Its table spans the page (the day table, the widest). */
  wide?: boolean;
  /** Takings in the report's main currency, for a chart above the tables. */
  chart?: { testId: string; title: string; points: ChartPoint[] };
  table: ReactNode;
}

interface Spec<Row> extends Omit<Breakdown, 'table'> {
  csvName: string;
  testId?: string;
  rows: readonly Row[];
  rowKey(row: Row): string;
  columns: Column<Row>[];
}

/** A breakdown with its table drawn now, while the row type is still known. */
function breakdown<Row>({ csvName, testId, rows, rowKey, columns, ...shown }: Spec<Row>): Breakdown {
  return {
    ...shown,
    table: (
      <DataTable<Row>
        caption={shown.title}
        csvName={csvName}
        testId={testId}
        rows={rows}
        rowKey={rowKey}
        columns={columns}
      />
    ),
  };
}

type DayRow = SalesReport['days'][number] & { refunds: number; refundTotal: number };

export function salesBreakdowns(
  data: SalesReport,
  options: {
    t: Record<SalesText, string>;
    format: ReturnType<typeof useFormat>;
    currency: string;
    /** The export's file name for a base name (the range and training appended). */
    csvName(base: string): string;
  },
): Breakdown[] {
  const { t, format, currency, csvName } = options;
  // Every row carries its own currency: a chain may sell in more than one.
  const money = <Row extends { currency: string }>(label: string, pick: (r: Row) => number): Column<Row> => ({
    label,
    align: 'end',
    cell: (r) => format.money(pick(r), r.currency),
    csv: (r) => decimal(pick(r), r.currency),
  });
  const count = <Row,>(label: string, pick: (r: Row) => number): Column<Row> => ({
    label,
    align: 'end',
    cell: (r) => format.number(pick(r)),
    csv: (r) => pick(r),
  });
  const tender = (kind: string) => (kind in salesTexts.en ? t[kind as SalesText] : kind);
  const days: DayRow[] = data.days.map((d) => {
    const refund = data.refunds.find((r) => r.day === d.day && r.currency === d.currency);
    return { ...d, refunds: refund?.refunds ?? 0, refundTotal: refund?.total ?? 0 };
  });
  const inCurrency = <Row extends { currency: string }>(rows: readonly Row[]) =>
    rows.filter((r) => r.currency === currency);
  return [
    breakdown<DayRow>({
      key: 'day',
      title: t.byDay,
      wide: true,
      chart: {
        testId: 'chart-by-day',
        title: t.chartDay,
        points: inCurrency(data.days).map((d) => ({ label: d.day.slice(5), total: d.total })),
      },
      csvName: csvName('sales-by-day'),
      testId: 'table-by-day',
      rows: days,
      rowKey: (r) => `${r.day}-${r.currency}`,
      columns: [
        { label: t.day, cell: (r) => r.day },
        { label: t.currency, cell: (r) => r.currency },
        count(t.salesCount, (r) => r.sales),
        money(t.total, (r) => r.total),
        money(t.tax, (r) => r.taxTotal),
        count(t.lines, (r) => r.lines),
        count(t.refundCount, (r) => r.refunds),
        money(t.refundTotal, (r) => r.refundTotal),
      ],
    }),
    breakdown<SalesReport['byStore'][number]>({
      key: 'store',
      title: t.byStore,
      csvName: csvName('sales-by-store'),
      rows: data.byStore,
      rowKey: (r) => `${r.store}-${r.currency}`,
      columns: [
        { label: t.store, cell: (r) => r.store },
        count(t.salesCount, (r) => r.sales),
        money(t.total, (r) => r.total),
        money(t.tax, (r) => r.taxTotal),
      ],
    }),
    breakdown<SalesReport['tenders'][number]>({
      key: 'tender',
      title: t.byTender,
      csvName: csvName('sales-by-tender'),
      rows: data.tenders,
      rowKey: (r) => `${r.kind}-${r.currency}`,
      columns: [
        { label: t.tender, cell: (r) => tender(r.kind), csv: (r) => r.kind },
        count(t.payments, (r) => r.payments),
        money(t.amount, (r) => r.amount),
      ],
    }),
    breakdown<SalesReport['departments'][number]>({
      key: 'department',
      title: t.byDepartment,
      csvName: csvName('sales-by-department'),
      rows: data.departments,
      rowKey: (r) => `${r.department}-${r.currency}`,
      columns: [
        { label: t.department, cell: (r) => r.department || t.noDepartment, csv: (r) => r.department },
        count(t.lines, (r) => r.lines),
        money(t.amount, (r) => r.amount),
      ],
    }),
    breakdown<SalesReport['hours'][number]>({
      key: 'hour',
      title: t.byHour,
      chart: {
        testId: 'chart-by-hour',
        title: t.chartHour,
        points: inCurrency(data.hours).map((h) => ({ label: `${h.hour}`, total: h.total })),
      },
      csvName: csvName('sales-by-hour'),
      rows: data.hours,
      rowKey: (r) => `${r.hour}-${r.currency}`,
      columns: [
        { label: t.hour, cell: (r) => fill('{h}:00', { h: String(r.hour).padStart(2, '0') }) },
        count(t.salesCount, (r) => r.sales),
        money(t.total, (r) => r.total),
      ],
    }),
  ];
}
