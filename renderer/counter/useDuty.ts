// Who runs the counter, as the screen knows it: the backend's DutyView (staff.current, then every
// `staff.duty` event), the sign-in acts, the idle lock and the F10 keys.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError, DutyView, TerminalClient } from '../../services/api/contract';

export interface Duty {
  /** Null until the backend answered. */
  view: DutyView | null;
  /** Resolves to why not, or null once signed in (or taken over). */
  signIn(badge: string, pin: string): Promise<ApiError | null>;
  unlock(pin: string): Promise<ApiError | null>;
  lock(): void;
  signOut(): void;
  /** The last staff badge a serial scanner read while nobody was signed in (`n` counts reads). */
  scannedBadge: { badge: string; n: number } | null;
}

export function useDuty(client: TerminalClient): Duty {
  const [view, setView] = useState<DutyView | null>(null);
  const [scannedBadge, setScannedBadge] = useState<Duty['scannedBadge']>(null);
  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      void client.call('staff.current', {}).then((result) => {
        if (!cancelled && result.ok) setView(result.value);
      });
    const off = client.subscribe((event) => {
      if (event.type === 'staff.duty') setView(event.duty);
      else if (event.type === 'staff.badge')
        setScannedBadge((last) => ({ badge: event.badge, n: (last?.n ?? 0) + 1 }));
      // A restarted backend sends its session anew; who is on duty may have changed with it.
      else if (event.type === 'session.reset') refresh();
    });
    refresh();
    return () => {
      cancelled = true;
      off();
    };
  }, [client]);

  const answer = useCallback(async (call: Promise<{ ok: boolean; value?: DutyView; error?: ApiError }>) => {
    const result = await call;
    if (result.ok && result.value) {
      setView(result.value);
      return null;
    }
    return result.error ?? { code: 'internal_error', message: 'no answer' };
  }, []);
  const signIn = useCallback(
    (badge: string, pin: string) => answer(client.call('staff.signIn', { badge, pin })),
    [answer, client],
  );
  const unlock = useCallback((pin: string) => answer(client.call('staff.unlock', { pin })), [answer, client]);
  const lock = useCallback(() => void answer(client.call('staff.lock', {})), [answer, client]);
  const signOut = useCallback(() => void answer(client.call('staff.signOut', {})), [answer, client]);
  return { view, signIn, unlock, lock, signOut, scannedBadge };
}

/**
 * Locks the counter after `seconds` without a key press or a touch while someone is signed in. Listens
 * in the capture phase, so a key a dialog keeps to itself still counts as the cashier being there.
 */
export function useIdleLock(signedIn: boolean, seconds: number, lock: () => void): void {
  const lockRef = useRef(lock);
  lockRef.current = lock;
  useEffect(() => {
    if (!signedIn) return;
    let timer = setTimeout(() => lockRef.current(), seconds * 1000);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => lockRef.current(), seconds * 1000);
    };
    window.addEventListener('keydown', touched, true);
    window.addEventListener('pointerdown', touched, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', touched, true);
      window.removeEventListener('pointerdown', touched, true);
    };
  }, [signedIn, seconds]);
}

/** F10 locks the counter (the sale waits), Shift+F10 signs out; only while someone is signed in. */
export function useDutyKeys(signedIn: boolean, duty: Pick<Duty, 'lock' | 'signOut'>): void {
  const { lock, signOut } = duty;
  useLayoutEffect(() => {
    if (!signedIn) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F10') return;
      // F10 would otherwise focus the browser's menu bar.
      event.preventDefault();
      if (event.shiftKey) signOut();
      else lock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [signedIn, lock, signOut]);
}
