// Several serial scanners on one terminal (hand-held + fixed presentation scanner), one listener.
import { SerialScanner } from './serial-scanner';
import type { ScannerListener, ScannerStatus, SerialScannerOptions } from './serial-scanner';

/** A scanner to open; `id` defaults to the device path (paths are unique on a machine). */
export type ScannerPoolEntry = Omit<SerialScannerOptions, 'id'> & { id?: string };

export interface ScannerPool {
  readonly scanners: readonly SerialScanner[];
  start(): void;
  stop(): Promise<void>;
  statuses(): ScannerStatus[];
}

/** Throws on duplicate ids or paths: two readers on one port would each get half the bytes. */
export function createScannerPool(
  entries: readonly ScannerPoolEntry[],
  listener: ScannerListener,
): ScannerPool {
  const seenIds = new Set<string>();
  const seenPaths = new Set<string>();
  const scanners = entries.map((entry) => {
    const id = entry.id ?? entry.path;
    if (seenIds.has(id)) throw new Error(`scanner id "${id}" is used twice`);
    if (seenPaths.has(entry.path)) throw new Error(`scanner path "${entry.path}" is listed twice`);
    seenIds.add(id);
    seenPaths.add(entry.path);
    return new SerialScanner({ ...entry, id }, listener);
  });
  return {
    scanners,
    start() {
      for (const scanner of scanners) scanner.start();
    },
    async stop() {
      await Promise.all(scanners.map((scanner) => scanner.stop()));
    },
    statuses: () => scanners.map((scanner) => scanner.status()),
  };
}
