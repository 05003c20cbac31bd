// F4 price override, F5 line discount, F6 sale discount: one keyboard-only dialog. It takes the focus
// (the figure first), Enter applies, Escape gives the sale back; F6 or % switches amount and percent.
// Above the cashier's limit the server says `over_limit`, and the counter's approval dialog
// (../ApprovalDialog) takes its place: a supervisor's badge and PIN apply the same change, Esc goes
// back to the figure (to give less).
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
import { ApprovalDialog } from '../ApprovalDialog';
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
  /** The over-limit refusal that asks for a supervisor: the approval dialog is up while it is set. */
  const [asking, setAsking] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const title = {
    override: t.price.overrideTitle,
    line: t.price.lineDiscountTitle,
    sale: t.price.saleDiscountTitle,
  }[tool];

  /** Applies the change (with a supervisor's approval); resolves to why not, or null when done. */
  const send = useCallback(
    async (approval?: ApprovalInput): Promise<ApiError | null> => {
      const value =
        kind === 'percent' && tool !== 'override'
          ? typedPercent(figure)
          : typedMoney(figure, basket.currency);
      if (value === null || reason.trim() === '') {
        const invalid = { code: value === null ? 'invalid_discount' : 'invalid_reason', message: '' };
        setError(invalid);
        return invalid;
      }
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
      if (result.ok) {
        onClose();
        return null;
      }
      // A refusal of the approval itself is the approval dialog's to show; it stays up.
      if (approval) return result.error;
      setError(result.error);
      const over = overLimit(result.error);
      if (over && !over.approver) setAsking(result.error);
      return result.error;
    },
    [kind, tool, figure, reason, basket.currency, client, line, onClose],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void send();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (tool === 'override') return;
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

  if (asking) {
    // Say what is being approved: the figure the cashier typed, and why it needs a supervisor.
    const asked = `${figure}${kind === 'percent' && tool !== 'override' ? ' %' : ` ${basket.currency}`}`;
    return (
      <ApprovalDialog
        detail={
          <>
            <strong data-testid="price-subject">
              {title}: {subject} → {asked}
            </strong>
            <br />
            {refusalText(t, asking)}
          </>
        }
        onSubmit={send}
        onCancel={() => setAsking(null)}
        refusalText={(refused) => refusalText(t, refused)}
      />
    );
  }
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
        </p>
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
        <DialogFooter
          error={error}
          keys={t.price.keysHint}
          onClose={onClose}
          act={{ label: t.price.confirm, testId: 'price-apply', tone: 'primary', busy }}
        />
      </form>
    </Modal>
  );
}
