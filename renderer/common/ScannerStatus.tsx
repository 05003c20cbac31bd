// The header's scanner line, the same on the kiosk and at the counter.
import type { ScannerStatus as Scanner } from '../../services/api/contract';
import { useI18n } from '../i18n';

/** Ready only while every serial scanner is connected: one unplugged scanner is a lane that misses scans. */
export function ScannerStatus({ scanners }: { scanners: Scanner[] }) {
  const { t } = useI18n();
  // Only serial scanners report a status; a wedge scanner or the keypad has nothing to show.
  if (scanners.length === 0) return null;
  const connected = scanners.every((s) => s.connected);
  return (
    <span className={`scanner-status ${connected ? 'ok' : 'off'}`} data-testid="scanner-status">
      <span className="dot" aria-hidden="true" />
      {connected ? t.scannerReady : t.scannerOffline}
    </span>
  );
}
