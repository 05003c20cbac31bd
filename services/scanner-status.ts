// A serial scanner's status in words: what its port's error means and what store IT can do about it.
import type { ScannerProblem, ScannerStatus } from './api/contract';

/** What serialport's error text (native/serial's ReconnectingPort `error`) means for a person. */
export function scannerProblem(error: string | null): ScannerProblem | null {
  if (error === null) return null;
  if (/no such file|ENOENT/i.test(error)) return 'not_found';
  if (/inappropriate ioctl|ENOTTY/i.test(error)) return 'not_serial';
  if (/permission denied|EACCES|EPERM/i.test(error)) return 'no_permission';
  if (/cannot lock|resource temporarily unavailable|EBUSY|EAGAIN/i.test(error)) return 'busy';
  return 'failed';
}

const WHAT_TO_DO: Record<ScannerProblem, string> = {
  not_found:
    'it does not exist — is the scanner plugged in, and is this the right --scanner path? (ls /dev/ttyACM* /dev/ttyUSB*)',
  not_serial: 'it is not a serial port — check the --scanner path',
  busy: 'another program has it open — close that program',
  no_permission: 'this user may not open it — add the user to the dialout group, then log in again',
  failed: 'it cannot be opened',
};

/**
 * The log line for a scanner's status as it changes. A scanner that will not open says so once (the port
 * retries quietly and reports only a change), with its path, the reason and what to do.
 */
export function scannerLogLine(status: ScannerStatus): string | null {
  const where = `scanner ${status.path} (${status.baudRate} baud)`;
  if (status.connected) return `${where}: connected`;
  const problem = status.problem ?? scannerProblem(status.lastError);
  // Not connected with no error: stopped, as the terminal closes. Nothing to tell.
  if (problem === null) return null;
  return `${where}: not connected: ${WHAT_TO_DO[problem]} [${status.lastError}]. OpenLane keeps trying and connects as soon as it can.`;
}
