import { describe, expect, it } from 'vitest';
import { scannerLogLine, scannerProblem } from './scanner-status';

describe('a serial scanner status in words', () => {
  it("reads serialport's errors as the problem a person can fix", () => {
    expect(scannerProblem('No such file or directory, cannot open /dev/ttyACM9')).toBe('not_found');
    expect(scannerProblem('Inappropriate ioctl for device setting custom baud rate of 9600')).toBe(
      'not_serial',
    );
    expect(scannerProblem('Permission denied, cannot open /dev/ttyUSB0')).toBe('no_permission');
    expect(scannerProblem('Error Resource temporarily unavailable Cannot lock port')).toBe('busy');
    expect(scannerProblem('port closed')).toBe('failed');
    expect(scannerProblem(null)).toBeNull();
  });

  it('logs the path, the baud rate, the reason and what to do; a stopped scanner says nothing', () => {
    const status = { id: 's1', path: '/dev/ttyUSB0', baudRate: 9600, connected: false };
    expect(scannerLogLine({ ...status, lastError: 'Permission denied, cannot open /dev/ttyUSB0' })).toBe(
      'scanner /dev/ttyUSB0 (9600 baud): not connected: this user may not open it — add the user to the ' +
        'dialout group, then log in again [Permission denied, cannot open /dev/ttyUSB0]. OpenLane keeps ' +
        'trying and connects as soon as it can.',
    );
    expect(scannerLogLine({ ...status, connected: true, lastError: null })).toBe(
      'scanner /dev/ttyUSB0 (9600 baud): connected',
    );
    expect(scannerLogLine({ ...status, lastError: null })).toBeNull();
  });
});
