// F4 price override, F5 line discount, F6 sale discount: one keyboard-only dialog. It takes the focus
// (the figure first), Enter applies, Escape gives the sale back; F6 or % switches amount and percent.
// Above the cashier's limit the server says `over_limit`, and the approval step asks for a
// supervisor's badge and PIN, then applies the same change with them.
import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import type {
  ApiError,
  ApiResult,
  ApprovalInput,
  BasketLineView,
  BasketView,
  TerminalClient,
} from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { Modal } from '../../kiosk/dialogs';
import { ApprovalStep } from './ApprovalStep';
import { DialogFooter } from './DialogFooter';
import { overLimit, refusalText, typedMoney, typedPercent } from './price-text';

export type PriceTool = 'override' | 'line' | 'sale';

export interface PriceDialogProps {
  tool: PriceTool;
  basket: BasketView;
  /** The selected line (override, line discount); null for the sale discount. */
  line: BasketLineView | null;
  client: TerminalClient;
  onClose(): void;
}

export function PriceDialog({ tool, basket, line, client, onClose }: PriceDialogProps) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<'amount' | 'percent'>(tool === 'override' ? 'amount' : 'percent');
  const [figure, setFigure] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [approving, setApproving] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = {
    override: t.price.overrideTitle,
    line: t.price.lineDiscountTitle,
    sale: t.price.saleDiscountTitle,
  }[tool];

  const send = useCallback(
    async (approval?: ApprovalInput) => {
      const value =
        kind === 'percent' && tool !== 'override'
          ? typedPercent(figure)
          : typedMoney(figure, basket.currency);
      if (value === null || reason.trim() === '')
        return setError({ code: value === null ? 'invalid_discount' : 'invalid_reason', message: '' });
      setBusy(true);
      const extra = approval ? { approval } : {};
      let result: ApiResult<BasketView>;
      if (tool === 'override')
        result = await client.call('basket.overridePrice', {
          lineId: line!.id,
          unitPrice: value,
          reason,
          ...extra,
        });
      else if (tool === 'line')
        result = await client.call('basket.discountLine', {
          lineId: line!.id,
          kind,
          value,
          reason,
          ...extra,
        });
      else result = await client.call('basket.discountSale', { kind, value, reason, ...extra });
      setBusy(false);
      if (result.ok) return onClose();
      setError(result.error);
      const over = overLimit(result.error);
      if (over && !over.approver) setApproving(true);
    },
    [kind, tool, figure, reason, basket.currency, client, line, onClose],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void send();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (tool === 'override' || approving) return;
    if (event.key === 'F6' || event.key === '%') {
      event.preventDefault();
      setKind((k) => (k === 'amount' ? 'percent' : 'amount'));
    }
  };
  const figureLabel =
    tool === 'override' ? t.price.newPrice : kind === 'amount' ? t.price.amount : t.price.percent;
  const subject = line
    ? `${line.name} · ${money(line.lineTotal, basket.currency, language)}`
    : money(basket.totals.subtotal, basket.currency, language);
  // While approving, say what is being approved: the figure the cashier typed.
  const asked = approving
    ? ` → ${figure}${kind === 'percent' && tool !== 'override' ? ' %' : ` ${basket.currency}`}`
    : '';

  return (
    <Modal testId="price-dialog" title={title} onClose={onClose}>
      <form
        className="price-form"
        onSubmit={onSubmit}
        onKeyDown={onKeyDown}
        data-tool={tool}
        data-kind={kind}
      >
        <p className="price-subject" data-testid="price-subject">
          {subject}
          {asked}
        </p>
        {approving ? (
          <ApprovalStep
            message={error ? refusalText(t, error) : ''}
            busy={busy}
            onApprove={(a) => void send(a)}
          />
        ) : (
          <>
            <label className="price-field">
              <span>
                {figureLabel}
                {tool !== 'override' ? <small className="price-toggle">{t.price.toggleHint}</small> : null}
              </span>
              <span className="price-figure">
                <input
                  autoFocus
                  data-testid="price-figure"
                  value={figure}
                  inputMode="decimal"
                  autoComplete="off"
                  onChange={(e) => setFigure(e.target.value.replace('%', ''))}
                />
                <span className="price-unit" data-testid="price-unit">
                  {kind === 'percent' && tool !== 'override' ? '%' : basket.currency}
                </span>
              </span>
            </label>
            <label className="price-field">
              <span>{t.price.reason}</span>
              <input
                data-testid="price-reason"
                value={reason}
                maxLength={200}
                placeholder={t.price.reasonPlaceholder}
                autoComplete="off"
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
          </>
        )}
        <DialogFooter
          error={approving ? null : error}
          keys={t.price.keysHint}
          onClose={onClose}
          {...(approving
            ? {}
            : { act: { label: t.price.confirm, testId: 'price-apply', tone: 'primary' as const, busy } })}
        />
      </form>
    </Modal>
  );
}
