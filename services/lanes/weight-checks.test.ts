import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScaleReadingView, ScaleState } from '../api/contract';
import { createEventHub } from '../events';
import { WEIGHT_CHECK_AFTER_MS, watchWeighing } from './weight-checks';

afterEach(() => {
  vi.useRealTimers();
});

/** A scale as the watcher sees it: its weighing opened and closed, its readings sent as the terminal's events. */
function setUp() {
  vi.useFakeTimers();
  const events = createEventHub();
  const listeners = new Set<(open: boolean) => void>();
  let current: ScaleReadingView = { state: 'zero', grams: null };
  const checks: (ScaleState | null)[] = [];
  const stop = watchWeighing(
    {
      reading: () => current,
      onWeighing: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    },
    events,
    (problem) => checks.push(problem),
  );
  return {
    checks,
    stop,
    weighing: (open: boolean) => listeners.forEach((listener) => listener(open)),
    read(state: ScaleState) {
      current = { state, grams: null };
      events.emit({ type: 'scale.reading', reading: current });
    },
  };
}

describe('the weight check', () => {
  it('calls nobody for a fault shorter than its grace, or for motion and an empty scale however long', () => {
    const scale = setUp();
    scale.weighing(true);
    scale.read('over-capacity');
    vi.advanceTimersByTime(WEIGHT_CHECK_AFTER_MS - 1);
    scale.read('motion');
    vi.advanceTimersByTime(60_000);
    scale.read('zero');
    vi.advanceTimersByTime(60_000);
    expect(scale.checks).toEqual([]);
  });

  it('calls once the fault has lasted, re-words the call when it changes, and closes it on recovery', () => {
    const scale = setUp();
    scale.weighing(true);
    scale.read('not-answering');
    vi.advanceTimersByTime(WEIGHT_CHECK_AFTER_MS);
    expect(scale.checks).toEqual(['not-answering']);
    scale.read('disconnected');
    expect(scale.checks).toEqual(['not-answering', 'disconnected']);
    scale.read('motion');
    expect(scale.checks).toEqual(['not-answering', 'disconnected', null]);
  });

  it('judges the scale as the weighing opens, ignores faults with nobody weighing, and closes when it ends', () => {
    const scale = setUp();
    scale.read('disconnected'); // nobody is weighing: the scanner-fault call is enough
    vi.advanceTimersByTime(60_000);
    expect(scale.checks).toEqual([]);
    scale.weighing(true); // a shopper opens the weighing on a scale already unplugged
    vi.advanceTimersByTime(WEIGHT_CHECK_AFTER_MS);
    expect(scale.checks).toEqual(['disconnected']);
    scale.weighing(false);
    expect(scale.checks).toEqual(['disconnected', null]);
    scale.stop();
    scale.weighing(true);
    vi.advanceTimersByTime(60_000);
    expect(scale.checks).toEqual(['disconnected', null]);
  });
});
