// `openlane emv decode PAYLOAD` and `openlane emv encode FILE.json`: payment QR payloads as JSON and
// back, for store IT checking a printed bank QR or preparing one. Encode takes exactly what decode prints.
import { readFileSync } from 'node:fs';
import { decodeEmv, EMV_SCHEMES, encodeEmv, type EmvEncodeInput } from '../../core/payment';
import { parse, UsageError } from './args';

export const EMV_USAGE = `Usage: openlane emv decode PAYLOAD|-
       openlane emv encode FILE.json|-

decode  prints an EMVCo merchant-presented payload (Pix, PromptPay, PayNow, VietQR, any EMV QR) as JSON:
        ok, payload, profiles (the schemes found and what they read), fields (a named reading),
        deviations (rules the code bends but that real codes do bend), and dataObjects (the payload
        itself, in order, with exact values). A wrong CRC, a broken TLV or a duplicate ID is refused:
        the JSON then holds ok: false and the error, and the reason goes to stderr.
encode  reads that JSON and prints the payload, with the CRC recomputed. dataObjects is what is
        encoded; every rule must hold except the deviations listed. After editing dataObjects, remove
        payload, fields and profiles (or make them match): encode refuses a file that contradicts itself.
Give - to read the payload or the JSON from stdin.
Schemes: ${EMV_SCHEMES.map((s) => s.name).join(', ')}.
Exit status: 0 for a valid payload, 1 for one refused, 2 for a usage error.`;

/** Reads all of stdin; a parameter so tests can feed it. */
export type ReadStdin = () => string;

const readStdin: ReadStdin = () => readFileSync(0, 'utf8');

/** Runs `openlane emv …`; resolves to the exit status. */
export async function emvCommand(args: string[], stdin: ReadStdin = readStdin): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(EMV_USAGE);
    return 0;
  }
  const { positionals } = parse(args, {}, EMV_USAGE);
  const [action, source, ...extra] = positionals;
  if ((action !== 'decode' && action !== 'encode') || source === undefined || extra.length > 0) {
    throw new UsageError(EMV_USAGE);
  }
  return action === 'decode' ? decode(source, stdin) : encode(source, stdin);
}

function decode(source: string, stdin: ReadStdin): number {
  // A payload piped in ends with the newline `echo` adds; the payload itself never does.
  const payload = source === '-' ? stdin().replace(/\r?\n$/, '') : source;
  const result = decodeEmv(payload);
  console.log(JSON.stringify(result, null, 2));
  if (result.ok) return 0;
  console.error(`openlane emv decode: ${result.error.message}`);
  return 1;
}

function encode(source: string, stdin: ReadStdin): number {
  let input: EmvEncodeInput;
  try {
    // The encoder checks the whole shape itself, so the parsed JSON can be handed over as it is.
    input = JSON.parse(source === '-' ? stdin() : readFileSync(source, 'utf8')) as EmvEncodeInput;
  } catch (error) {
    console.error(
      `openlane emv encode: cannot read ${source === '-' ? 'stdin' : source}: ${(error as Error).message}`,
    );
    return 1;
  }
  const result = encodeEmv(input);
  if (result.ok) {
    console.log(result.payload);
    return 0;
  }
  const others = result.violations.slice(1).map((v) => `\n  also ${v.path || 'the root'}: ${v.message}`);
  console.error(`openlane emv encode: ${result.error.message}${others.join('')}`);
  return 1;
}
