// Returns (F1 on an empty sale): find the sale (its receipt's QR, its number, or a search), choose what
// comes back and why, see the refund worked out, confirm, and follow the money back tender by tender —
// or a return without a receipt. One dialog that holds the keyboard (focus trapped, no key reaching the
// selling screen behind), Esc stepping back out at every step; nothing is refunded before the cashier
// confirms. A supervisor's approval, when the refund needs one, is the counter's ApprovalDialog.
import { useRef, useState } from 'react';
import type { RefundSaleView, RefundView, TerminalClient } from '../../../services/api/contract';
import { cashierRefundRefusal } from '../../common/cashier-words';
import { useI18n } from '../../i18n';
import { ApprovalDialog } from '../ApprovalDialog';
import type { ApprovalAsk } from './approval-ask';
import { trapTab, useFocusReturn } from '../focus-trap';
import { FindStep } from './FindStep';
import { NoReceiptStep } from './NoReceiptStep';
import { ProgressStep } from './ProgressStep';
import { SaleStep } from './SaleStep';
import { SearchStep } from './SearchStep';
import { useRefundProgress } from './useRefundProgress';
import './refund.css';
import './refund-sale.css';

export type RefundStepName = 'find' | 'search' | 'sale' | 'progress' | 'no_receipt';

export interface RefundDialogProps {
  client: TerminalClient;
  /** The store's currency, for typing a total into the search before any sale is found. */
  currency: string;
  onClose(): void;
}

export function RefundDialog({ client, currency, onClose }: RefundDialogProps) {
  const { t } = useI18n();
  const [step, setStep] = useState<RefundStepName>('find');
  const [sale, setSale] = useState<RefundSaleView | null>(null);
  const [approval, setApproval] = useState<ApprovalAsk | null>(null);
  const progress = useRefundProgress(client);
  const root = useRef<HTMLDivElement>(null);
  useFocusReturn();

  const found = (view: RefundSaleView) => {
    setSale(view);
    setStep('sale');
  };
  const started = (view: RefundView) => {
    setApproval(null);
    progress.begin(view);
    setStep('progress');
  };
  const toFind = () => {
    setSale(null);
    setStep('find');
  };
  const phase = step === 'find' || step === 'search' ? 0 : step === 'progress' ? 2 : 1;
  const phases = [t.refund.stepFind, t.refund.stepSale, t.refund.stepRefund];

  return (
    <>
      <div className="overlay refund-overlay" role="presentation">
        <div
          ref={root}
          className="dialog refund-dialog"
          role="dialog"
          aria-modal="true"
          aria-label={t.refund.title}
          data-testid="refund-dialog"
          data-step={step}
          onKeyDown={(event) => {
            trapTab(root, event);
            // F1–F12 mean something here, never the browser's help, reload or DevTools.
            if (/^F\d{1,2}$/.test(event.key)) event.preventDefault();
            // The dialog has the keyboard: no key reaches the selling screen, the shift menu (F9) or the lock.
            event.stopPropagation();
          }}
        >
          <header className="refund-head">
            <h2>{step === 'no_receipt' ? t.refund.noReceiptTitle : t.refund.title}</h2>
            {step === 'no_receipt' ? null : (
              <ol className="refund-phases" aria-label={t.refund.title}>
                {phases.map((label, i) => (
                  <li key={label} aria-current={i === phase ? 'step' : undefined}>
                    <span className="refund-phase-n">{i + 1}</span>
                    {label}
                  </li>
                ))}
              </ol>
            )}
          </header>
          {step === 'find' ? (
            <FindStep
              client={client}
              onFound={found}
              onSearch={() => setStep('search')}
              onNoReceipt={() => setStep('no_receipt')}
              onClose={onClose}
            />
          ) : null}
          {step === 'search' ? (
            <SearchStep client={client} currency={currency} onFound={found} onBack={toFind} />
          ) : null}
          {step === 'sale' && sale ? (
            <SaleStep
              client={client}
              sale={sale}
              approving={approval !== null}
              onAsk={setApproval}
              onStarted={started}
              onBack={toFind}
            />
          ) : null}
          {step === 'progress' ? (
            <ProgressStep
              progress={progress}
              sale={sale}
              onAsk={setApproval}
              onApproved={() => setApproval(null)}
              onDone={onClose}
            />
          ) : null}
          {step === 'no_receipt' ? (
            <NoReceiptStep
              client={client}
              approving={approval !== null}
              onAsk={setApproval}
              onStarted={started}
              onBack={toFind}
            />
          ) : null}
        </div>
      </div>
      {approval ? (
        <ApprovalDialog
          title={t.refund.approvalTitle}
          detail={approval.detail}
          submitLabel={t.counter.staff.approve}
          onSubmit={approval.submit}
          onCancel={() => setApproval(null)}
          refusalText={(error) =>
            // Here the badge is the approver's: "may not" means it may not approve refunds.
            error.code === 'staff_not_allowed' ? t.refund.approverNotAllowed : cashierRefundRefusal(t, error)
          }
        />
      ) : null}
    </>
  );
}
