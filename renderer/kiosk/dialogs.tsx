// Calm overlays: Help, the cancel-order confirmation, and the weight entry that stands in for a scale.
import { type ReactNode } from 'react';
import { useEscapeKey } from '../common/useEscapeKey';
import type { ScannerStatus, SyncView } from '../../services/api/contract';
import type { LaneSelfView } from '../../services/api/lanes-contract';
import { useI18n } from '../i18n';
import { Keypad } from './Keypad';
import { clockLine, helpSyncLines } from './SyncStatus';

/** A calm dialog over the screen; Escape closes it. */
export function Modal({
  testId,
  title,
  children,
  onClose,
}: {
  testId: string;
  title: string;
  children: ReactNode;
  onClose(): void;
}) {
  useEscapeKey(onClose);
  return (
    <div className="overlay" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function HelpOverlay({
  onClose,
  sync = null,
  scanners = [],
  call = null,
}: {
  onClose(): void;
  sync?: SyncView | null;
  scanners?: ScannerStatus[];
  /** The shopper's call for an attendant and what the console did with it (null: no lane link answer). */
  call?: LaneSelfView['help'];
}) {
  const { t } = useI18n();
  const status = call?.status ?? 'unanswered';
  const title = {
    calling: t.helpCalling,
    waiting: t.helpCalling,
    coming: t.helpComing,
    unanswered: t.helpUnanswered,
  }[status];
  const lead = {
    calling: t.helpCallingBody,
    waiting: t.helpWaitingBody,
    coming: t.helpComingBody,
    unanswered: t.helpUnansweredBody,
  }[status];
  return (
    <Modal testId="help-overlay" title={title} onClose={onClose}>
      <p className="dialog-lead" data-testid="help-call" data-status={status} role="status">
        {lead}
      </p>
      <p className="help-while">{t.helpWhileWaiting}</p>
      <ol className="help-steps">
        {t.helpSteps.map((step, i) => (
          <li key={i}>
            <span className="step-number">{i + 1}</span>
            <span>{step}</span>
          </li>
        ))}
      </ol>
      {/* For the attendant who came over: which catalog this till sells from (or that it has no HQ),
          and whether its clock agrees with HQ's. */}
      {sync ? <HelpSync sync={sync} /> : null}
      {sync?.sync.enrolled && sync.sync.clockSkewMs !== null ? (
        <p className="help-staff" data-testid="help-clock">
          {clockLine(t, sync.sync.clockSkewMs)}
        </p>
      ) : null}
      {/* A scanner that will not open, and why: the attendant sees it here rather than in a log. */}
      {scanners.map((scanner) => (
        <p className="help-staff" data-testid="help-scanner" key={scanner.id}>
          {scanner.connected
            ? t.scannerConnected(scanner.path)
            : t.scannerNotConnected(
                scanner.path,
                scanner.problem ? t.scannerProblems[scanner.problem] : t.scannerWaiting,
              )}
        </p>
      ))}
      <div className="dialog-actions">
        <button type="button" className="button primary" data-testid="help-close" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </Modal>
  );
}

/** The header's sync line again, and the catalog; from helpSyncLines, so Help and header agree. */
function HelpSync({ sync }: { sync: SyncView }) {
  const { t } = useI18n();
  const lines = helpSyncLines(t, sync, Date.now());
  return (
    <>
      {lines.status ? (
        <p className="help-staff" data-testid="help-sync-status">
          {lines.status}
        </p>
      ) : null}
      <p className="help-staff" data-testid="help-sync">
        {lines.catalog}
      </p>
    </>
  );
}

export function ConfirmCancel({ onYes, onNo }: { onYes(): void; onNo(): void }) {
  const { t } = useI18n();
  return (
    <Modal testId="cancel-confirm" title={t.cancelTitle} onClose={onNo}>
      <p className="dialog-lead">{t.cancelBody}</p>
      <div className="dialog-actions">
        <button type="button" className="button secondary" data-testid="confirm-no" onClick={onNo}>
          {t.cancelNo}
        </button>
        <button type="button" className="button danger" data-testid="confirm-yes" onClick={onYes}>
          {t.cancelYes}
        </button>
      </div>
    </Modal>
  );
}

export function WeightDialog({ onWeight, onCancel }: { onWeight(grams: number): void; onCancel(): void }) {
  const { t } = useI18n();
  const submit = (text: string) => {
    const grams = Number.parseInt(text, 10);
    if (Number.isSafeInteger(grams) && grams > 0) onWeight(grams);
  };
  return (
    <Modal testId="weight-dialog" title={t.weightTitle} onClose={onCancel}>
      <p className="dialog-lead">{t.weightBody}</p>
      <div className="weight-keypad">
        <Keypad
          testId="weight"
          onSubmit={submit}
          placeholder="0"
          suffix={t.weightUnit}
          submitLabel={t.weightAdd}
          maxLength={6}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button secondary" data-testid="weight-cancel" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </Modal>
  );
}
