/**
 * Thai QR / PromptPay (Bank of Thailand): credit transfer, AID A000000677010111 in template 29, to one
 * proxy (mobile, national or tax ID, e-wallet, bank account); bill payment, AID A000000677010112 in 30.
 */
import { guiOf, valueAt } from '../lookup';
import type { EmvDataObject, EmvTemplate } from '../types';
import { accountsWithGui, collector, defined, expectCountryAndCurrency } from './helpers';
import type { EmvProfile, ProfileCheck } from './types';

const CREDIT_TRANSFER = 'A000000677010111';
const BILL_PAYMENT = 'A000000677010112';

type Add = (code: string, path: string, message: string) => void;

// Sub-tag → what it holds and how it is written. Phones drop their leading 0 for the 0066 prefix.
const PROXIES = {
  '01': { type: 'mobile', pattern: /^0066[0-9]{9}$/, rule: '0066 and the 9 digits after the leading 0' },
  '02': { type: 'nationalId', pattern: /^[0-9]{13}$/, rule: '13 digits' },
  '03': { type: 'eWallet', pattern: /^[0-9]{15}$/, rule: '15 digits' },
  '04': { type: 'bankAccount', pattern: /^[0-9]{1,43}$/, rule: 'up to 43 digits' },
} as const;

const REFERENCE = /^[A-Z0-9]{1,20}$/;

function creditTransfer(account: EmvTemplate, add: Add): Record<string, string | undefined> {
  const present = (Object.keys(PROXIES) as (keyof typeof PROXIES)[]).filter(
    (id) => valueAt(account.children, id) !== undefined,
  );
  if (present.length !== 1) {
    add(
      'proxy',
      account.id,
      `a PromptPay credit transfer names one proxy (01–04); this one has ${present.length}`,
    );
  }
  const id = present[0];
  if (!id) return { kind: 'creditTransfer' };
  const proxy = valueAt(account.children, id)!;
  const spec = PROXIES[id];
  if (!spec.pattern.test(proxy))
    add('proxy_format', `${account.id}.${id}`, `"${proxy}" must be ${spec.rule}`);
  // Juristic persons' 13-digit IDs (tax IDs) start with 0; citizens' national IDs never do.
  const type = id === '02' && proxy.startsWith('0') ? 'taxId' : spec.type;
  const phone = id === '01' && spec.pattern.test(proxy) ? `0${proxy.slice(4)}` : undefined;
  return { kind: 'creditTransfer', proxyType: type, proxy, phone };
}

function billPayment(account: EmvTemplate, add: Add): Record<string, string | undefined> {
  const at = (id: string) => valueAt(account.children, id);
  const biller = at('01');
  if (biller === undefined || !/^[0-9]{15}$/.test(biller)) {
    add('biller_id', `${account.id}.01`, 'a PromptPay biller ID is 15 digits (tax ID and a 2-digit suffix)');
  }
  for (const id of ['02', '03']) {
    const reference = at(id);
    if (reference === undefined ? id === '02' : !REFERENCE.test(reference)) {
      add('reference', `${account.id}.${id}`, `reference ${id} must be 1–20 capital letters and digits`);
    }
  }
  return { kind: 'billPayment', billerId: biller, reference1: at('02'), reference2: at('03') };
}

function check(account: EmvTemplate, objects: readonly EmvDataObject[]): ProfileCheck {
  const { deviations, add } = collector('promptpay');
  const credit = guiOf(account)?.toUpperCase() === CREDIT_TRANSFER;
  const expected = credit ? '29' : '30';
  if (account.id !== expected) {
    add('template_id', account.id, `this PromptPay AID belongs in ${expected}; it is in ${account.id}`);
  }
  const read = credit ? creditTransfer(account, add) : billPayment(account, add);
  expectCountryAndCurrency(objects, 'PromptPay', 'TH', '764', add);
  const details = defined({ aid: guiOf(account), ...read });
  return { report: { id: 'promptpay', name: promptPay.name, accountId: account.id, details }, deviations };
}

export const promptPay: EmvProfile = {
  id: 'promptpay',
  name: 'PromptPay (Thailand)',
  checks: [
    'AID A000000677010111 (credit transfer) in template 29, A000000677010112 (bill payment) in 30',
    'a credit transfer names exactly one proxy: 01 mobile (0066 + 9 digits), 02 national/tax ID (13 digits), 03 e-wallet (15 digits), 04 bank account',
    'a bill payment has a 15-digit biller ID (01) and reference 1 (02), optional reference 2 (03), 1–20 capitals and digits',
    'country TH and currency 764',
  ],
  referenceField: '01',
  accounts: (objects) => accountsWithGui(objects, [CREDIT_TRANSFER, BILL_PAYMENT]),
  check,
};
