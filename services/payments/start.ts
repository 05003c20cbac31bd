// Choosing and starting the terminal's payment provider. A store that configured WeChat Pay pays
// through it or does not start: a missing key, a bad setting, never a quiet fall back to the simulator
// (which would take "payments" nobody receives). The simulator — the built-in one, or one at
// `payment.url` — means the terminal is in training mode: its sales are marked and never count.
import { SettingsError, type Settings } from '../settings';
import { isLoopbackHost, lanAddress } from '../web/addresses';
import type { PaymentProvider } from './provider';
import { createSimulatorProvider } from './simulator/provider';
import { startPaymentSimulator } from './simulator/server';
import { createWechatPayProvider } from './wechatpay/adapter';
import { loadWechatPayCredentials } from './wechatpay/keys';

export interface PaymentsWhere {
  /** The address the built-in simulator listens on (the web host's, so a phone can reach the pay page). */
  host: string;
  stateFile: string;
  dataDir: string;
  /** The simulator may listen off loopback, where anyone on the network can approve its payments. */
  demo?: boolean;
  /** Only for tests: the built-in simulator with its fault injection (/api/faults) on. */
  testFaults?: boolean;
}

export interface StartedPayments {
  provider: PaymentProvider;
  /** Payments are simulated: the terminal is in training mode. */
  training: boolean;
  close(): Promise<void>;
}

/** Refused: the simulator asked to listen where the network can reach it, without --demo. */
export class DemoRequiredError extends SettingsError {}

/**
 * The payment provider: WeChat Pay with the store's keys (read now, so a missing key file stops the
 * start with a SettingsError), an external simulator if configured, else the built-in one started here.
 */
export async function startPayments(settings: Settings, where: PaymentsWhere): Promise<StartedPayments> {
  const payment = settings.payment;
  if (payment.provider === 'wechatpay') {
    const credentials = loadWechatPayCredentials(payment, where.dataDir);
    const provider = createWechatPayProvider({
      ...credentials,
      baseUrl: payment.baseUrl,
      notifyUrl: payment.notifyUrl,
      storeId: settings.storeId,
      deviceId: settings.terminalId,
    });
    return { provider, training: false, close: async () => {} };
  }
  if (payment.url) {
    const provider = createSimulatorProvider({ baseUrl: payment.url });
    return { provider, training: true, close: async () => {} };
  }
  if (!isLoopbackHost(where.host)) {
    if (!where.demo)
      throw new DemoRequiredError(
        `the payment simulator would listen on ${where.host}, where anyone on the network could approve ` +
          'payments. For a demo with phones on this network add --demo; for a real store set a payment ' +
          'provider in settings.json (payment.provider "wechatpay"); else serve on 127.0.0.1.',
      );
    console.warn(
      `openlane: WARNING — demo mode: the payment simulator listens on ${where.host}. Anyone on this ` +
        'network can approve or decline its payments. Payments are simulated; sales are training sales.',
    );
  }
  const simulator = await startPaymentSimulator({
    port: payment.port,
    host: where.host,
    publicHost: lanAddress(where.host),
    stateFile: where.stateFile,
    merchantName: settings.storeName,
    ...(where.testFaults ? { testFaults: [] } : {}),
  });
  return {
    provider: createSimulatorProvider({ baseUrl: simulator.url }),
    training: true,
    close: simulator.close,
  };
}
