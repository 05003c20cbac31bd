// Where the Electron-ABI build of better-sqlite3 lives. The copy in node_modules is built for Node's ABI
// (tests, browser mode, the CLI) and Electron cannot load it, so scripts/build-electron-sqlite.mjs makes
// a second build beside it; electron-builder ships that one as an extra resource.
import { join } from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export interface NativeBindingInput {
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.resourcesPath` (the packaged app's resources/ folder). */
  resourcesPath: string;
  /** The repository root in development (where package.json is). */
  appRoot: string;
  exists: (path: string) => boolean;
}

export type NativeBindingResult = { ok: true; path: string } | { ok: false; message: string };

/** The path of the Electron-ABI better_sqlite3.node, or why it cannot be used. */
export function resolveSqliteNativeBinding(input: NativeBindingInput): NativeBindingResult {
  const path = input.isPackaged
    ? join(input.resourcesPath, 'native', NATIVE_BINDING_FILE)
    : join(input.appRoot, '.electron-native', NATIVE_BINDING_FILE);
  if (input.exists(path)) return { ok: true, path };
  const message = input.isPackaged
    ? `The SQLite driver built for Electron is missing from this installation (${path}). Reinstall OpenLane.`
    : `The SQLite driver built for Electron is missing (${path}). Run \`npm run electron:native\` to build it, ` +
      'or use browser mode: `npm run serve`.';
  return { ok: false, message };
}
