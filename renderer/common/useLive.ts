// A value the backend keeps up to date: loaded once with a call, then replaced by each event that
// carries it. An event that arrives before the call's answer wins: it is the newer of the two.
import { useEffect, useState } from 'react';
import type { ApiResult, TerminalClient, TerminalEvent } from '../../services/api/contract';

export function useLive<T>(
  client: TerminalClient,
  load: (client: TerminalClient) => Promise<ApiResult<T>>,
  fromEvent: (event: TerminalEvent) => T | null,
): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe((event) => {
      const next = fromEvent(event);
      if (next !== null) setValue(next);
    });
    void load(client).then((result) => {
      if (live && result.ok) setValue((current) => current ?? result.value);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, load, fromEvent]);
  return [value, setValue];
}
