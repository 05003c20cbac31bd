// The cashier's basket commands, one after another. Keys come faster than answers: "−" pressed twice
// must lower the quantity by two, so each command waits for the one before it and reads the newest
// basket it knows of (the last answer, or a newer rendered one), never the one on screen at key-press.
import { useCallback, useRef } from 'react';
import type { BasketView, ScanSource } from '../../services/api/contract';
import type { KioskActions } from '../common/useKiosk';
import { quantityIsFixed } from './selection';

export type TillHint = 'badEntry' | 'fixedQuantity';

export interface Till {
  /** Adds `quantity` pieces of a code: one scan, then the line it raised set to the total. */
  add(code: string, quantity: number, source: ScanSource): void;
  /** One more (+1) or one less (−1) of a line; never below one (Delete removes). */
  step(lineId: string, delta: 1 | -1): void;
  remove(lineId: string): void;
  /**
   * Starts payment once every command before it is done: F12 right after Enter pays for that item too.
   * `skipped` runs instead when there is then nothing to pay.
   */
  pay(start: () => Promise<void>, skipped?: () => void): void;
}

export function useTill(
  basket: BasketView | null,
  actions: Pick<KioskActions, 'scan' | 'setQuantity' | 'removeLine'>,
  onHint: (hint: TillHint | null) => void,
): Till {
  // Every dispatch re-renders with a basket at least as new as any answer before it, so the rendered
  // basket may overwrite this; an answer not rendered yet is newer, so it overwrites it too.
  const latest = useRef(basket);
  latest.current = basket;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const { scan, setQuantity, removeLine } = actions;
  const keep = (next: BasketView | null) => {
    if (next) latest.current = next;
  };

  const enqueue = useCallback((command: () => Promise<void>) => {
    chain.current = chain.current.then(command).catch((error: unknown) => {
      // A failed call has already put its calm message in the state; this is only for a real bug.
      console.error('openlane counter: a basket command failed', error);
    });
  }, []);

  const add = useCallback(
    (code: string, quantity: number, source: ScanSource) =>
      enqueue(async () => {
        const before = latest.current;
        const after = await scan(code, source);
        keep(after);
        if (!after || quantity === 1) return;
        // The quantity belongs to the line this scan raised; a member card raises none.
        const line = after.lines.find((l) => l.id === after.lastChangedLineId);
        const prior = before?.lines.find((l) => l.id === line?.id);
        if (!line || (prior && prior.quantity >= line.quantity)) return;
        if (quantityIsFixed(line)) return onHint('fixedQuantity');
        keep(await setQuantity(line.id, line.quantity + quantity - 1));
      }),
    [enqueue, scan, setQuantity, onHint],
  );

  const step = useCallback(
    (lineId: string, delta: 1 | -1) =>
      enqueue(async () => {
        const line = latest.current?.lines.find((l) => l.id === lineId);
        if (!line) return;
        if (quantityIsFixed(line)) return onHint('fixedQuantity');
        if (line.quantity + delta < 1) return;
        onHint(null);
        keep(await setQuantity(lineId, line.quantity + delta));
      }),
    [enqueue, setQuantity, onHint],
  );

  const remove = useCallback(
    (lineId: string) =>
      enqueue(async () => {
        // A second Delete pressed before the screen caught up names a line already gone: skip it.
        if (!latest.current?.lines.some((l) => l.id === lineId)) return;
        keep(await removeLine(lineId));
      }),
    [enqueue, removeLine],
  );

  const pay = useCallback(
    (start: () => Promise<void>, skipped?: () => void) =>
      enqueue(async () => {
        const current = latest.current;
        if (current && current.status === 'open' && current.lines.length > 0) await start();
        else skipped?.();
      }),
    [enqueue],
  );

  return { add, step, remove, pay };
}
