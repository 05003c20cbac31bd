// Every list in the back office: a plain accessible table that exports exactly what it shows as CSV.
import type { ReactNode } from 'react';
import { fill, useTexts } from '../i18n';
import { downloadCsv, toCsv, type CsvCell } from './csv';
import { uiTexts } from './texts';

export interface Column<Row> {
  /** The heading, in the reader's language. */
  label: string;
  /** What the cell shows. */
  cell(row: Row): ReactNode;
  /** What the CSV holds: a plain value (amounts as decimals, times as ISO), default the cell if text. */
  csv?(row: Row): CsvCell;
  align?: 'start' | 'end';
}

export interface DataTableProps<Row> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey(row: Row): string;
  /** The file name of the export, without .csv; no export button without it. */
  csvName?: string;
  /** An accessible name for the table. */
  caption: string;
  onRowClick?(row: Row): void;
  testId?: string;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const t = useTexts(uiTexts);
  const { rows, columns, rowKey, csvName, caption, onRowClick } = props;
  const exportCsv = () => {
    const header = columns.map((c) => c.label);
    const body = rows.map((row) =>
      columns.map((c) => {
        if (c.csv) return c.csv(row);
        const shown = c.cell(row);
        return typeof shown === 'string' || typeof shown === 'number' ? shown : '';
      }),
    );
    downloadCsv(csvName ?? 'export', toCsv(header, body));
  };
  return (
    <div className="table-wrap" data-testid={props.testId}>
      <div className="table-tools">
        <span className="muted">{rows.length === 1 ? t.oneRow : fill(t.rows, { n: rows.length })}</span>
        {csvName ? (
          <button type="button" className="button-quiet" onClick={exportCsv} disabled={rows.length === 0}>
            {t.exportCsv}
          </button>
        ) : null}
      </div>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.align === 'end' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {t.empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={rowKey(row)}
                className={onRowClick ? 'clickable' : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((c, index) => {
                  const content = c.cell(row);
                  const className = c.align === 'end' ? 'num' : undefined;
                  // The first cell of a clickable row is a button, so the row is reachable by keyboard.
                  return (
                    <td key={c.label} className={className}>
                      {index === 0 && onRowClick ? (
                        <button
                          type="button"
                          className="row-link"
                          onClick={(e) => (e.stopPropagation(), onRowClick(row))}
                        >
                          {content}
                        </button>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
