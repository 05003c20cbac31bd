// "Pay at the counter": a shopper who needs the cashier (an item the kiosk cannot sell, a payment it
// does not take) gets a number and a QR for this basket. The counter takes the basket over by it;
// this kiosk then starts over for the next shopper (its session resets). Back withdraws the code.
import { useEffect, useState } from 'react';
import type { HandoverOfferView, TerminalClient } from '../../services/api/contract';
import { QrCode } from '../QrCode';
import { useI18n } from '../i18n';
import { Modal } from './dialogs';
import './handover.css';

export function PayAtCounterButton({ client }: { client: TerminalClient }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button quiet pay-at-counter"
        data-testid="pay-at-counter"
        onClick={() => setOpen(true)}
      >
        {t.handover.button}
      </button>
      {open ? (
        <HandoverDialog
          client={client}
          onBack={() => {
            setOpen(false);
            void client.call('handover.withdraw', {});
          }}
        />
      ) : null}
    </>
  );
}

function HandoverDialog({ client, onBack }: { client: TerminalClient; onBack(): void }) {
  const { t } = useI18n();
  const [offer, setOffer] = useState<HandoverOfferView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void client.call('handover.offer', {}).then((result) => {
      if (!live) return;
      if (result.ok) setOffer(result.value);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [client]);
  return (
    <Modal testId="handover-dialog" title={t.handover.title} onClose={onBack}>
      {failed ? (
        <p className="dialog-lead" data-testid="handover-failed">
          {t.handover.failed}
        </p>
      ) : (
        <>
          <p className="dialog-lead">{t.handover.body}</p>
          <div className="handover-code">
            {offer ? (
              <QrCode text={offer.qr} sizePx={200} label={t.handover.qrLabel} testId="handover-qr" />
            ) : (
              <div className="qr-placeholder" style={{ width: 200, height: 200 }} />
            )}
            <div className="handover-number">
              <span className="handover-number-label">{t.handover.number}</span>
              <span className="handover-number-value" data-testid="handover-number">
                {offer ? `${offer.code.slice(0, 3)} ${offer.code.slice(3)}` : t.handover.loading}
              </span>
            </div>
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button secondary" data-testid="handover-back" onClick={onBack}>
          {t.handover.back}
        </button>
      </div>
    </Modal>
  );
}
