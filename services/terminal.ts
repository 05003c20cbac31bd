// The terminal backend: opens the store, starts scanners and the payment provider, and exposes
// the TerminalApi handler map and the event stream. Both transports (Electron IPC, browser mode) carry this.
import { startRefunds } from './refund/refund-handlers';
import { stockHandlers } from './stock/handlers';
import type { Clock } from './clock';
import { receiptLabelPrinter, serialLabelPrinter } from './labels/printers';
import { workMode } from './stock/work-mode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoStoreIfEmpty } from '../db/catalog';
import { setTrainingMode } from '../db/sales';
import { createScannerPool } from '../native/scanner/scanner-pool';
import type { ScannerEvent } from '../native/scanner/serial-scanner';
import type { Database } from '../db/open';
import type { ApiResult, ScannerStatus, SyncView, TerminalApi, TerminalEvent } from './api/contract';
import { ageCheckHandlers } from './checkout/age-check-handlers';
import { addScan, basketHandlers, sessionView, showBasketAgain, shownScan } from './checkout/basket-handlers';
import { counterPriceHandlers } from './counter-price/price-handlers';
import { produceHandlers } from './checkout/produce';
import { createCheckoutContext } from './checkout/context';
import { createPaymentFlow } from './checkout/payment-flow';
import { counterDuty } from './counter/duty';
import { requireSignIn, scanWhileSignedOut } from './counter/sign-in-guard';
import { createTenderFlow } from './counter/tender/tender-flow';
import { createEventHub, type EventHub } from './events';
import { startTerminalPrinting } from './receipts/terminal-printing';
import { startCounterShift, type CounterShift } from './shift/shift-handlers';
import { startPayments } from './payments/start';
import { scannerLogLine, scannerProblem } from './scanner-status';
import { scaleHandlers } from './scale/scale-handlers';
import { createTerminalScale } from './scale/terminal-scale';
import { applySettingsChange, watchDataDir } from './live-config';
import { startLaneLink, type LaneLink, type LaneLinkHandlers } from './lanes';
import { checkoutAgeChecks } from './lanes/age-checks';
import { followHqStoreName, storeLinkSync } from './lanes/hq-link';
import { checkoutLotChecks } from './lanes/lot-checks';
import { openTerminalStore } from './store';
import { counterHandover, HANDOVER_PATH, kioskHandover, parseHandoverCode } from './counter-tools/handover';
import { searchHandlers } from './counter-tools/search';
import { suspendHandlers } from './counter-tools/suspend';
import type { DeliveryDesk } from './stock/receiving/desk';
import {
  createHqClient,
  createHqDeliveryDesk,
  credentialsPath,
  loadCredentials,
  refundDeskFollower,
  startSync,
  syncStatus,
  type HqCredentials,
  type SyncLoopOptions,
} from './sync';

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
  /** `openlane serve --demo`: the built-in simulator may listen off loopback (anyone there can approve). */
  demo?: boolean;
  /** Only for tests: the built-in simulator with fault injection on (/api/faults). */
  simulatorTestFaults?: boolean;
  /** Background sync with HQ (only for an enrolled terminal): between syncs and first retry, in ms. */
  sync?: { intervalMs?: number; backoffMs?: number; maxBackoffMs?: number };
  /** "Now" for pricing (which dated price is in force); the system clock by default (services/clock.ts). */
  clock?: Clock;
}

