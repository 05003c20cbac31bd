// A lane the attendant paused or closed from the console: a calm screen instead of "scan to start".
import type { ReactNode } from 'react';
import type { LaneMode } from '../../services/api/lanes-contract';
import { useI18n } from '../i18n';

export function LaneClosedScreen({ mode, header }: { mode: Exclude<LaneMode, 'open'>; header: ReactNode }) {
  const { t } = useI18n();
  const closed = mode === 'closed';
  return (
    <main className="screen lane-closed" data-testid="lane-closed" data-mode={mode}>
      {header}
      <section className="lane-closed-body">
        <h1>{closed ? t.laneClosedTitle : t.lanePausedTitle}</h1>
        <p>{closed ? t.laneClosedBody : t.lanePausedBody}</p>
      </section>
    </main>
  );
}
