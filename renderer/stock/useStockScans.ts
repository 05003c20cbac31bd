// Scans for the stock screen on show: the terminal's serial scanner (its `stock.scanned` events, only
// on the terminal's own screen: a handheld has its own wedge or camera, and must not take the till's
// scans) and whatever the screen's code entry or camera reads. One listener at a time: the screen
// showing sets it.
import { useEffect, useRef } from 'react';
import type { ScanSource, TerminalClient } from '../../services/api/contract';

export type ScanListener = (code: string, source: ScanSource) => void;

export interface StockScans {
  /** The screen on show takes scans with this; null when it takes none. */
  listen(listener: ScanListener | null): void;
}

export function useStockScans(client: TerminalClient, serial: boolean): StockScans {
  const current = useRef<ScanListener | null>(null);
  useEffect(() => {
    if (!serial) return;
    return client.subscribe((event) => {
      if (event.type === 'stock.scanned') current.current?.(event.code, event.source);
    });
  }, [client, serial]);
  const scans = useRef<StockScans>({
    listen(listener) {
      current.current = listener;
    },
  });
  return scans.current;
}

/** Makes `listener` the one that takes serial scans while the calling screen shows. */
export function useScanListener(scans: StockScans, listener: ScanListener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    scans.listen((code, source) => latest.current(code, source));
    return () => scans.listen(null);
  }, [scans]);
}
