// The first screen: a clear invitation to scan, with the keypad beside it for unreadable codes.
import { useCallback, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { CameraScanLauncher } from './CameraScan';
import { ScanPicture } from './icons';
import { Keypad } from './Keypad';
import { ScanMessage } from './Messages';
import type { KioskState } from './state';
import type { KioskActions } from './useKiosk';

export function WelcomeScreen({
  state,
  actions,
  header,
}: {
  state: KioskState;
  actions: KioskActions;
  header: ReactNode;
}) {
  const { t } = useI18n();
  const { scan } = actions;
  const onKeypad = useCallback((code: string) => void scan(code, 'keypad'), [scan]);
  const onCamera = useCallback((code: string) => void scan(code, 'camera'), [scan]);
  return (
    <main className="screen welcome" data-testid="welcome">
      {header}
      <div className="welcome-body">
        <section className="welcome-hero">
          <p className="welcome-store">{t.welcome}</p>
          <ScanPicture />
          <h1>{t.scanToStart}</h1>
          <p className="welcome-hint">{t.scanHint}</p>
          <CameraScanLauncher onCode={onCamera} />
          {state.scanError ? (
            <ScanMessage error={state.scanError} onDismiss={actions.clearScanError} />
          ) : null}
        </section>
        <aside className="card keypad-card welcome-keypad">
          <h2 className="card-title">{t.typeBarcode}</h2>
          <Keypad onSubmit={onKeypad} />
        </aside>
      </div>
    </main>
  );
}
