// A weighing open on the scale, as the kiosk's weigh screen and the counter's weigh dialog both follow
// it: scale.weigh opens it (renewed while open), its readings arrive as events, scale.stop ends it.
import { useEffect, useState } from 'react';
import type {
  ApiError,
  ScaleReadingView,
  ScanSource,
  TerminalClient,
  WeighView,
} from '../../services/api/contract';

/** Well inside the backend's 90 s weighing lease (services/scale/terminal-scale.ts). */
const RENEW_MS = 30_000;

export interface ScaleWeighing {
  item: WeighView | null;
  reading: ScaleReadingView | null;
  error: ApiError | null;
  setError(error: ApiError | null): void;
}

/** Follows the weighing of `code` while mounted and `enabled` (a terminal with a scale). */
export function useScaleWeighing(
  client: TerminalClient,
  code: string,
  source: ScanSource,
  enabled = true,
): ScaleWeighing {
  const [item, setItem] = useState<WeighView | null>(null);
  const [reading, setReading] = useState<ScaleReadingView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Open the weighing (the backend starts asking the scale) and follow its readings until closed.
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const unsubscribe = client.subscribe((event) => {
      if (event.type !== 'scale.reading') return;
      setReading(event.reading);
      // "Not ready yet" was about the reading before; a new one may well be ready.
      setError((current) => (current?.code === 'weight_not_ready' ? null : current));
    });
    // The backend polls the scale for a while per scale.weigh (WEIGH_LEASE_MS); renewed while open.
    const renew = setInterval(() => void client.call('scale.weigh', { code, source }), RENEW_MS);
    void client.call('scale.weigh', { code, source }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setItem(result.value);
        setReading((current) => current ?? result.value.reading);
      } else setError(result.error);
    });
    return () => {
      live = false;
      clearInterval(renew);
      unsubscribe();
      void client.call('scale.stop', {});
    };
  }, [client, code, source, enabled]);
  return { item, reading, error, setError };
}
