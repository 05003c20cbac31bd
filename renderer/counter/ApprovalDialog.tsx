// A supervisor's approval on the spot, reusable for any act above the cashier's limit (a discount, a
// cash difference at close, a take-over): badge scanned or typed, Enter, PIN, Enter. It takes the
// keyboard (focus trapped inside, keys kept from the screen behind), Esc cancels, and the focus goes
// back where it was. The backend checks and journals (services/counter/approval.ts approveAct).
//
//   {approving ? (
//     <ApprovalDialog
//       detail={`Discount 25 % on ${line.name}`}
//       onSubmit={({ badge, pin }) => callDiscount({ ..., approver: { badge, pin } })}  // ApiError | null
//       onCancel={() => setApproving(false)}
//     />
//   ) : null}
//
// While it is open, tell the selling screen a dialog has the keyboard (SellScreen's `dialogOpen`).
import { useRef, type ReactNode } from 'react';
import type { ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { BadgePinForm, type StaffCredentials } from './BadgePinForm';
import { trapTab, useFocusReturn } from './focus-trap';

export interface ApprovalDialogProps {
  /** Defaults to "Supervisor approval". */
  title?: string;
  /** What is being approved, in the cashier's words: shown above the badge. */
  detail?: ReactNode;
  /** Defaults to "Approve". */
  submitLabel?: string;
  /** Sends the approver's badge and PIN; resolves to why not (shown, the dialog stays), or null when done. */
  onSubmit(credentials: StaffCredentials): Promise<ApiError | null>;
  onCancel(): void;
  /** A refusal in the words of the act approved (a discount's limits); the counter's words by default. */
  refusalText?: (error: ApiError) => string;
}

export function ApprovalDialog(props: ApprovalDialogProps) {
  const { title, detail, submitLabel, onSubmit, onCancel, refusalText } = props;
  const { t } = useI18n();
  const root = useRef<HTMLDivElement>(null);
  useFocusReturn();
  const heading = title ?? t.counter.staff.approvalTitle;
  return (
    <div className="overlay" role="presentation">
      <div
        ref={root}
        className="dialog counter-approval"
        role="dialog"
        aria-modal="true"
        aria-label={heading}
        data-testid="approval-dialog"
        onKeyDown={(event) => {
          trapTab(root, event);
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
          // The dialog has the keyboard: no key reaches the screen behind it (F12 Pay, +, Delete…).
          event.stopPropagation();
        }}
      >
        <h2>{heading}</h2>
        {detail ? (
          <p className="dialog-lead counter-approval-detail" data-testid="approval-detail">
            {detail}
          </p>
        ) : null}
        <p className="counter-muted">{t.counter.staff.approvalHint}</p>
        <BadgePinForm
          testId="approval-form"
          submitLabel={submitLabel ?? t.counter.staff.approve}
          onSubmit={onSubmit}
          refusalText={refusalText}
        >
          <button type="button" className="button secondary" data-testid="approval-cancel" onClick={onCancel}>
            {t.counter.staff.cancel}
            <kbd>Esc</kbd>
          </button>
        </BadgePinForm>
      </div>
    </div>
  );
}