export interface Terminal {
  api: TerminalApi;
  /** Where the lane link listens (services/lanes), or null when it is off. */
  laneLinkPort: number | null;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * Starts a terminal on a data directory. A terminal on its own gets the built-in demo store when its
 * catalog is empty; an enrolled one waits for HQ's catalog instead.
 */
export async function startTerminal(options: TerminalOptions): Promise<Terminal> {
  const store = openTerminalStore(options.dataDir, { nativeBinding: options.sqliteNativeBinding });
  const db = store.db;
  // This run's own copy: `openlane staff add` changes its attendants while it runs (services/live-config.ts).
  const settings = { ...store.settings };
  if (!existsSync(credentialsPath(options.dataDir))) seedDemoStoreIfEmpty(db);
  const events = createEventHub();
  // The lane link's store key and lanes from HQ, refreshed on every sync (settings.json's key wins).
  const storeLink = storeLinkSync(options.dataDir, settings);
  const unfollowStoreName = followHqStoreName(storeLink.keys, settings, (view) =>
    events.emit({ type: 'settings.changed', settings: view }),
  );
  // Recalls that arrive reach the basket on screen at once (services/checkout/basket-recalls.ts).
  let recallsArrived = () => {};
  const hq = startHqSync(
    db,
    { ...options, afterSync: storeLink.afterSync, onRecalls: () => recallsArrived() },
    settings.currency,
    events,
  );
  const ctx = createCheckoutContext(db, settings, withSyncView(events, hq), options.clock);
  recallsArrived = () => showBasketAgain(ctx);
  // Refunds ask HQ through the enrolment's refund desk (issue 12); null while not enrolled.
  hq.serveRefunds(ctx.refundDesk);
  // Receiving claims its delivery notes at HQ through the enrolment's delivery desk (issue 13).
  ctx.deliveryDesk = hq.deliveryDesk;
  const handover = counterHandover(ctx, storeLink.keys);

  const payments = await startPayments(settings, {
    host: options.listenHost ?? '127.0.0.1',
    stateFile: join(options.dataDir, 'payment-simulator.json'),
    dataDir: options.dataDir,
    demo: options.demo,
    testFaults: options.simulatorTestFaults,
  }).catch(async (error: unknown) => {
    // A terminal that cannot start must not leave the sync loop running on its database.
    await hq.stop();
    db.close();
    throw error;
  });
  setTrainingMode(db, payments.training);
  const paymentFlow = createPaymentFlow(ctx, payments.provider, payments.provider.name);
  // The counter's tenders (services/counter/tender); at a counter a scanned wallet code tenders what is due.
  const tenders = createTenderFlow(ctx, paymentFlow.supervisor, payments.provider);
  // A wallet code at a counter tenders what is due; at a kiosk it pays the basket. Nobody signed in at a
  // counter never gets here: requireSignIn refuses basket.addScan and scale.add, scanWhileSignedOut the
  // serial scans (and the tender refuses a cashier-less code anyway: tender-flow.ts dueBasket).
  const payByCode: typeof paymentFlow.payByCode = (wallet) =>
    settings.role === 'counter' ? tenders.payByCode(wallet) : paymentFlow.payByCode(wallet);

  const scannerStatus = new Map<string, ScannerStatus>();
  // A stock terminal, or a counter switched to stock work: its serial scans go to the stock screen.
  const work = workMode(ctx);
  // Started last (it needs the API); a lane the attendant paused or closed takes no scans meanwhile.
  let lanes: LaneLink | null = null;
  const onScannerEvent = (event: ScannerEvent) => {
    const blocked = event.type === 'scan' ? lanes?.blocked() : null;
    // A counter with nobody signed in sells nothing, from any scanner; a badge goes to its sign-in.
    const unsigned = event.type === 'scan' ? scanWhileSignedOut(ctx, event.text) : null;
    if (blocked) {
      events.emit({ type: 'scan.rejected', code: '', source: 'serial', error: blocked.error });
    } else if (unsigned && 'badge' in unsigned) {
      events.emit({ type: 'staff.badge', badge: unsigned.badge });
    } else if (unsigned) {
      events.emit({ type: 'scan.rejected', code: '', source: 'serial', error: unsigned.error });
    } else if (event.type === 'scan' && work.stockWork()) {
      events.emit({ type: 'stock.scanned', code: shownScan(ctx, event.text.trim()), source: 'serial' });
    } else if (
      event.type === 'scan' &&
      settings.role === 'counter' &&
      parseHandoverCode(event.text)?.laneId
    ) {
      // A kiosk's handover QR read by the counter's scanner: take that basket (over the lane link).
      void handover['handover.claim']({ code: event.text }).then((result) => {
        if (!result.ok)
          events.emit({ type: 'scan.rejected', code: event.text, source: 'serial', error: result.error });
      });
    } else if (event.type === 'scan') {
      const result = addScan(ctx, event.text, 'serial', payByCode);
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
        problem: event.connected ? null : scannerProblem(event.error),
      };
      scannerStatus.set(status.id, status);
      // A wrong --scanner path printed nothing: store IT reads the reason here (and in the kiosk's Help).
      const line = scannerLogLine(status);
      if (line !== null) (status.connected ? console.log : console.error)(`openlane: ${line}`);
      events.emit({ type: 'scanner.status', scanner: status });
    }
  };
  const scannerList = (options.scanners ?? []).map((s, i) => ({ id: `scanner-${i + 1}`, ...s }));
  // The scale shares its scanner's line: the scanner-scale's port is opened as a scanner if no --scanner names it.
  const scale = settings.scale ? createTerminalScale(settings.scale, events) : null;
  const scalePort = scale?.scannerPort(scannerList);
  if (scalePort) scannerList.push({ id: 'scanner-scale', ...scalePort });
  for (const s of scannerList) {
    scannerStatus.set(s.id, { ...s, connected: false, lastError: null, problem: null });
  }
  const affixes = { prefix: settings.scanner.prefix, suffix: settings.scanner.suffix };
  const scanners = createScannerPool(
    scannerList.map((s) => ({ ...s, ...affixes, ...scale?.lineFor(s.path) })),
    onScannerEvent,
  );
  scale?.attach(scanners.scanners);
  scanners.start();

