// The attendant role: every lane of the store on one screen, the interventions queue oldest first, and
// what the attendant does about them. For a tablet or PC on the shop floor: large, calm, touchable.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Language } from '../../core/types';
import type { PublicSettings, TerminalClient } from '../../services/api/contract';
import type { LaneBoardView } from '../../services/api/lanes-contract';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { LoadingScreen } from '../common/LoadingScreen';
import { TrainingFrame } from '../common/TrainingFrame';
import { I18nContext, messagesFor } from '../i18n';
import { AttendantContext, type Act } from './context';
import { LaneCard } from './LaneCard';
import { LanePanel } from './LanePanel';
import { attendantMessages } from './messages';
import { QueueItem } from './QueueItem';
import { useBoard } from './useBoard';
import './attendant.css';

export function AttendantApp({ client }: { client: TerminalClient }) {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [language, setLanguage] = useState<Language>('en');
  const [board, setBoard] = useBoard(client);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.call('settings.get', {}).then((result) => {
      if (!result.ok) return;
      setSettings(result.value);
      setLanguage(result.value.defaultLanguage);
    });
  }, [client]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const t = attendantMessages(language);
  /** Runs a console command; its answer is the fresh board, a failure is shown until the next action. */
  const act: Act = useCallback(
    async (run) => {
      setError(null);
      const result = await run(client);
      if (!result.ok) {
        setError(t.failed(t.errors[result.error.code] ?? result.error.message));
        return false;
      }
      if (isBoard(result.value)) setBoard(result.value);
      return true;
    },
    [client, setBoard, t],
  );
  const context = useMemo(() => ({ t, language, act, client, error }), [t, language, act, client, error]);
  const i18n = useMemo(() => ({ language, t: messagesFor(language) }), [language]);

  if (!settings || !board) return <LoadingScreen language={language} />;
  const lane = board.lanes.find((l) => l.laneId === selected) ?? null;
  return (
    <I18nContext.Provider value={i18n}>
      <AttendantContext.Provider value={context}>
        <TrainingFrame training={settings.training}>
          <div className="attendant" data-testid="attendant">
            <header className="att-header">
              <div>
                <h1>{t.title}</h1>
                <p className="att-store">{settings.storeName}</p>
              </div>
              <LanguageSwitch
                languages={settings.languages}
                onLanguage={setLanguage}
                className="language-switch"
              />
            </header>
            {board.link.on ? null : (
              <p className="att-banner" role="alert" data-testid="link-off">
                {t.linkOff(board.link.problem ?? '')}
              </p>
            )}
            {/* With a lane open the panel shows the error: the board's banner would sit behind it. */}
            {error && !lane ? (
              <p className="att-banner" role="alert" data-testid="attendant-error">
                {error}
              </p>
            ) : null}
            <div className="att-body">
              <section className="att-lanes" aria-label={t.lanes}>
                <h2 className="att-section-title">{t.lanes}</h2>
                {board.lanes.length === 0 ? <p className="att-empty">{t.noLanes}</p> : null}
                <div className="att-grid">
                  {board.lanes.map((entry) => (
                    <LaneCard key={entry.laneId} lane={entry} onOpen={() => setSelected(entry.laneId)} />
                  ))}
                </div>
              </section>
              <aside className="att-queue" aria-label={t.queue}>
                <h2 className="att-section-title">
                  {t.queue}
                  {board.queue.length ? <span className="att-count">{board.queue.length}</span> : null}
                </h2>
                {board.queue.length === 0 ? (
                  <p className="att-empty" data-testid="queue-empty">
                    {t.queueEmpty}
                  </p>
                ) : (
                  <ol className="att-queue-list" data-testid="queue">
                    {board.queue.map((call) => (
                      <QueueItem
                        key={`${call.laneId}-${call.id}`}
                        call={call}
                        onOpen={() => setSelected(call.laneId)}
                      />
                    ))}
                  </ol>
                )}
              </aside>
            </div>
            {lane ? <LanePanel lane={lane} onClose={() => setSelected(null)} /> : null}
          </div>
        </TrainingFrame>
      </AttendantContext.Provider>
    </I18nContext.Provider>
  );
}

function isBoard(value: unknown): value is LaneBoardView {
  return typeof value === 'object' && value !== null && 'lanes' in value && 'queue' in value;
}
