// What store IT changes beside a running terminal, applied without a restart: `openlane staff add`
// (settings.json's attendants) and `openlane enrol` (hq.json). Nobody has to know to restart the till.
import { watch } from 'node:fs';
import { loadSettings, type Settings } from './settings';

/** Both CLI commands write beside and rename over: one change is several events, so they are gathered. */
const SETTLE_MS = 100;

/**
 * Calls `files[name]` shortly after DATA_DIR/name is written, renamed over or created; returns the stop.
 * The directory is watched, not the files: a rename replaces the file a watch on it would follow.
 */
export function watchDataDir(dataDir: string, files: Record<string, () => void>): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const watcher = watch(dataDir, (_event, name) => {
    const file = name?.toString();
    const handler = file === undefined ? undefined : files[file];
    if (!file || !handler) return;
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        handler();
      }, SETTLE_MS),
    );
  });
  watcher.on('error', (error) =>
    console.error(`openlane: cannot watch ${dataDir} for changes (${error.message}); restart to apply them`),
  );
  return () => {
    watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

/**
 * settings.json changed under a running terminal: its attendants apply at once (the checkout reads them
 * from `settings` on every badge scan); any other change is named as waiting for a restart. A file that
 * does not load changes nothing, and says why.
 */
export function applySettingsChange(dataDir: string, settings: Settings): void {
  let fresh: Settings;
  try {
    fresh = loadSettings(dataDir);
  } catch (error) {
    console.error(
      `openlane: settings.json changed but cannot be used, so this terminal keeps the settings it has: ${(error as Error).message}`,
    );
    return;
  }
  if (JSON.stringify(fresh.attendants) !== JSON.stringify(settings.attendants)) {
    settings.attendants = fresh.attendants;
    const names = fresh.attendants.map((a) => `${a.id} (${a.name})`).join(', ') || 'none';
    console.log(`openlane: settings.json changed: the attendants are now ${names}`);
  }
  const waiting = (Object.keys(fresh) as (keyof Settings)[]).filter(
    (key) => key !== 'attendants' && JSON.stringify(fresh[key]) !== JSON.stringify(settings[key]),
  );
  if (waiting.length > 0)
    console.log(
      `openlane: settings.json changed ${waiting.join(', ')}: restart the terminal for ${waiting.length === 1 ? 'it' : 'them'} to take effect`,
    );
}
