// A hand-driven HTTP/1.1 client on a plain TCP socket, for what fetch hides: when the server answers,
// and whether it reset the connection while the client was still sending its body.
import { connect, type Socket } from 'node:net';

export interface RawConnection {
  /** Writes bytes; resolves once the socket took them, rejects with the socket's error (EPIPE, ECONNRESET). */
  write(data: string | Buffer): Promise<void>;
  /** The next complete response (status, headers and a Content-Length body), as text. */
  response(): Promise<{ status: number; headers: Record<string, string>; body: string }>;
  close(): void;
}

export async function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered = Buffer.alloc(0);
  let failure: Error | null = null;
  let waiter: (() => void) | null = null;
  const wake = () => {
    const w = waiter;
    waiter = null;
    w?.();
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake();
  });
  socket.on('error', (error) => {
    failure = error;
    wake();
  });
  socket.on('close', () => {
    failure ??= new Error('the server closed the connection');
    wake();
  });
  const next = () => new Promise<void>((resolve) => (waiter = resolve));

  return {
    write(data) {
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        socket.write(data, (error) => (error ? reject(error) : resolve()));
      });
    },
    async response() {
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end >= 0) {
          const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
          const headers = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
          );
          const length = Number(headers['content-length'] ?? 0);
          if (buffered.length >= end + 4 + length) {
            const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
            buffered = buffered.subarray(end + 4 + length);
            return { status: Number(statusLine!.split(' ')[1]), headers, body };
          }
        }
        if (failure) throw failure;
        await next();
      }
    },
    close() {
      socket.destroy();
    },
  };
}
