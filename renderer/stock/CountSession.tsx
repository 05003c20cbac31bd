// One count under way: where this device counts (the location label; fixed for a location count), the
// scan loop adding to the running totals, the totals per item and location (every device's), finish.
import { useState } from 'react';
import type { ApiError, CountSessionView, StockItemView } from '../../services/api/contract';
import { quantityText } from '../format';
import { useI18n } from '../i18n';
import { TextField } from './TextField';
import { Notice, Refusal } from './Banner';
import { DeviceName } from './DeviceName';
import { useScopeWords } from './count-words';
import { ScanLoop } from './ScanLoop';
import type { StockScreenProps } from './screen-props';
import { useKnownNames } from './useKnownNames';

export interface CountSessionProps extends StockScreenProps {
  session: CountSessionView;
  onDone(session: CountSessionView | null): void;
}

export function CountSession({ client, scans, device, session, onDone }: CountSessionProps) {
  const { t } = useI18n();
  const scopeText = useScopeWords();
  const fixed = session.scope.kind === 'location' ? session.scope.location : null;
  const [location, setLocation] = useState(fixed ?? '');
  const [typing, setTyping] = useState(false);
  const [view, setView] = useState(session);
  const [error, setError] = useState<ApiError | null>(null);
  const names = useKnownNames();
  const count = async (item: StockItemView, quantity: number) => {
    const where = location.trim() || t.stock.location;
    const result = await client.call('stock.countLine', {
      sessionId: view.id,
      code: item.gtin,
      quantity,
      location: where,
      ...(device ? { device } : {}),
    });
    if (result.ok) setView(result.value);
    return result.ok ? null : result.error;
  };
  const finish = async () => {
    const result = await client.call('stock.countFinish', { sessionId: view.id });
    setError(result.ok ? null : result.error);
    if (result.ok) setView(result.value);
  };
  const finished = view.state === 'finished';
  return (
    <section className="stock-task" data-testid="stock-count-session" data-state={view.state}>
      <h1>{scopeText(view.scope)}</h1>
      {fixed === null && !finished ? (
        <TextField
          label={t.stock.location}
          testId="stock-location"
          value={location}
          onChange={setLocation}
          onTyping={setTyping}
        />
      ) : null}
      {finished ? (
        <Notice text={t.stock.countFinished} />
      ) : (
        <ScanLoop
          client={client}
          scans={scans}
          onConfirm={count}
          onItem={names.remember}
          keepFocus={!typing}
        />
      )}
      <table className="stock-table" data-testid="stock-count-lines">
        <thead>
          <tr>
            <th scope="col">{t.stock.colItem}</th>
            <th scope="col">{t.stock.location}</th>
            <th scope="col" className="stock-number">
              {t.stock.counted}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((line) => (
            <tr key={`${line.gtin} ${line.location}`} data-testid="stock-count-line" data-gtin={line.gtin}>
              <td>{names.nameOf(line.gtin, line.name)}</td>
              <td>{line.location}</td>
              <td className="stock-number">
                <strong data-testid="stock-counted">{quantityText(line.unit, line.counted)}</strong>
                {line.devices > 1 ? (
                  <span className="stock-muted"> · {t.stock.devices(line.devices)}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.lines.length === 0 ? <p className="stock-muted">{t.stock.nothingCounted}</p> : null}
      {view.uncounted > 0 ? <p className="stock-muted">{t.stock.uncounted(view.uncounted)}</p> : null}
      <Refusal error={error} />
      <div className="stock-row">
        {finished ? (
          <button type="button" className="stock-button primary" onClick={() => onDone(null)}>
            {t.stock.back}
          </button>
        ) : (
          <button
            type="button"
            className="stock-button primary"
            data-testid="stock-count-finish"
            onClick={() => void finish()}
          >
            {t.stock.finishCount}
          </button>
        )}
      </div>
      <DeviceName device={device} />
    </section>
  );
}
