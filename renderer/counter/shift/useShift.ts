// The counter's shift as the screen knows it: the open shift (or none: the float is asked for before
// selling), the currency's notes and coins, and the drawer's state as the printer reports it.
import { useCallback, useEffect, useState } from 'react';
import type {
  ApiError,
  ApiResult,
  DrawerStatusView,
  ShiftStateView,
  TerminalClient,
} from '../../../services/api/contract';

export interface ShiftHook {
  state: ShiftStateView | null;
  drawer: DrawerStatusView;
  reload(): Promise<void>;
  client: TerminalClient;
}

export function useShift(client: TerminalClient): ShiftHook {
  const [state, setState] = useState<ShiftStateView | null>(null);
  const [drawer, setDrawer] = useState<DrawerStatusView>({ state: 'unknown', lastReason: null });
  const reload = useCallback(async () => {
    const result = await client.call('shift.current', {});
    if (result.ok) setState(result.value);
  }, [client]);
  useEffect(() => {
    void reload();
    return client.subscribe((event) => {
      if (event.type === 'shift.changed') setState((s) => (s ? { ...s, shift: event.shift } : s));
      if (event.type === 'drawer.status') setDrawer(event.drawer);
      // Someone signing in or out changes whether the float is asked for (the sign-in's own events).
      if (event.type.startsWith('staff.') || event.type.startsWith('duty.')) void reload();
    });
  }, [client, reload]);
  return { state, drawer, reload, client };
}

/** The error of a result, or null when it went through. */
export const errorOf = <T>(result: ApiResult<T>): ApiError | null => (result.ok ? null : result.error);
