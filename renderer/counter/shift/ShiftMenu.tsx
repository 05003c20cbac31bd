// The shift menu on F9: pay-in, pay-out, no-sale, X report, close (blind count, the difference and a
// supervisor's approval, then the Z report). A modal that takes the keyboard focus and gives it back
// on Esc; digits 1–5 pick from the menu (6: stock work, when the counter offers it).
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useFocusOnShow } from '../focus-trap';
import { currencyExponent, parseDecimalToMinor } from '../../../core/money';
import type { ApiError, XReportView, ZReportView } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { ApprovalDialog } from '../ApprovalDialog';
import { DenominationCount } from './DenominationCount';
import { ShiftReport } from './ShiftReport';
import { errorOf, type ShiftHook } from './useShift';

type Step =
  | { kind: 'menu' }
  | { kind: 'pay_in' | 'pay_out' | 'no_sale' }
  | { kind: 'x'; report: XReportView }
  | { kind: 'count' }
  | { kind: 'approve'; counts: Record<string, number>; difference: number; limit: number }
  | { kind: 'z'; report: ZReportView };

export interface ShiftMenuProps {
  shift: ShiftHook;
  onClose(): void;
  /** The counter switches to stock work (renderer/stock), the same staff member signed in. */
  onStockWork?(): void;
}

