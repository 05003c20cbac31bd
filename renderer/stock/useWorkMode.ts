// A counter's work mode, as its screen knows it: selling, or stock work (stock.workMode, then every
// `stock.workMode` event). Asked once someone is signed in; the switch is the backend's, so the serial
// scanner follows it.
import { useCallback, useEffect, useState } from 'react';
import type { TerminalClient, WorkMode } from '../../services/api/contract';

export function useWorkMode(client: TerminalClient, signedIn: boolean) {
  const [mode, setMode] = useState<WorkMode>('sell');
  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    const off = client.subscribe((event) => {
      if (event.type === 'stock.workMode') setMode(event.mode);
    });
    void client.call('stock.workMode', {}).then((result) => {
      if (!cancelled && result.ok) setMode(result.value.mode);
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [client, signedIn]);
  const switchTo = useCallback(
    (next: WorkMode) =>
      void client.call('stock.workMode', { mode: next }).then((result) => {
        if (result.ok) setMode(result.value.mode);
      }),
    [client],
  );
  return { mode, switchTo };
}
