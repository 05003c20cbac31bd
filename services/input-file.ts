// Files staff hand to the terminal (a catalog, a delivery note): read whole, or a message that says why not.
import { readFileSync } from 'node:fs';

export type InputFile = { ok: true; text: string } | { ok: false; message: string };

export function readInputFile(path: string): InputFile {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, message: `cannot read ${path} (${reason})` };
  }
}
