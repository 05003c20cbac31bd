// The kiosk's own lane: whether the attendant paused or closed it, and what became of the shopper's
// call for help. Loaded once, then kept by the backend's `lane.self` events.
import { useCallback } from 'react';
import type { TerminalClient, TerminalEvent } from '../../services/api/contract';
import type { LaneSelfView } from '../../services/api/lanes-contract';
import { useLive } from '../common/useLive';

export interface Lane {
  self: LaneSelfView | null;
  /** Raises the call for an attendant (pressing Help again keeps the same call). */
  callHelp(): void;
}

const load = (client: TerminalClient) => client.call('lane.self', {});
const fromEvent = (event: TerminalEvent) => (event.type === 'lane.self' ? event.lane : null);

export function useLane(client: TerminalClient): Lane {
  const [self, setSelf] = useLive(client, load, fromEvent);
  const callHelp = useCallback(() => {
    void client.call('lane.callHelp', {}).then((result) => {
      if (result.ok) setSelf(result.value);
    });
  }, [client, setSelf]);
  return { self, callHelp };
}
