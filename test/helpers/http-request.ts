// One HTTP request exactly as a test writes it: its own Host header (fetch will not send a foreign
// one), any Origin, and the local address it comes from, so a server sees it arrive from the network.
import { request } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request as a client at `from` sends it, with exactly these headers (Host included). */
export function rawRequest(
  to: string,
  port: number,
  options: { path?: string; method?: string; headers?: Record<string, string>; from?: string; body?: string },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: to,
        port,
        path: options.path ?? '/api/settings.get',
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        localAddress: options.from,
        setHost: false,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? (options.method === 'GET' ? undefined : '{}'));
  });
}
