/**
 * How a receipt names a tender in the shopper's language: the wallet they know ("WeChat Pay",
 * "微信支付") rather than our method code. Plain data in core, so the screen and the printer say the
 * same words.
 */

type Words = Readonly<Record<string, string>>;

/** Wallet ids as the store's code patterns name them (core/barcode/code-patterns). */
const WALLETS: Readonly<Record<string, Words>> = {
  en: { wechat: 'WeChat Pay', alipay: 'Alipay', unionpay: 'UnionPay' },
  zh: { wechat: '微信支付', alipay: '支付宝', unionpay: '云闪付' },
};

/** Payment methods and counter tenders by their stored code. */
const METHODS: Readonly<Record<string, Words>> = {
  en: {
    payment_code: 'Payment code',
    qr: 'QR payment',
    cash: 'Cash',
    card: 'Card',
    voucher: 'Voucher',
    store_credit: 'Store credit',
  },
  zh: {
    payment_code: '付款码支付',
    qr: '扫码支付',
    cash: '现金',
    card: '银行卡',
    voucher: '代金券',
    store_credit: '店内余额',
  },
};

/** The word table for a language: Chinese in any script or region reads the zh words, else English. */
function table(tables: Readonly<Record<string, Words>>, language: string): Words {
  return language.toLowerCase().split('-')[0] === 'zh' ? tables.zh! : tables.en!;
}

/**
 * A tender in words: its wallet when there is one, else its method; an unknown code is shown as it is
 * (a new wallet still prints something true).
 */
export function paymentWords(payment: { method: string; wallet?: string }, language: string): string {
  if (payment.wallet) return table(WALLETS, language)[payment.wallet] ?? payment.wallet;
  return table(METHODS, language)[payment.method] ?? payment.method;
}
