// The first screen: a clear invitation to scan, with the keypad beside it for unreadable codes.
import { useCallback, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { CameraScanLauncher } from './CameraScan';
import { ScanPicture } from './icons';
import { Keypad } from './Keypad';
import { MemberBadge, SessionBanners } from './Messages';
import { ProduceLauncher } from './ProduceGrid';
import type { KioskState } from '../common/state';
import type { KioskActions } from '../common/useKiosk';

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
          <div className="welcome-top">
            <p className="welcome-store">{t.welcome}</p>
            {/* A member card scanned before any item is already on the basket-to-be. */}
            {state.basket?.member ? <MemberBadge memberId={state.basket.member.memberId} /> : null}
          </div>
          <ScanPicture />
          <h1>{t.scanToStart}</h1>
          <p className="welcome-hint">{t.scanHint}</p>
          <div className="welcome-launchers">
            <CameraScanLauncher onCode={onCamera} />
            <ProduceLauncher actions={actions} compact />
          </div>
          <SessionBanners state={state} actions={actions} paymentNotice={false} />
        </section>
        <aside className="card keypad-card welcome-keypad">
          <h2 className="card-title">{t.typeBarcode}</h2>
          <Keypad onSubmit={onKeypad} />
        </aside>
      </div>
    </main>
  );
}
