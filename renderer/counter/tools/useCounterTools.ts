// The counter's tools as the selling screen drives them: which tool dialog is open, and the one-line
// message their acts leave (a sale suspended, a kiosk basket taken over, or why not).
import { useCallback, useState } from 'react';
import type { ApiError, TerminalClient } from '../../../services/api/contract';

export type ToolDialog = 'lookup' | 'suspended' | null;

export type ToolMessage =
  | { kind: 'suspended'; label: string }
  | { kind: 'resumed' }
  | { kind: 'handedOver' }
  | { kind: 'typeKioskNumber' }
  | { kind: 'error'; error: ApiError };

export interface CounterTools {
  dialog: ToolDialog;
  message: ToolMessage | null;
  openLookup(): void;
  /** F7: the sale in progress is put aside (the entry's text, if any, is its label); an empty sale lists them. */
  suspendOrList(hasSale: boolean, label: string): void;
  /** F11: takes the kiosk basket whose number is in the entry. */
  claim(text: string): void;
  closeDialog(): void;
  resumed(): void;
  failed(error: ApiError): void;
  clearMessage(): void;
}

export function useCounterTools(client: TerminalClient): CounterTools {
  const [dialog, setDialog] = useState<ToolDialog>(null);
  const [message, setMessage] = useState<ToolMessage | null>(null);
  const failed = useCallback((error: ApiError) => setMessage({ kind: 'error', error }), []);
  const suspendOrList = useCallback(
    (hasSale: boolean, label: string) => {
      setMessage(null);
      if (!hasSale) return setDialog('suspended');
      const given = label.trim();
      void client.call('sale.suspend', given === '' ? {} : { label: given }).then((result) => {
        if (!result.ok) return failed(result.error);
        // The backend's session.reset empties the screen; the label tells the cashier what to ask for.
        void client.call('sale.suspended', {}).then((list) => {
          const newest = list.ok ? list.value.sales.at(-1) : undefined;
          setMessage({ kind: 'suspended', label: newest?.label ?? given });
        });
      });
    },
    [client, failed],
  );
  const claim = useCallback(
    (text: string) => {
      if (text.trim() === '') return setMessage({ kind: 'typeKioskNumber' });
      setMessage(null);
      void client.call('handover.claim', { code: text.trim() }).then((result) => {
        setMessage(result.ok ? { kind: 'handedOver' } : { kind: 'error', error: result.error });
      });
    },
    [client],
  );
  return {
    dialog,
    message,
    openLookup: useCallback(() => setDialog('lookup'), []),
    suspendOrList,
    claim,
    closeDialog: useCallback(() => setDialog(null), []),
    resumed: useCallback(() => {
      setDialog(null);
      setMessage({ kind: 'resumed' });
    }, []),
    failed,
    clearMessage: useCallback(() => setMessage(null), []),
  };
}
