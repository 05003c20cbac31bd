// The `stock` role, and the stock screen a handheld opens at /stock on a counter or stock terminal:
// staff sign in with badge and PIN (the counter's sign-in screen and duty hooks), then do stock work.
// A handheld's language is its page's own, so choosing Chinese there does not change the till's screen.
import { useEffect, useMemo, useState } from 'react';
import type { Language } from '../../core/types';
import type { TerminalClient } from '../../services/api/contract';
import { LoadingScreen } from '../common/LoadingScreen';
import { TrainingFrame } from '../common/TrainingFrame';
import { useSession } from '../common/useSession';
import { SignInScreen } from '../counter/SignInScreen';
import { useDuty, useDutyKeys, useIdleLock } from '../counter/useDuty';
import { I18nContext, messagesFor } from '../i18n';
import { StockHeader } from './StockHeader';
import { StockWork } from './StockWork';
import '../counter/counter.css';
import './stock.css';

export interface StockAppProps {
  client: TerminalClient;
  /** A handheld's page (/stock): its own wedge or camera scans, never the terminal's serial scanner. */
  handheld: boolean;
}

export function StockApp({ client, handheld }: StockAppProps) {
  const session = useSession(client);
  const duty = useDuty(client);
  const signedIn = duty.view?.state === 'signed_in';
  useIdleLock(signedIn, duty.view?.idleLockSeconds ?? 300, duty.lock);
  useDutyKeys(signedIn, duty);
  // A handheld's language is its own page's; the terminal's own screen sets the session's, which the
  // backend names items in (a receiving's and a count's lines).
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = (handheld ? chosen : null) ?? session.i18n.language;
  const i18n = useMemo(() => ({ language, t: messagesFor(language) }), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const settings = session.state.settings;
  if (!settings || !session.header || !duty.view) return <LoadingScreen language={language} />;
  const onLanguage = handheld ? setChosen : session.header.onLanguage;
  const headerProps = { ...session.header, onLanguage, terminalId: settings.terminalId };
  return (
    <I18nContext.Provider value={i18n}>
      <TrainingFrame training={settings.training === true}>
        <div className="counter stock" data-role="stock">
          {signedIn ? (
            <StockWork
              client={client}
              serial={!handheld}
              header={<StockHeader {...headerProps} staff={duty.view.staff} onSignOut={duty.signOut} />}
            />
          ) : (
            <SignInScreen
              duty={duty.view}
              header={<StockHeader {...headerProps} />}
              saleLines={0}
              onSignIn={duty.signIn}
              onUnlock={duty.unlock}
              scannedBadge={handheld ? null : duty.scannedBadge}
              titles={{ signIn: i18n.t.stock.signInTitle, locked: i18n.t.stock.lockedTitle }}
            />
          )}
        </div>
      </TrainingFrame>
    </I18nContext.Provider>
  );
}

/** /stock on a terminal that does no stock work (a kiosk, the console): said plainly, nothing else. */
export function NoStockWork({ language }: { language: Language }) {
  const t = messagesFor(language);
  return (
    <main className="stock-refused" data-testid="stock-refused">
      <h1>{t.stock.title}</h1>
      <p>{t.stock.kioskRefusal}</p>
    </main>
  );
}