export function ShiftMenu({ shift, onClose, onStockWork }: ShiftMenuProps) {
  const { t, language } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'menu' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const state = shift.state!;
  const api = shift.client;
  const m = (minor: number) => money(minor, state.currency, language);

  useFocusOnShow(
    () => (step.kind === 'menu' || step.kind === 'x' || step.kind === 'z' ? root.current : null),
    [step.kind],
  );

  const go = (next: Step) => {
    setError(null);
    setStep(next);
  };
  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(errorOf(result));
    return result.ok ? result.value : null;
  };
  const items: [Step['kind'] | 'stock', string][] = [
    ['pay_in', t.shift.payIn],
    ['pay_out', t.shift.payOut],
    ['no_sale', t.shift.noSale],
    ['x', t.shift.xReport],
    ['count', t.shift.close],
    ...(onStockWork ? [['stock', t.stock.title] as ['stock', string]] : []),
  ];
  const pick = async (kind: Step['kind'] | 'stock') => {
    setNotice(null);
    if (kind === 'stock') return onStockWork?.();
    if (kind === 'x') {
      const report = await run(() => api.call('shift.xReport', {}));
      if (report) go({ kind: 'x', report });
    } else go({ kind } as Step);
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (step.kind === 'menu' || step.kind === 'z') onClose();
      else go({ kind: 'menu' });
    } else if (step.kind === 'menu' && /^[1-9]$/.test(event.key) && Number(event.key) <= items.length) {
      event.preventDefault();
      void pick(items[Number(event.key) - 1]![0]);
    } else if (step.kind === 'z' && event.key === 'Enter') {
      event.preventDefault();
      onClose();
    }
  };
  const message = error ? (t.shift.errors[error.code] ?? t.shift.errorOther(error.message)) : null;

  // The approval is its own dialog (renderer/counter/ApprovalDialog), over the counter alone.
  if (step.kind === 'approve')
    return (
      <ApprovalDialog
        detail={
          <span data-testid="difference">
            {t.shift.difference}: <strong>{m(step.difference)}</strong> —{' '}
            {t.shift.approvalHint(m(Math.abs(step.difference)), m(step.limit))}
          </span>
        }
        submitLabel={t.shift.approve}
        onSubmit={async ({ badge, pin }) => {
          const result = await api.call('shift.close', { counts: step.counts, approval: { badge, pin } });
          if (result.ok) go({ kind: 'z', report: result.value });
          return result.ok ? null : result.error;
        }}
        onCancel={() => go({ kind: 'menu' })}
      />
    );
  return (
    <div className="overlay" role="presentation">
      <div
        className="dialog shift-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t.shift.menuTitle}
        data-testid="shift-menu"
        data-step={step.kind}
        tabIndex={-1}
        ref={root}
        onKeyDown={onKey}
      >
        {step.kind === 'menu' ? (
          <>
            <h2>{t.shift.menuTitle}</h2>
            <ol className="shift-menu-items">
              {items.map(([kind, label], i) => (
                <li key={kind}>
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void pick(kind)}
                    data-testid={`shift-${kind}`}
                  >
                    <kbd>{i + 1}</kbd> {label}
                  </button>
                </li>
              ))}
            </ol>
            {notice ? (
              <p className="banner ok" role="status">
                {notice}
              </p>
            ) : null}
          </>
        ) : null}
        {step.kind === 'pay_in' || step.kind === 'pay_out' || step.kind === 'no_sale' ? (
          <CashMoveForm
            kind={step.kind}
            currency={state.currency}
            busy={busy}
            onSubmit={async (amount, reason) => {
              const done =
                step.kind === 'no_sale'
                  ? await run(() => api.call('shift.noSale', { reason }))
                  : await run(() =>
                      api.call(step.kind === 'pay_in' ? 'shift.payIn' : 'shift.payOut', { amount, reason }),
                    );
              if (done) {
                const label = items.find(([k]) => k === step.kind)![1];
                go({ kind: 'menu' });
                setNotice(t.shift.done(label));
              }
            }}
          />
        ) : null}
        {step.kind === 'x' ? (
          <ShiftReport
            title={t.shift.xTitle}
            currency={state.currency}
            figures={step.report.figures}
            testId="x-report"
          />
        ) : null}
        {step.kind === 'count' ? (
          <DenominationCount
            title={t.shift.countTitle}
            hint={t.shift.countHint}
            submitLabel={t.shift.submitCount}
            currency={state.currency}
            denominations={state.denominations}
            busy={busy}
            error={null}
            testId="blind-count"
            onSubmit={async (counts) => {
              setBusy(true);
              const result = await api.call('shift.close', { counts });
              setBusy(false);
              if (result.ok) return go({ kind: 'z', report: result.value });
              const d = result.error.details as { difference?: number; limit?: number } | undefined;
              if (result.error.code === 'approval_required' && d?.difference !== undefined)
                return go({ kind: 'approve', counts, difference: d.difference, limit: d.limit ?? 0 });
              setError(result.error);
            }}
          />
        ) : null}
        {step.kind === 'z' ? (
          <>
            <ShiftReport
              title={t.shift.zTitle(step.report.number)}
              currency={step.report.currency}
              figures={step.report.figures}
              approvedBy={step.report.approvedBy}
              testId="z-report"
            />
            <p className="shift-hint" data-testid="z-printed">
              {step.report.printed ? t.shift.printed : t.shift.notPrinted}
            </p>
            <button type="button" className="button primary" onClick={onClose}>
              {t.shift.newShift}
            </button>
          </>
        ) : null}
        {message ? (
          <p className="banner error" role="alert" data-testid="shift-error">
            {message}
          </p>
        ) : null}
        {step.kind !== 'menu' && step.kind !== 'z' ? (
          <p className="shift-hint">
            <kbd>Esc</kbd> {t.shift.back}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function CashMoveForm(props: {
  kind: 'pay_in' | 'pay_out' | 'no_sale';
  currency: string;
  busy: boolean;
  onSubmit(amount: number, reason: string): void;
}) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useFocusOnShow(() => first.current, []);
  const minor = parseDecimalToMinor(amount.trim(), currencyExponent(props.currency));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.kind !== 'no_sale' && (minor === null || minor <= 0)) return;
    props.onSubmit(minor ?? 0, reason);
  };
  const title =
    props.kind === 'pay_in' ? t.shift.payIn : props.kind === 'pay_out' ? t.shift.payOut : t.shift.noSale;
  return (
    <form onSubmit={submit} className="shift-form" data-testid={`form-${props.kind}`} aria-label={title}>
      <h2>{title}</h2>
      {props.kind !== 'no_sale' ? (
        <label>
          {t.shift.amount}
          <input
            ref={first}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="move-amount"
          />
        </label>
      ) : null}
      <label>
        {t.shift.reason}
        <input
          ref={props.kind === 'no_sale' ? first : undefined}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          data-testid="move-reason"
        />
      </label>
      <button type="submit" className="button primary" disabled={props.busy}>
        {t.shift.confirm}
      </button>
    </form>
  );
}
