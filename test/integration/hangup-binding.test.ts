// The serial binding on a real pseudo-terminal whose far end goes away between two reads: the kernel
// hangs the tty up and every later read returns 0 bytes. The read must end as a disconnect, which is
// what makes ReconnectingPort (the scanner's and the printer's) reconnect (bindings-cpp's own read
// retries a 0-byte read forever).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hangupAwareBinding } from '../../native/serial/hangup-binding';
import { startPtyPair } from '../helpers/socat';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-hangup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads what the device sent, then reports a hangup as a disconnect instead of spinning', async () => {
  const device = await startPtyPair(dir);
  const port = await hangupAwareBinding().open({ path: device.devicePath, baudRate: 9600 });
  try {
    device.write('6901234567892\r\n');
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await port.read(buffer, 0, buffer.length);
    expect(buffer.subarray(0, bytesRead).toString()).toBe('6901234567892\r\n');

    await device.kill(); // unplugged while no read was waiting
    await expect(port.read(buffer, 0, buffer.length)).rejects.toMatchObject({
      disconnect: true,
      message: expect.stringContaining('hung up'),
    });
  } finally {
    await port.close();
    await device.kill();
  }
});
