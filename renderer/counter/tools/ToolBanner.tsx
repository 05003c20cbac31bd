// The one line a counter tool leaves: done, in a calm tone, or why not, in the cashier's words.
import { cashierRefusal } from '../../common/cashier-words';
import { useI18n } from '../../i18n';
import { InfoIcon } from '../../kiosk/icons';
import type { ToolMessage } from './useCounterTools';

export function ToolBanner({ message, onDismiss }: { message: ToolMessage; onDismiss(): void }) {
  const { t } = useI18n();
  const tt = t.counterTools;
  const text =
    message.kind === 'suspended'
      ? tt.suspended(message.label)
      : message.kind === 'resumed'
        ? tt.resumed
        : message.kind === 'handedOver'
          ? tt.handedOver
          : message.kind === 'typeKioskNumber'
            ? tt.typeKioskNumber
            : (tt.errors[message.error.code] ?? cashierRefusal(t, message.error));
  const tone = message.kind === 'error' || message.kind === 'typeKioskNumber' ? 'warn' : 'ok';
  return (
    <div
      className={`banner ${tone}`}
      role="status"
      data-testid="tool-message"
      data-kind={message.kind}
      data-code={message.kind === 'error' ? message.error.code : undefined}
    >
      <InfoIcon />
      <span className="banner-text">{text}</span>
      <button type="button" className="banner-dismiss" tabIndex={-1} onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
