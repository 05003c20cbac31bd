// Stock work for a signed-in staff member: the home's six tasks and the task on show, under the stock
// header. The terminal's own screen takes its serial scanner's scans; a handheld's page does not.
import { useMemo, useState, type ReactNode } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { AdjustScreen } from './AdjustScreen';
import { CountScreen } from './CountScreen';
import { handheldDeviceId } from './device-id';
import { LabelsScreen } from './LabelsScreen';
import { PriceCheckScreen } from './PriceCheckScreen';
import { ReceiveScreen } from './ReceiveScreen';
import { StockHome, type StockTask } from './StockHome';
import { TransferScreen } from './TransferScreen';
import { useStockScans } from './useStockScans';

export interface StockWorkProps {
  client: TerminalClient;
  header: ReactNode;
  /** This page is the terminal's own screen, whose serial scanner's scans it takes. */
  serial: boolean;
}

export function StockWork({ client, header, serial }: StockWorkProps) {
  const { t } = useI18n();
  const [task, setTask] = useState<StockTask | null>(null);
  const scans = useStockScans(client, serial);
  // A handheld keeps its own device name; the terminal's own screen is the terminal, and sends none.
  const device = useMemo(
    () => (serial ? undefined : handheldDeviceId(window.localStorage, (b) => crypto.getRandomValues(b))),
    [serial],
  );
  const props = { client, scans, ...(device ? { device } : {}) };
  return (
    <main className="stock-screen" data-testid="stock" data-task={task ?? 'home'}>
      {header}
      <div className="stock-body">
        {task === null ? (
          <StockHome onTask={setTask} />
        ) : (
          <>
            <button
              type="button"
              className="stock-button secondary stock-back"
              data-testid="stock-back"
              onClick={() => setTask(null)}
            >
              ← {t.stock.home}
            </button>
            {task === 'receive' ? <ReceiveScreen {...props} /> : null}
            {task === 'count' ? <CountScreen {...props} /> : null}
            {task === 'adjust' ? <AdjustScreen {...props} /> : null}
            {task === 'transfer' ? <TransferScreen {...props} /> : null}
            {task === 'price' ? <PriceCheckScreen {...props} /> : null}
            {task === 'labels' ? <LabelsScreen client={client} /> : null}
          </>
        )}
      </div>
    </main>
  );
}
