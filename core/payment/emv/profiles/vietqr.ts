/**
 * VietQR (Vietnam, NAPAS): GUI A000000727 in template 38, whose 01 is itself a template with the
 * beneficiary bank's BIN (00) and the account or card number (01); 02 is the service code.
 */
import { guiOf, valueAt } from '../lookup';
import { parseTree } from '../tree';
import type { EmvDataObject, EmvTemplate } from '../types';
import { accountsWithGui, collector, defined, expectCountryAndCurrency } from './helpers';
import type { EmvProfile, ProfileCheck } from './types';

const GUI = 'A000000727';
const SERVICES: Record<string, string> = { QRIBFTTA: 'account', QRIBFTTC: 'card', QRPUSH: 'merchant' };

function check(account: EmvTemplate, objects: readonly EmvDataObject[]): ProfileCheck {
  const { deviations, add } = collector('vietqr');
  const id = account.id;
  if (id !== '38') add('template_id', id, `VietQR belongs in 38; this code carries it in ${id}`);
  const beneficiary = valueAt(account.children, '01');
  // 38.01 nests one level deeper than EMVCo's templates; it stays a primitive and is read here.
  const nested = beneficiary === undefined ? undefined : parseTree(beneficiary, 'account', `${id}.01`);
  const inner = nested?.ok ? nested.objects : [];
  if (!nested?.ok)
    add('beneficiary', `${id}.01`, `${id}.01 must hold the bank BIN (00) and the account number (01)`);
  const bin = valueAt(inner, '00');
  const number = valueAt(inner, '01');
  if (nested?.ok && (bin === undefined || !/^[0-9]{6}$/.test(bin))) {
    add('bin', `${id}.01.00`, 'the beneficiary bank BIN is 6 digits');
  }
  if (nested?.ok && (number === undefined || !/^[0-9A-Za-z]{1,19}$/.test(number))) {
    add('account', `${id}.01.01`, 'the account or card number is 1–19 letters and digits');
  }
  const service = valueAt(account.children, '02');
  if (service !== undefined && !SERVICES[service]) {
    add(
      'service',
      `${id}.02`,
      `service code "${service}" is not QRIBFTTA (to account), QRIBFTTC (to card) or QRPUSH`,
    );
  }
  expectCountryAndCurrency(objects, 'VietQR', 'VN', '704', add);
  const details = defined({
    gui: guiOf(account),
    bin,
    accountNumber: number,
    service: service === undefined ? undefined : (SERVICES[service] ?? service),
  });
  return { report: { id: 'vietqr', name: vietQr.name, accountId: id, details }, deviations };
}

export const vietQr: EmvProfile = {
  id: 'vietqr',
  name: 'VietQR (Vietnam, NAPAS)',
  checks: [
    'GUI A000000727 in template 38',
    '38.01 is a nested template: 6-digit bank BIN (00) and a 1–19 character account or card number (01)',
    'service code 38.02 is QRIBFTTA (to account), QRIBFTTC (to card) or QRPUSH (merchant)',
    'country VN and currency 704 (whole dong: the generic amount rule allows no decimals)',
  ],
  // Banking apps show 62.08 as the transfer's message, which is where a shop finds its reference.
  referenceField: '08',
  accounts: (objects) => accountsWithGui(objects, [GUI]),
  check,
};
