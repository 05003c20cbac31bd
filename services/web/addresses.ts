// Which addresses a server is bound to, and which of them only this machine can reach. Shared by the
// till's web host and the payment simulator: both open up (token, --demo) only off loopback.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** 127.0.0.0/8, ::1 and `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '::ffff:127.0.0.1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** 0.0.0.0 or ::: every interface of the machine. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** This machine's IPv4 addresses, loopback first. */
export function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4')
    .sort((a, b) => Number(b!.internal) - Number(a!.internal))
    .map((a) => a!.address);
}

/** Bound to every interface, a QR code must carry the machine's LAN address for a phone to reach it. */
export function lanAddress(host: string): string | undefined {
  if (!isWildcardHost(host)) return undefined;
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

/**
 * The `host[:port]` forms a browser may send in its Host header (and, with a scheme, in Origin) for a
 * server bound to `host` on `port`: the bound address itself; every loopback name when bound to
 * loopback or to every interface; every address of the machine when bound to every interface.
 */
export function ownHostNames(host: string, port: number): string[] {
  const names = new Set<string>();
  const add = (name: string) => {
    const literal = isIP(name) === 6 ? `[${name}]` : name;
    names.add(`${literal}:${port}`.toLowerCase());
    if (port === 80) names.add(literal.toLowerCase());
  };
  if (!isWildcardHost(host)) add(host.replace(/^\[|\]$/g, ''));
  if (isLoopbackHost(host) || isWildcardHost(host))
    for (const name of ['127.0.0.1', 'localhost', '::1']) add(name);
  if (isWildcardHost(host)) for (const address of machineAddresses()) add(address);
  return [...names];
}
