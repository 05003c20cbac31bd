// The customer display: the sale as the shopper sees it across the counter — the lines, the total, the
// tenders, the change and the payment QR — or a calm welcome with the store's name between sales.
// Read-only by construction: it only reads the session and listens to the sale's events.
import type { TerminalClient } from '../../services/api/contract';
import { LoadingScreen } from '../common/LoadingScreen';
import { TrainingFrame } from '../common/TrainingFrame';
import { I18nContext } from '../i18n';
import { DisplayIdle } from './DisplayIdle';
import { DisplaySaleView } from './DisplaySale';
import { useDisplay } from './useDisplay';
import { displayScreen } from './view';
import './display.css';

export function DisplayApp({ client }: { client: TerminalClient }) {
  const { state, i18n } = useDisplay(client);
  const screen = displayScreen(state);
  if (screen.kind === 'loading') return <LoadingScreen language={state.language} />;
  return (
    <I18nContext.Provider value={i18n}>
      <TrainingFrame training={state.settings?.training === true}>
        <div className="display" data-testid="customer-display" data-screen={screen.kind}>
          {screen.kind === 'idle' ? (
            <DisplayIdle storeName={screen.storeName} />
          ) : (
            <DisplaySaleView screen={screen} />
          )}
        </div>
      </TrainingFrame>
    </I18nContext.Provider>
  );
}
