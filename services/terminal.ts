// The terminal backend: opens the store, starts scanners and the payment provider, and exposes
// the TerminalApi handler map and the event stream. Both transports (Electron IPC, browser mode) carry this.
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { seedDemoStoreIfEmpty } from '../db/catalog';
import { createScannerPool } from '../native/scanner/scanner-pool';
import type { ScannerEvent } from '../native/scanner/serial-scanner';
import type { ScannerStatus, TerminalApi, TerminalEvent } from './api/contract';
import { addScan, basketHandlers, shownScan } from './checkout/basket-handlers';
import { createCheckoutContext } from './checkout/context';
import { createPaymentFlow } from './checkout/payment-flow';
import { createEventHub } from './events';
import { startPaymentSimulator } from './payments/simulator-server';
import { createSimulatorProvider } from './payments/simulator-provider';
import type { Settings } from './settings';
import { openTerminalStore } from './store';

export interface ScannerConfig {
  path: string;
  baudRate: number;
}

export interface TerminalOptions {
  /** Holds openlane.db and settings.json. */
  dataDir: string;
  scanners?: ScannerConfig[];
  /** Electron passes the path of its own Electron-ABI build of better-sqlite3. */
  sqliteNativeBinding?: string;
  /** Address the built-in payment simulator listens on (the web host's, so a phone can reach it). */
  listenHost?: string;
}

export interface Terminal {
  api: TerminalApi;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  close(): Promise<void>;
}

/** Starts a terminal on a data directory; the built-in demo store is loaded when the catalog is empty. */
export async function startTerminal(options: TerminalOptions): Promise<Terminal> {
  const { db, settings } = openTerminalStore(options.dataDir, { nativeBinding: options.sqliteNativeBinding });
  seedDemoStoreIfEmpty(db);
  const events = createEventHub();
  const ctx = createCheckoutContext(db, settings, events);

  const payments = await startPayments(settings, {
    host: options.listenHost ?? '127.0.0.1',
    stateFile: join(options.dataDir, 'payment-simulator.json'),
  });
  const paymentFlow = createPaymentFlow(ctx, payments.provider, 'simulator');

  const scannerStatus = new Map<string, ScannerStatus>();
  const onScannerEvent = (event: ScannerEvent) => {
    if (event.type === 'scan') {
      const result = addScan(ctx, event.text, 'serial');
      if (!result.ok)
        events.emit({
          type: 'scan.rejected',
          code: shownScan(ctx, event.text),
          source: 'serial',
          error: result.error,
        });
    } else if (event.type === 'garbage') {
      events.emit({
        type: 'scan.rejected',
        code: '',
        source: 'serial',
        error: { code: 'garbled_scan', message: `The scanner sent unreadable data (${event.reason})` },
      });
    } else {
      const config = scannerList.find((s) => s.id === event.scannerId);
      const status: ScannerStatus = {
        id: event.scannerId,
        path: config?.path ?? event.scannerId,
        baudRate: config?.baudRate ?? 0,
        connected: event.connected,
        lastError: event.error,
      };
      scannerStatus.set(status.id, status);
      events.emit({ type: 'scanner.status', scanner: status });
    }
  };
  const scannerList = (options.scanners ?? []).map((s, i) => ({ id: `scanner-${i + 1}`, ...s }));
  for (const s of scannerList) {
    scannerStatus.set(s.id, { ...s, connected: false, lastError: null });
  }
  const affixes = { prefix: settings.scanner.prefix, suffix: settings.scanner.suffix };
  const scanners = createScannerPool(
    scannerList.map((s) => ({ ...s, ...affixes })),
    onScannerEvent,
  );
  scanners.start();

  paymentFlow.recover();

  return {
    api: {
      ...basketHandlers(ctx, () => [...scannerStatus.values()]),
      ...paymentFlow.handlers,
    },
    subscribe: events.subscribe,
    async close() {
      paymentFlow.close();
      await scanners.stop();
      await payments.close();
      db.close();
    },
  };
}

/** The payment provider: an external simulator if configured, else the built-in one started here. */
async function startPayments(settings: Settings, where: { host: string; stateFile: string }) {
  if (settings.payment.url) {
    return { provider: createSimulatorProvider({ baseUrl: settings.payment.url }), close: async () => {} };
  }
  const simulator = await startPaymentSimulator({
    port: settings.payment.port,
    host: where.host,
    publicHost: lanAddress(where.host),
    stateFile: where.stateFile,
    merchantName: settings.storeName,
  });
  return { provider: createSimulatorProvider({ baseUrl: simulator.url }), close: simulator.close };
}

/** Bound to every interface (0.0.0.0), the QR code must carry the terminal's LAN address for a phone. */
function lanAddress(host: string): string | undefined {
  if (host !== '0.0.0.0' && host !== '::') return undefined;
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}
