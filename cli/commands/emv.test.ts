// The command as store IT runs it, called as a function (the `openlane` bin wires it in).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paymentPayload as fixture, paymentVectors } from '../../test/helpers/fixtures';
import { UsageError } from './args';
import { emvCommand } from './emv';

const vectors = paymentVectors();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-emv-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const status = await emvCommand(args, () => stdin ?? '');
  vi.restoreAllMocks();
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('openlane emv decode', () => {
  it('prints the decoded payload as JSON and exits 0', async () => {
    const payload = fixture('paynow-uen');
    const { status, stdout, stderr } = await run(['decode', payload]);
    expect([status, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      payload,
      profiles: [
        { id: 'paynow', details: { proxyType: 'uen', proxy: 'S99345678ABCD', expiry: '9999-12-31' } },
      ],
      fields: {
        merchantName: 'ACME Pte Ltd',
        amount: '12.34',
        currencyCode: 'SGD',
        additionalData: { billNumber: 'INV1234' },
      },
      deviations: [],
    });
  });

  it('exits 1 for a refused payload, with the reason on stderr and in the JSON', async () => {
    const payload = fixture('pix-banrisul-bad-crc');
    const { status, stdout, stderr } = await run(['decode', payload]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, payload, error: { code: 'bad_crc', path: '63' } });
    expect(stderr).toMatch(
      /^openlane emv decode: the CRC is DAA6 but the payload's CRC-16\/CCITT-FALSE is [0-9A-F]{4}/,
    );
  });

  it('reads the payload from stdin for -, without the newline echo adds', async () => {
    const payload = fixture('emvco-mpm-annexB');
    const { status, stdout } = await run(['decode', '-'], `${payload}\n`);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ payload, fields: { language: { merchantName: '最佳运输' } } });
  });
});

describe('openlane emv encode', () => {
  it('encodes exactly what decode printed, through a file, for every valid vector', async () => {
    for (const vector of vectors.filter((v) => v.kind === 'emv-mpm' && v.expectValid)) {
      const decoded = await run(['decode', vector.payload]);
      const file = join(dir, `${vector.id}.json`);
      writeFileSync(file, decoded.stdout);
      const encoded = await run(['encode', file]);
      expect([vector.id, encoded.status, encoded.stdout, encoded.stderr]).toEqual([
        vector.id,
        0,
        vector.payload,
        '',
      ]);
    }
  });

  it('reads the JSON from stdin for -', async () => {
    const payload = fixture('promptpay-amount');
    const { stdout: json } = await run(['decode', payload]);
    expect(await run(['encode', '-'], json)).toEqual({ status: 0, stdout: payload, stderr: '' });
  });

  it('encodes an edited file with a fresh CRC, and refuses one whose reading contradicts its data', async () => {
    const { stdout } = await run(['decode', fixture('paynow-mobile')]);
    const decoded = JSON.parse(stdout) as { dataObjects: { id: string; value?: string }[]; fields: object };
    decoded.dataObjects.find((o) => o.id === '54')!.value = '20.00';
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(decoded));
    const refused = await run(['encode', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('openlane emv encode: payload does not match the data objects');

    const { dataObjects } = decoded;
    writeFileSync(file, JSON.stringify({ dataObjects }));
    const encoded = await run(['encode', file]);
    expect(encoded.status).toBe(0);
    const again = await run(['decode', encoded.stdout]);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, fields: { amount: '20.00' }, deviations: [] });
  });

  it('refuses a new code that breaks the rules, listing every fault', async () => {
    const { stdout } = await run(['decode', fixture('pix-brutils-city-too-long')]);
    const { dataObjects } = JSON.parse(stdout) as { dataObjects: unknown[] };
    const file = join(dir, 'strict.json');
    writeFileSync(file, JSON.stringify({ dataObjects }));
    const { status, stderr } = await run(['encode', file]);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toEqual([
      'openlane emv encode: 60 (Merchant City) "Presidente Prudente" is 19 characters; the limit is 15 (and 1 more)',
      '  also 62.05: Pix txid "Um-Id-Qualquer" must be "***" or 1–25 letters and digits',
    ]);
  });

  it('exits 1 for a file that is missing or not JSON, or a refused decode', async () => {
    expect(await run(['encode', join(dir, 'none.json')])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('cannot read'),
    });
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(await run(['encode', join(dir, 'bad.json')])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('cannot read'),
    });
    const { stdout } = await run(['decode', fixture('pix-banrisul-bad-crc')]);
    expect(await run(['encode', '-'], stdout)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('this is a refused decode: the CRC is DAA6'),
    });
  });
});

describe('openlane emv usage', () => {
  it('prints the usage for --help and refuses a wrong action, a missing argument or an unknown flag', async () => {
    expect(await run(['--help'])).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('Usage: openlane emv decode'),
    });
    for (const args of [
      [],
      ['print', 'x'],
      ['decode'],
      ['decode', 'a', 'b'],
      ['encode', '--fast', 'x.json'],
    ]) {
      await expect(emvCommand(args), JSON.stringify(args)).rejects.toThrow(UsageError);
    }
  });
});