  // Before recovery, so a sale that a restarted terminal finds paid prints too.
  // The drawer reads the printer's status replies (services/shift/printer-drawer.ts).
  let counterShift: CounterShift | null = null;
  const printing = startTerminalPrinting(db, settings.printer, events, {
    onData: (chunk) => counterShift?.onPrinterData(chunk),
  });
  // The counter's shift; with a printer, its drawer replaces NO_DRAWER and kicks through the printer.
  const shift = startCounterShift(ctx, settings.printer, printing.send);
  counterShift = shift;
  // Shelf labels (services/labels): on the receipt printer through its queue, and on a ZPL label printer.
  if (settings.printer) ctx.labelPrinters.receipt = receiptLabelPrinter(settings.printer, printing.send);
  const labelPrinter = settings.labelPrinter ? serialLabelPrinter(settings.labelPrinter) : null;
  if (labelPrinter) ctx.labelPrinters.label = labelPrinter;
  paymentFlow.recover();
  tenders.recover();
  // Refunds (services/refund): a refund a restart left with a provider is followed to its end.
  const refunds = startRefunds(ctx, payments.provider, settings.printer, printing.send);
  refunds.recover();

  const unwatch = watchDataDir(options.dataDir, {
    'settings.json': () => applySettingsChange(options.dataDir, settings),
    'hq.json': () => void hq.reload(),
    'hq-store.json': () => storeLink.keys.reload(),
  });

