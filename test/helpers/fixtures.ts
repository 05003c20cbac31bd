// The pictures and payment vectors the tests read, kept in the repository under test/fixtures (where each
// comes from, and its licence, is in test/fixtures/README.md). The full ZXing corpus is read only by the
// decode benchmark (test/bench/decode.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));
/** A few of ZXing's black-box pictures per format, in ZXing's own folder names (ean13-3/01.png …). */
export const BLACKBOX_DIR = join(FIXTURES_DIR, 'zxing-blackbox');

/** The file of a picture named as folder/number, e.g. `ean13-3/01` → …/ean13-3/01.png. */
export const picturePath = (name: string): string => join(BLACKBOX_DIR, `${name}.png`);

/** The exact text the picture's barcode encodes (its N.txt). */
export const pictureText = (name: string): string => readFileSync(join(BLACKBOX_DIR, `${name}.txt`), 'utf8');

/** The pictures of one folder, as names (`falsepositives/01`), in order. */
export const picturesIn = (folder: string): string[] =>
  readdirSync(join(BLACKBOX_DIR, folder))
    .filter((file) => file.endsWith('.png'))
    .sort()
    .map((file) => `${folder}/${file.slice(0, -'.png'.length)}`);

/** Every folder of pictures; those named falsepositives* hold pictures with no barcode at all. */
export const pictureFolders = (): string[] => readdirSync(BLACKBOX_DIR).sort();

export interface PaymentVector {
  id: string;
  scheme: string;
  kind: 'emv-mpm' | 'uri';
  payload: string;
  /** false for deliberately broken samples (a wrong CRC); null where the source says nothing. */
  expectValid: boolean | null;
  crc?: string;
  source: string;
  notes?: string;
}

/** The published payment QR payloads (EMVCo, Pix, PromptPay, PayNow, UPI), each with its source. */
export const paymentVectors = (): PaymentVector[] =>
  (
    JSON.parse(readFileSync(join(FIXTURES_DIR, 'payment-qr-vectors.json'), 'utf8')) as {
      vectors: PaymentVector[];
    }
  ).vectors;

/** The payload of one vector by its id; an unknown id is a mistake in the test, said as such. */
export function paymentPayload(id: string): string {
  const vector = paymentVectors().find((v) => v.id === id);
  if (!vector) throw new Error(`no payment vector "${id}" in test/fixtures/payment-qr-vectors.json`);
  return vector.payload;
}
