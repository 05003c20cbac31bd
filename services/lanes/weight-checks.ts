// The weight-check intervention: a kiosk whose shopper is weighing loose produce and cannot get a
// weight the till may sell calls an attendant. What a store wants staff to come for is a weighing the
// shopper cannot finish alone — the scale not answering or unplugged, unable to find its zero, or an
// item over its capacity — and only once it has lasted WEIGHT_CHECK_AFTER_MS (a reading that flickers,
// or a shopper who takes the heavy bag off again, calls nobody). Motion, an empty scale, a reading
// under zero or under the store's minimum are the shopper's to settle and raise nothing. The call
// closes by itself when the scale answers with a usable reading again or the weighing ends (sold,
// cancelled, or the weigh screen left), so the queue holds only weighings still stuck.
import type { ScaleReadingView, ScaleState } from '../api/contract';
import type { EventHub } from '../events';

/** How long a weighing must be stuck before an attendant is called. */
export const WEIGHT_CHECK_AFTER_MS = 3000;

const NEEDS_ATTENDANT: ReadonlySet<ScaleState> = new Set<ScaleState>([
  'not-answering',
  'disconnected',
  'zero-error',
  'over-capacity',
]);

/** The terminal's scale as the weight check sees it (services/scale/terminal-scale.ts). */
export interface WeighingSource {
  reading(): ScaleReadingView;
  onWeighing(listener: (open: boolean) => void): () => void;
}

/**
 * Watches the scale: `check(state)` raises (or re-words) the lane's weight-check call with what is
 * wrong, `check(null)` closes it. Returns the function that stops watching.
 */
export function watchWeighing(
  scale: WeighingSource,
  events: EventHub,
  check: (problem: ScaleState | null) => void,
  afterMs = WEIGHT_CHECK_AFTER_MS,
): () => void {
  let weighing = false;
  let raised = false;
  let problem: ScaleState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const wait = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const settle = () => {
    wait();
    problem = null;
    if (raised) check(null);
    raised = false;
  };
  const judge = (state: ScaleState) => {
    if (!weighing) return;
    if (!NEEDS_ATTENDANT.has(state)) return settle();
    if (state === problem) return;
    problem = state;
    // Already called: the attendant's queue says what is wrong now. Otherwise, give it its grace first.
    if (raised) return check(state);
    wait();
    timer = setTimeout(() => {
      timer = null;
      if (!weighing || problem === null) return;
      raised = true;
      check(problem);
    }, afterMs);
    timer.unref?.();
  };
  const unwatch = scale.onWeighing((open) => {
    weighing = open;
    if (open) judge(scale.reading().state);
    else settle();
  });
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'scale.reading') judge(event.reading.state);
  });
  return () => {
    wait();
    unwatch();
    unsubscribe();
  };
}
