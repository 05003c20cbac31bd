/**
 * Pix (Brazil, Banco Central do Brasil "BR Code"): GUI br.gov.bcb.pix in template 26, with either a
 * Pix key (26.01, static) or the PSP's payload URL (26.25, dynamic), and the txid in 62.05.
 */
import { guiOf, valueAt } from '../lookup';
import type { EmvDataObject, EmvTemplate } from '../types';
import { accountsWithGui, collector, defined, expectCountryAndCurrency } from './helpers';
import type { EmvProfile, ProfileCheck } from './types';

const GUI = 'BR.GOV.BCB.PIX';
const EVP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+55[0-9]{10,11}$/;
const TXID = /^[A-Za-z0-9]{1,25}$/;

type KeyType = 'evp' | 'email' | 'phone' | 'cpf' | 'cnpj';

/** The kind of a Pix key (random EVP, e-mail, +55 phone, CPF, CNPJ), or why it is none of them. */
export function pixKeyType(key: string): { type: KeyType } | { problem: string } {
  if (EVP.test(key)) return { type: 'evp' };
  if (key.includes('@')) {
    return EMAIL.test(key) && key.length <= 77 ? { type: 'email' } : { problem: 'is not an e-mail address' };
  }
  if (key.startsWith('+')) {
    return PHONE.test(key)
      ? { type: 'phone' }
      : { problem: 'a phone key is +55, the area code and the number' };
  }
  if (/^[0-9]{11}$/.test(key)) {
    return cpfValid(key)
      ? { type: 'cpf' }
      : { problem: 'has 11 digits like a CPF, but its check digits are wrong' };
  }
  if (/^[0-9]{14}$/.test(key)) {
    return cnpjValid(key)
      ? { type: 'cnpj' }
      : { problem: 'has 14 digits like a CNPJ, but its check digits are wrong' };
  }
  return { problem: 'is not a random key (UUID), an e-mail, a +55 phone number, a CPF or a CNPJ' };
}

/** Mod-11 check digits of a Brazilian CPF (11 digits); a run of one digit is not a CPF. */
export function cpfValid(cpf: string): boolean {
  if (/^(\d)\1{10}$/.test(cpf)) return false;
  const digits = [...cpf].map(Number);
  const check = (n: number) => {
    const sum = digits.slice(0, n).reduce((total, d, i) => total + d * (n + 1 - i), 0);
    return ((sum * 10) % 11) % 10;
  };
  return check(9) === digits[9] && check(10) === digits[10];
}

/** Mod-11 check digits of a Brazilian CNPJ (14 digits). */
export function cnpjValid(cnpj: string): boolean {
  if (/^(\d)\1{13}$/.test(cnpj)) return false;
  const digits = [...cnpj].map(Number);
  const check = (n: number) => {
    const weights = n === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const rest = weights.reduce((total, w, i) => total + w * digits[i]!, 0) % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return check(12) === digits[12] && check(13) === digits[13];
}

function check(account: EmvTemplate, objects: readonly EmvDataObject[]): ProfileCheck {
  const { deviations, add } = collector('pix');
  const id = account.id;
  if (id !== '26') add('template_id', id, `Pix belongs in 26; this code carries it in ${id}`);
  const key = valueAt(account.children, '01');
  const url = valueAt(account.children, '25');
  if ((key === undefined) === (url === undefined)) {
    const why = key === undefined ? 'neither a key (01) nor a URL (25)' : 'both a key (01) and a URL (25)';
    add('key_or_url', id, `the Pix template ${id} has ${why}; it must have exactly one`);
  }
  const keyType = key === undefined ? undefined : pixKeyType(key);
  if (keyType && 'problem' in keyType) add('key_format', `${id}.01`, `Pix key "${key}" ${keyType.problem}`);
  if (url !== undefined && /^https?:\/\//i.test(url)) {
    add('url_format', `${id}.25`, `Pix URL "${url}" must be written without its "https://"`);
  }
  expectCountryAndCurrency(objects, 'Pix', 'BR', '986', add);
  const txid = valueAt(objects, '62.05');
  if (txid === undefined) {
    add('txid_missing', '62.05', 'Pix needs the txid in 62.05 ("***" when there is none)');
  } else if (url !== undefined && txid !== '***') {
    add('txid_dynamic', '62.05', `a dynamic Pix code (26.25) has txid "***"; it has "${txid}"`);
  } else if (txid !== '***' && !TXID.test(txid)) {
    add('txid_format', '62.05', `Pix txid "${txid}" must be "***" or 1–25 letters and digits`);
  }
  const details = defined({
    gui: guiOf(account),
    keyType: keyType && 'type' in keyType ? keyType.type : undefined,
    key,
    description: valueAt(account.children, '02'),
    url,
    txid,
  });
  return { report: { id: 'pix', name: pix.name, accountId: id, details }, deviations };
}

export const pix: EmvProfile = {
  id: 'pix',
  name: 'Pix (Brazil)',
  checks: [
    'GUI br.gov.bcb.pix (any case) in template 26',
    'exactly one of a key (26.01) or a payload URL without https:// (26.25)',
    'the key is a random key (UUID), an e-mail, +55 phone, or a CPF/CNPJ with valid check digits',
    'country BR and currency 986',
    'txid in 62.05: "***" or 1–25 letters and digits; "***" for a dynamic (URL) code',
  ],
  referenceField: '05',
  accounts: (objects) => accountsWithGui(objects, [GUI]),
  check,
  notStatic(objects) {
    const account = accountsWithGui(objects, [GUI])[0];
    if (account && valueAt(account.children, '25') !== undefined) {
      return 'it is a dynamic Pix code (a PSP URL in 26.25); only a Pix key code can carry the amount';
    }
    return undefined;
  },
};
