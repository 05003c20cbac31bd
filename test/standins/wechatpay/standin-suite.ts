// One WeChat Pay stand-in for a test file: started before its tests, its faults cleared after each,
// closed after all; and the adapter a terminal configured for it would have.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createWechatPayProvider } from '../../../services/payments/wechatpay/adapter';
import type { PaymentProvider } from '../../../services/payments/provider';
import { startStandinWithMerchant, type StandinWithMerchant } from './standin-merchant';

type Overrides = Parameters<StandinWithMerchant['providerOptions']>[0];

export function standinForTests(): {
  readonly standin: StandinWithMerchant['standin'];
  provider(overrides?: Overrides): PaymentProvider;
} {
  let env: StandinWithMerchant;
  beforeAll(async () => {
    env = await startStandinWithMerchant();
  });
  afterAll(() => env.standin.close());
  afterEach(() => {
    for (const key of Object.keys(env.standin.faults))
      delete env.standin.faults[key as keyof typeof env.standin.faults];
  });
  return {
    get standin() {
      return env.standin;
    },
    provider: (overrides = {}) => createWechatPayProvider(env.providerOptions(overrides)),
  };
}

let counter = 0;
/** A fresh 32-character reference, as db/payments makes them. */
export const freshReference = (prefix = 'OL') =>
  `${prefix}${Date.now().toString(16)}${String(++counter).padStart(6, '0')}`.padEnd(32, '0');