  const basket = basketHandlers(ctx, () => [...scannerStatus.values()], payByCode);
  const session = () => sessionView(ctx, [...scannerStatus.values()]);
  const kioskSide = kioskHandover(ctx, session, () => lanes?.port != null);
  const weighing = scaleHandlers(ctx, scale, basket['basket.addScan']);
  const withSync = <T extends object>(result: ApiResult<T>) =>
    result.ok ? { ok: true as const, value: { ...result.value, sync: hq.view() } } : result;
  const api: Omit<TerminalApi, keyof LaneLinkHandlers> = {
    ...basket,
    'session.get': async (input) => withSync(await basket['session.get'](input)),
    'basket.cancel': async (input) => withSync(await basket['basket.cancel'](input)),
    'sale.finish': async (input) => withSync(await basket['sale.finish'](input)),
    'session.setLanguage': async (input) => {
      const result = withSync(await basket['session.setLanguage'](input));
      // Every screen of the sale follows the shopper's language: the customer display too.
      if (result.ok) events.emit({ type: 'session.reset', session: result.value });
      return result;
    },
    ...produceHandlers(ctx),
    ...paymentFlow.handlers,
    ...hq.handlers,
    ...printing.handlers,
    ...weighing,
    ...ageCheckHandlers(ctx),
    ...counterDuty(ctx, {
      resetSession: () => {
        void basket['session.get']({}).then((view) => {
          if (view.ok) ctx.events.emit({ type: 'session.reset', session: view.value });
        });
      },
    }),
    ...tenders.handlers,
    ...shift.handlers,
    ...counterPriceHandlers(ctx, () => ({
      ...sessionView(ctx, [...scannerStatus.values()]),
      sync: hq.view(),
    })),
    ...suspendHandlers(ctx, session),
    ...searchHandlers(ctx),
    ...refunds.handlers,
    // Stock work (services/stock): the `stock` role's screens.
    ...stockHandlers(ctx, work),
    ...kioskSide.handlers,
    ...handover,
    // At the counter, a kiosk's handover QR typed or scanned into the code entry takes that basket.
    'basket.addScan': async (input) =>
      settings.role === 'counter' && parseHandoverCode(input.code)?.laneId
        ? handover['handover.claim']({ code: input.code })
        : weighing['basket.addScan'](input),
  };
  const close = async () => {
    await lanes?.close();
    unwatch();
    unfollowStoreName();
    scale?.stopPolling();
    paymentFlow.close();
    tenders.close();
    refunds.close();
    // Before the database closes: a sync running now finishes (or is aborted) first.
    await hq.stop();
    await scanners.stop();
    shift.close();
    await printing.close();
    await labelPrinter?.close();
    await payments.close();
    db.close();
  };
  try {
    lanes = await startLaneLink({
      db,
      settings,
      ageChecks: checkoutAgeChecks(ctx),
      lotChecks: checkoutLotChecks(ctx),
      api: {
        'session.get': basket['session.get'],
        'payment.markPaid': paymentFlow.handlers['payment.markPaid'],
      },
      events,
      keys: storeLink.keys,
      scale,
      laneRoutes: { [HANDOVER_PATH]: kioskSide.route },
    });
  } catch (error) {
    await close();
    throw error;
  }
  const link = lanes;
  return {
    api: requireSignIn(withLaneLink(api, link), ctx),
    // A getter: a link waiting for HQ's store key starts listening after the first sync.
    get laneLinkPort() {
      return link.port;
    },
    subscribe: events.subscribe,
    close,
  };
}

/** The API with the lane link's handlers, and a paused or closed lane refusing scans and payments. */
function withLaneLink(api: Omit<TerminalApi, keyof LaneLinkHandlers>, lanes: LaneLink): TerminalApi {
  return {
    ...api,
    ...lanes.handlers,
    'basket.addScan': async (input) => {
      const blocked = lanes.blocked();
      if (blocked) return blocked;
      const result = await api['basket.addScan'](input);
      if (!result.ok) lanes.scanRefused(input.code, result.error);
      return result;
    },
    'scale.add': async (input) => lanes.blocked() ?? api['scale.add'](input),
    'payment.start': async (input) => lanes.blocked() ?? api['payment.start'](input),
  };
}

/** How often the status is sent again while enrolled, so "2 min ago" and the outbox age stay true. */
const STATUS_REFRESH_MS = 30_000;

/**
 * The background sync with HQ for an enrolled terminal (DATA_DIR/hq.json), its events forwarded to the
 * screen, and the sync.* handlers. A terminal never enrolled sells as ever: its status says so, no loop.
 * `reload()` reads hq.json again: `openlane enrol` beside a running terminal starts (or moves) its sync.
 */
