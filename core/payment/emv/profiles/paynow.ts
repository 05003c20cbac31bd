/**
 * PayNow (Singapore, ABS; carried in SGQR): GUI SG.PAYNOW in a merchant account template, with the
 * proxy type (01), proxy value (02), whether the payer may edit the amount (03) and an expiry (04).
 */
import { guiOf, valueAt, withValue } from '../lookup';
import type { EmvDataObject, EmvTemplate } from '../types';
import { accountsWithGui, collector, defined, expectCountryAndCurrency, isDate } from './helpers';
import type { EmvProfile, ProfileCheck } from './types';

const GUI = 'SG.PAYNOW';
const PROXY_TYPES: Record<string, { type: string; pattern: RegExp; rule: string }> = {
  '0': { type: 'mobile', pattern: /^\+65[0-9]{8}$/, rule: '+65 and 8 digits' },
  // A UEN is 9 or 10 characters; PayNow lets a business add a short suffix to tell its accounts apart.
  '2': { type: 'uen', pattern: /^[0-9A-Z]{9,13}$/, rule: 'a UEN: 9–13 capital letters and digits' },
};

function check(account: EmvTemplate, objects: readonly EmvDataObject[]): ProfileCheck {
  const { deviations, add } = collector('paynow');
  const at = (id: string) => valueAt(account.children, id);
  const path = (id: string) => `${account.id}.${id}`;
  const proxyType = at('01');
  const kind = proxyType === undefined ? undefined : PROXY_TYPES[proxyType];
  if (!kind)
    add(
      'proxy_type',
      path('01'),
      `PayNow proxy type is 0 (mobile) or 2 (UEN), not ${JSON.stringify(proxyType ?? null)}`,
    );
  const proxy = at('02');
  if (proxy === undefined) add('proxy', path('02'), 'a PayNow code names its proxy in 02');
  else if (kind && !kind.pattern.test(proxy))
    add('proxy', path('02'), `PayNow ${kind.type} "${proxy}" must be ${kind.rule}`);
  const editable = at('03');
  if (editable !== undefined && editable !== '0' && editable !== '1') {
    add('editable', path('03'), `"amount editable" is 1 (yes) or 0 (no), not "${editable}"`);
  }
  if (editable === '0' && valueAt(objects, '54') === undefined) {
    add('editable', path('03'), 'the amount is not editable (03 = 0) but the code carries none (54)');
  }
  const expiry = at('04');
  if (expiry !== undefined && !isDate(expiry))
    add('expiry', path('04'), `expiry "${expiry}" is not a date YYYYMMDD`);
  expectCountryAndCurrency(objects, 'PayNow', 'SG', '702', add);
  const details = defined({
    gui: guiOf(account),
    proxyType: kind?.type ?? proxyType,
    proxy,
    amountEditable: editable === undefined ? undefined : editable === '1' ? 'yes' : 'no',
    expiry:
      expiry && isDate(expiry) ? `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6)}` : expiry,
  });
  return { report: { id: 'paynow', name: payNow.name, accountId: account.id, details }, deviations };
}

export const payNow: EmvProfile = {
  id: 'paynow',
  name: 'PayNow (Singapore)',
  checks: [
    'GUI SG.PAYNOW (any case) in a merchant account template',
    'proxy type 01 is 0 (mobile, +65 and 8 digits) or 2 (UEN, 9–13 capitals and digits) and matches proxy 02',
    'amount editable 03 is 0 or 1, and 0 only with an amount in 54',
    'expiry 04 is a real date YYYYMMDD',
    'country SG and currency 702',
  ],
  referenceField: '01',
  accounts: (objects) => accountsWithGui(objects, [GUI]),
  check,
  // The till fixes the amount, so the payer must not be able to change it.
  toDynamic(objects) {
    let out = [...objects];
    for (const account of accountsWithGui(objects, [GUI])) out = withValue(out, `${account.id}.03`, '0');
    return out;
  },
};
