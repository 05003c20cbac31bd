import { describe, expect, it } from 'vitest';
import { paymentWords } from './payment-words';

describe('paymentWords', () => {
  it('names a wallet, a method and a counter tender in the shopper’s language', () => {
    expect(paymentWords({ method: 'payment_code', wallet: 'wechat' }, 'en')).toBe('WeChat Pay');
    expect(paymentWords({ method: 'payment_code', wallet: 'wechat' }, 'zh-CN')).toBe('微信支付');
    expect(paymentWords({ method: 'payment_code', wallet: 'alipay' }, 'zh-CN')).toBe('支付宝');
    expect(paymentWords({ method: 'cash' }, 'en')).toBe('Cash');
    expect(paymentWords({ method: 'cash' }, 'zh-CN')).toBe('现金');
    expect(paymentWords({ method: 'card' }, 'zh-Hans-CN')).toBe('银行卡');
    expect(paymentWords({ method: 'qr' }, 'en')).toBe('QR payment');
    expect(paymentWords({ method: 'qr' }, 'fr')).toBe('QR payment');
  });

  it('shows a wallet or method it does not know as it is', () => {
    expect(paymentWords({ method: 'payment_code', wallet: 'paypay' }, 'zh-CN')).toBe('paypay');
    expect(paymentWords({ method: 'barter' }, 'en')).toBe('barter');
  });
});
