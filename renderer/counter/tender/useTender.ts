// The tender screen's state: the backend's TenderView (tender.state, then every tender.changed), the
// refusal to show in the cashier's words, and the acts — cash, QR, a wallet code, taking one back.
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult, TenderView, TerminalClient } from '../../../services/api/contract';

export interface TenderState {
  view: TenderView | null;
  /** The last refusal's code and message, until the next act. */
  error: { code: string; message: string } | null;
  busy: boolean;
}

export interface TenderActions {
  cash(handed: number): Promise<void>;
  qr(): Promise<void>;
  remove(position: number): Promise<void>;
  /** A wallet code typed by a wedge scanner into the tender entry: it pays the rest. */
  walletCode(code: string): Promise<void>;
  refresh(): Promise<void>;
  clearError(): void;
}

export function useTender(client: TerminalClient): [TenderState, TenderActions] {
  const [view, setView] = useState<TenderView | null>(null);
  const [error, setError] = useState<TenderState['error']>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.type === 'tender.changed') setView(event.tender);
      }),
    [client],
  );

  const act = useCallback(async <T>(call: () => Promise<ApiResult<T>>, after?: (value: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) setError({ code: result.error.code, message: result.error.message });
      else after?.(result.value);
    } finally {
      setBusy(false);
    }
  }, []);

  const refresh = useCallback(() => act(() => client.call('tender.state', {}), setView), [act, client]);
  useEffect(() => void refresh(), [refresh]);

  const actions: TenderActions = {
    cash: (handed) => act(() => client.call('tender.cash', { handed }), setView),
    qr: () => act(() => client.call('tender.qr', {}), setView),
    remove: (position) => act(() => client.call('tender.remove', { position }), setView),
    walletCode: (code) =>
      act(
        () => client.call('basket.addScan', { code, source: 'wedge' }),
        () => void refresh(),
      ),
    refresh,
    clearError: () => setError(null),
  };
  return [{ view, error, busy }, actions];
}

/** True when a tender stands (or is on its way): the sale cannot go back to selling. */
export function hasStandingTenders(view: TenderView | null): boolean {
  return (view?.tenders ?? []).some(
    (t) => t.state === 'pending' || t.state === 'taken' || t.state === 'reversing',
  );
}
