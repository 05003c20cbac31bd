// Training mode: a calm band across the top of every screen, above whatever screen is showing, so
// nobody takes a simulated payment for a real one. The screens below keep their own layout: the
// frame gives them the height that is left.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

export function TrainingFrame({ training, children }: { training: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (!training) return <>{children}</>;
  return (
    <div className="training-frame">
      <div className="training-ribbon" role="note" data-testid="training-ribbon">
        <span className="training-ribbon-mark" aria-hidden="true" />
        {t.training}
      </div>
      <div className="training-body">{children}</div>
    </div>
  );
}
