// serialport's own binding, with one fix: a device that hangs up is reported as disconnected.
//
// When a USB scanner is unplugged (or a pseudo-terminal's other end goes away) the kernel hangs the
// tty up, and read() returns 0 bytes from then on. With VMIN=1 — serialport's default — a 0-byte read
// can mean nothing else, but @serialport/bindings-cpp 13 retries it at once, forever: the reader
// spins on the thread pool and never learns the scanner is gone, unless the hangup happened to land
// while the read was parked in the poller. Here a 0-byte read is a disconnect, so the stream closes
// and ReconnectingPort (./reconnecting-port) reopens it once the device is back.
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { autoDetect } from '@serialport/bindings-cpp';
import type {
  AutoDetectTypes,
  LinuxBindingInterface,
  LinuxOpenOptions,
  LinuxPortBinding,
} from '@serialport/bindings-cpp';

const readAsync = promisify(read);

type UnixPort = Pick<LinuxPortBinding, 'fd' | 'poller' | 'isOpen'>;

const RETRY_CODES = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
const DISCONNECT_CODES = new Set(['EBADF', 'ENXIO', 'EIO', 'UNKNOWN']);

/** The platform's binding; on Linux and macOS, ports whose reads notice a hangup. */
export function hangupAwareBinding(): AutoDetectTypes {
  const base = autoDetect();
  if (process.platform === 'win32') return base;
  // macOS ports are shaped like Linux ones (fd, poller, isOpen), which is all readUntilData needs.
  const unix = base as LinuxBindingInterface;
  const binding: LinuxBindingInterface = {
    list: () => unix.list(),
    async open(options: LinuxOpenOptions) {
      const port = await unix.open(options);
      port.read = (buffer: Buffer, offset: number, length: number) =>
        readUntilData(port, buffer, offset, length);
      return port;
    },
  };
  return binding;
}

async function readUntilData(
  port: UnixPort,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    if (!port.isOpen || port.fd === null) throw canceled();
    try {
      const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
      if (bytesRead > 0) return { buffer, bytesRead };
      throw Object.assign(new Error('the device hung up (it was unplugged or switched off)'), {
        code: 'EIO',
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (RETRY_CODES.has(code)) {
        if (!port.isOpen) throw canceled();
        await new Promise<void>((resolve, reject) =>
          port.poller.once('readable', (pollError) => (pollError ? reject(pollError) : resolve())),
        );
        continue;
      }
      // @serialport/stream closes the port and emits 'close' with this error when disconnect is set.
      if (DISCONNECT_CODES.has(code)) Object.assign(error as object, { disconnect: true });
      throw error;
    }
  }
}

function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}
