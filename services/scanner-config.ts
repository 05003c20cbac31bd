// Serial scanners from --scanner flags and OPENLANE_SCANNERS, refused with the reason when malformed.
import { parseScannerSpec } from '../native/scanner/config';
import type { ScannerConfig } from './terminal';

/** All scanners named by flags and by the comma-separated environment variable. */
export function scannerConfigs(flags: string[], env: string | undefined): ScannerConfig[] {
  const specs = [...flags, ...(env ?? '').split(',')].map((s) => s.trim()).filter((s) => s.length > 0);
  return specs.map((spec) => {
    const parsed = parseScannerSpec(spec);
    if (!parsed.ok) throw new Error(`scanner "${spec}": ${parsed.error.message}`);
    return parsed.value;
  });
}
