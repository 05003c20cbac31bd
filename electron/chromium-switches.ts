// The switches the shell gives its Chromium before it starts (main.ts), kept apart from main.ts so the
// counter bench (test/bench/counter.ts) launches its Chromium exactly as the shell runs it.
//
// DeferRendererTasksAfterInput: since about Chromium 118, after a key press the page's other tasks —
// the terminal's answer arriving on its socket among them — wait until the frame after the key is
// painted. At the counter that held every scan's answer about 10 ms behind its own Enter, and the new
// line a frame later again: measured code-to-line p50 23 ms with it, 13 ms without (docs/benchmarks.md).
// A till's screen must show what the terminal answers as soon as it arrives.
export const TILL_CHROMIUM_SWITCHES: readonly (readonly [name: string, value: string])[] = [
  ['disable-features', 'DeferRendererTasksAfterInput'],
];

/** The same switches as command-line arguments (`--disable-features=…`), for a Chromium launched by hand. */
export function tillChromiumArgs(): string[] {
  return TILL_CHROMIUM_SWITCHES.map(([name, value]) => `--${name}=${value}`);
}
