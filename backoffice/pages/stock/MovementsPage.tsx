// One product's movements at one store, newest first: sales, receipts, adjustments, counts, transfers and
// returns, each with its reference, terminal, staff member and device where the event says.
import type { MovementRow, StockLevelRow } from '../../../server/stock/office-read';
import { api } from '../../api/client';
import { href } from '../../app/route';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { stockTexts } from './texts';

export function MovementsPage({ store, gtin }: { store: string; gtin: string }) {
  const t = useTexts(stockTexts);
  const f = useFormat();
  const loaded = useLoad(
    () =>
      api.get<{ level: StockLevelRow | null; movements: MovementRow[] }>('/admin/v1/stock/movements', {
        store,
        gtin,
      }),
    [store, gtin],
  );
  const level = loaded.data?.level;
  const product = level?.name ? `${level.name} (${gtin})` : gtin;
  return (
    <Page
      title={fill(t.movementsTitle, { product, store })}
      actions={
        <a className="button-quiet" href={href('stock')}>
          {t.back}
        </a>
      }
    >
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {level ? (
        <div className="figures">
          <div className="figure">
            {t.onHand}
            <strong className={level.negative ? 'tag-bad' : undefined}>{f.number(level.onHand)}</strong>
          </div>
          <div className="figure">
            {t.movementsCount}
            <strong>{f.number(level.movements)}</strong>
          </div>
        </div>
      ) : null}
      <Panel>
        <DataTable
          caption={fill(t.movementsTitle, { product, store })}
          csvName={`movements-${store}-${gtin}`}
          testId="stock-movements"
          rows={loaded.data?.movements ?? []}
          rowKey={(m) => `${m.eventId}/${m.line}`}
          columns={[
            { label: t.when, cell: (m) => f.dateTime(m.occurredAt), csv: (m) => m.occurredAt },
            {
              label: t.kind,
              cell: (m) =>
                m.counted !== null
                  ? `${t[m.kind]} (${fill(t.countedAs, { n: f.number(m.counted) })})`
                  : t[m.kind],
              csv: (m) => m.kind,
            },
            {
              label: t.quantity,
              cell: (m) => (m.quantity > 0 ? `+${f.number(m.quantity)}` : f.number(m.quantity)),
              csv: (m) => m.quantity,
              align: 'end',
            },
            {
              label: t.reference,
              cell: (m) => m.reference ?? m.countSession ?? '—',
              csv: (m) => m.reference ?? m.countSession ?? '',
            },
            { label: t.terminal, cell: (m) => m.terminalId ?? '—', csv: (m) => m.terminalId ?? '' },
            { label: t.staff, cell: (m) => m.staffId ?? '—', csv: (m) => m.staffId ?? '' },
            {
              label: t.device,
              cell: (m) => m.deviceName ?? m.deviceId.slice(0, 8),
              csv: (m) => m.deviceName ?? m.deviceId,
            },
          ]}
        />
      </Panel>
    </Page>
  );
}
