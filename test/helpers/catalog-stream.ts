// A terminal's GET /v1/stream as tests read it: real HTTP (fetch), the catalog versions announced so far.
import { expect } from 'vitest';

export interface CatalogStreamReader {
  /** The versions announced, in order. */
  readonly versions: number[];
  /** The newest version announced, or null before the first. */
  latest(): number | null;
  /** Waits (polling, up to 10 s) for the first announcement and returns it. */
  nextVersion(): Promise<number>;
  close(): Promise<void>;
}

export async function openCatalogStream(base: string, token: string): Promise<CatalogStreamReader> {
  const controller = new AbortController();
  const response = await fetch(`${base}/v1/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const versions: number[] = [];
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
      for (let m = /event: catalog\nid: \d+\ndata: \{"version":(\d+)\}\n\n/.exec(text); m;) {
        versions.push(Number(m[1]));
        text = text.slice(m.index + m[0].length);
        m = /event: catalog\nid: \d+\ndata: \{"version":(\d+)\}\n\n/.exec(text);
      }
    }
  })();
  const latest = () => versions.at(-1) ?? null;
  return {
    versions,
    latest,
    async nextVersion() {
      await expect.poll(() => versions.length).toBeGreaterThan(0);
      return versions[0]!;
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      await reading;
    },
  };
}
