// What `npm start` does about Electron: open it, download it first, or go straight to browser mode.
// A download that failed is remembered in a marker file, so later starts neither try again (a minute of
// waiting and a stack trace, every time, on a machine that cannot reach GitHub) nor stay silent about it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Inside node_modules: a fresh `npm install` forgets it and tries the download again. */
export const MARKER = 'node_modules/.cache/openlane/electron-unavailable.json';

/** The flag that tries the download again. */
export const RETRY_FLAG = '--electron';

/**
 * The decision. `marker` is what readMarker found (or null); `retry` is whether RETRY_FLAG was given.
 * @param {{ binaryPresent: boolean, marker: { date: string, reason: string } | null, retry: boolean }} state
 * @returns {{ action: 'electron' } | { action: 'download' } | { action: 'browser', note: string }}
 */
export function electronChoice({ binaryPresent, marker, retry }) {
  if (binaryPresent) return { action: 'electron' };
  if (marker && !retry)
    return {
      action: 'browser',
      note:
        `openlane start: browser mode (Electron could not be downloaded on ${marker.date}: ${marker.reason}). ` +
        `To try again: npm start -- ${RETRY_FLAG}`,
    };
  return { action: 'download' };
}

/** The one sentence said when a download has just failed; later starts say only the note above. */
export function downloadFailedMessage(reason) {
  return (
    `openlane start: Electron's binary could not be downloaded (${reason}).\n` +
    'Starting in browser mode instead. Later starts go straight to browser mode without trying again;\n' +
    `to try the download again: npm start -- ${RETRY_FLAG}`
  );
}

/** The marker, or null when there is none (or it cannot be read: then the download is simply tried). */
export function readMarker(root) {
  try {
    const marker = JSON.parse(readFileSync(join(root, MARKER), 'utf8'));
    return typeof marker?.date === 'string' && typeof marker?.reason === 'string' ? marker : null;
  } catch {
    return null;
  }
}

export function writeMarker(root, reason, now = new Date()) {
  const path = join(root, MARKER);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ date: now.toISOString().slice(0, 10), reason }) + '\n');
}

export function clearMarker(root) {
  if (existsSync(join(root, MARKER))) rmSync(join(root, MARKER));
}

/** Why the installer failed, in one line, from everything it printed (a stack trace, mostly). */
export function downloadFailure(output) {
  const lines = String(output)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '));
  const reason =
    lines.find((line) => /\b(E[A-Z]{3,}|status code \d+|timed? ?out|certificate)/i.test(line)) ??
    lines.find((line) => /error/i.test(line)) ??
    lines.at(-1);
  const text = (reason ?? 'the installer failed without saying why')
    .replace(/^(\w*Error:\s*)+/, '')
    .slice(0, 160);
  // Node's fetch names no cause: it is the connection to GitHub, where @electron/get downloads from.
  return text === 'fetch failed'
    ? 'fetch failed: GitHub, where Electron comes from, could not be reached'
    : text;
}
