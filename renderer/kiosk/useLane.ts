// The kiosk's own lane: whether the attendant paused or closed it, and what became of the shopper's
// call for help. Loaded once, then kept by the backend's `lane.self` events.
import { useCallback, useEffect, useState } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import type { LaneSelfView } from '../../services/api/lanes-contract';

export interface Lane {
  self: LaneSelfView | null;
  /** Raises the call for an attendant (pressing Help again keeps the same call). */
  callHelp(): void;
}

export function useLane(client: TerminalClient): Lane {
  const [self, setSelf] = useState<LaneSelfView | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'lane.self') setSelf(event.lane);
    });
    void client.call('lane.self', {}).then((result) => {
      if (live && result.ok) setSelf(result.value);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  const callHelp = useCallback(() => {
    void client.call('lane.callHelp', {}).then((result) => {
      if (result.ok) setSelf(result.value);
    });
  }, [client]);
  return { self, callHelp };
}
