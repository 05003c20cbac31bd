// Count: choose what to count (a department, a location label, a list of codes) or join a count under
// way on another device, then scan with running totals per item and location, and finish.
import { useEffect, useState } from 'react';
import type { ApiError, CountScope, CountSessionView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Refusal } from './Banner';
import { CountSession } from './CountSession';
import type { StockScreenProps } from './screen-props';
import { useScopeWords } from './count-words';

type Kind = CountScope['kind'];

export function CountScreen({ client, scans, device }: StockScreenProps) {
  const { t } = useI18n();
  const [session, setSession] = useState<CountSessionView | null>(null);
  const [open, setOpen] = useState<CountSessionView[]>([]);
  const [kind, setKind] = useState<Kind>('department');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const scopeText = useScopeWords();
  useEffect(() => {
    if (session) return;
    void client.call('stock.countSessions', {}).then((result) => {
      if (result.ok) setOpen(result.value.sessions.filter((s) => s.state === 'open'));
      else setError(result.error);
    });
  }, [client, session]);
  if (session)
    return (
      <CountSession client={client} scans={scans} device={device} session={session} onDone={setSession} />
    );

  const start = async (scope: CountScope) => {
    const result = await client.call('stock.countStart', { scope });
    setError(result.ok ? null : result.error);
    if (result.ok) setSession(result.value);
  };
  const scope = (): CountScope => {
    if (kind === 'department') return { kind, department: text.trim() };
    if (kind === 'location') return { kind, location: text.trim() };
    return { kind, gtins: text.split(/\s+/).filter(Boolean) };
  };
  return (
    <section className="stock-task" data-testid="stock-count">
      <h1>{t.stock.countTitle}</h1>
      {open.length > 0 ? (
        <>
          <h2>{t.stock.countOpen}</h2>
          <ul className="stock-lines">
            {open.map((s) => (
              <li key={s.id} data-testid="stock-count-open">
                <span className="stock-line-name">{scopeText(s.scope)}</span>
                <button type="button" className="stock-button secondary" onClick={() => setSession(s)}>
                  {t.stock.join}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form
        className="stock-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start(scope());
        }}
      >
        <fieldset className="stock-choice">
          <legend>{t.stock.countScope}</legend>
          {(['department', 'location', 'list'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className={`stock-chip ${k === kind ? 'selected' : ''}`}
              aria-pressed={k === kind}
              data-testid={`stock-scope-${k}`}
              onClick={() => setKind(k)}
            >
              {{ department: t.stock.byDepartment, location: t.stock.byLocation, list: t.stock.byList }[k]}
            </button>
          ))}
        </fieldset>
        <label className="stock-field">
          <span>
            {kind === 'list' ? t.stock.listHint : t.stock[kind === 'department' ? 'department' : 'location']}
          </span>
          {kind === 'list' ? (
            <textarea data-testid="stock-scope-text" value={text} onChange={(e) => setText(e.target.value)} />
          ) : (
            <input
              data-testid="stock-scope-text"
              value={text}
              autoComplete="off"
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </label>
        <Refusal error={error} />
        <button
          type="submit"
          className="stock-button primary"
          data-testid="stock-count-start"
          disabled={!text.trim()}
        >
          {t.stock.startCount}
        </button>
      </form>
    </section>
  );
}