function startHqSync(
  db: Database,
  options: TerminalOptions & Pick<SyncLoopOptions, 'afterSync'> & { onRecalls(): void },
  currency: string,
  events: EventHub,
) {
  let credentials = readCredentials(options.dataDir);
  let loop: ReturnType<typeof startSync> | null = null;
  let refresh: ReturnType<typeof setInterval> | null = null;
  // The refund desk follows the enrolment: made with it, replaced when hq.json names another.
  const refundDesk = refundDeskFollower();
  const deliveryDesk: { current: DeliveryDesk | null } = { current: null };
  const view = (): SyncView => syncStatus(db, credentials ? { serverUrl: credentials.serverUrl } : null);
  const begin = (enrolment: HqCredentials) => {
    credentials = enrolment;
    refundDesk.enrolled(enrolment);
    deliveryDesk.current = createHqDeliveryDesk(enrolment);
    loop = startSync({
      db,
      client: createHqClient(enrolment),
      currency,
      ...options.sync,
      afterSync: options.afterSync,
      onEvent: (event) => {
        if (event.type === 'status') events.emit({ type: 'sync.status', status: event.status });
        else if (event.type === 'synced' && (event.summary.recalls ?? 0) > 0) options.onRecalls();
        else if (event.type === 'progress') {
          const { received, version, targetVersion, done } = event.progress;
          events.emit({ type: 'sync.progress', progress: { received, version, targetVersion, done } });
        }
      },
    });
    refresh ??= setInterval(
      () => db.open && events.emit({ type: 'sync.status', status: view() }),
      STATUS_REFRESH_MS,
    );
    refresh.unref();
  };
  const stop = async () => {
    refundDesk.left();
    deliveryDesk.current = null;
    await loop?.stop();
    loop = null;
  };
  if (credentials) begin(credentials);
  const handlers: Pick<TerminalApi, 'sync.status' | 'sync.now'> = {
    'sync.status': async () => ({ ok: true, value: view() }),
    'sync.now': async () => {
      if (!loop)
        return {
          ok: false,
          error: { code: 'not_enrolled', message: 'This terminal is not connected to HQ: enrol it first' },
        };
      loop.wake();
      return { ok: true, value: view() };
    },
  };
  return {
    view,
    handlers,
    /** Keeps `holder.current` set to the enrolment's refund desk (null while not enrolled). */
    serveRefunds: refundDesk.serve,
    /** The enrolment's delivery desk (null while not enrolled), followed as the refund desk is. */
    deliveryDesk,
    /** A sale to send up: sync now rather than at the next interval (no-op when not enrolled). */
    wake: () => loop?.wake(),
    /** hq.json changed: a new or different enrolment takes over the sync; the same one changes nothing. */
    async reload() {
      const next = readCredentials(options.dataDir);
      if (!next || sameEnrolment(next, credentials)) return;
      await stop();
      if (!db.open) return;
      console.log(`openlane: enrolled with ${next.serverUrl} (device ${next.deviceId}); syncing with HQ now`);
      begin(next);
      events.emit({ type: 'sync.status', status: view() });
    },
    async stop() {
      if (refresh) clearInterval(refresh);
      await stop();
    },
  };
}

function sameEnrolment(a: HqCredentials, b: HqCredentials | null): boolean {
  return b !== null && a.serverUrl === b.serverUrl && a.deviceId === b.deviceId && a.secret === b.secret;
}

/** The enrolment, or null; a damaged hq.json must not stop the till selling, so it is only logged. */
function readCredentials(dataDir: string): HqCredentials | null {
  try {
    return loadCredentials(dataDir);
  } catch (error) {
    console.error(`openlane: not syncing with HQ: ${(error as Error).message}`);
    return null;
  }
}

/** The checkout's events, a reset session carrying the sync status and a finished sale sending it anew. */
function withSyncView(events: EventHub, hq: { view(): SyncView; wake(): void }): EventHub {
  return {
    subscribe: events.subscribe,
    emit(event) {
      if (event.type === 'session.reset') {
        events.emit({ ...event, session: { ...event.session, sync: hq.view() } });
        return;
      }
      events.emit(event);
      // A sale waits in the outbox: the screen shows it at once, and the loop sends it up now.
      if (event.type === 'sale.completed') {
        events.emit({ type: 'sync.status', status: hq.view() });
        hq.wake();
      }
      // A refused recalled item is reported to HQ at once, for the office to see (issue 14).
      if (event.type === 'recall.blocked') hq.wake();
    },
  };
}
