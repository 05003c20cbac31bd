// Who may come in: the checks the till's web host and the payment simulator make on every request
// before anything else. A request must name this server in its Host header (a page on another site
// whose name an attacker pointed at this machine — DNS rebinding — names that site instead), a
// browser page calling in must come from this server's own origin, and a client that sends no Origin
// (curl, the terminal's own backend) must be on this machine. Off loopback, the till also wants its
// access token (services/web/access-token.ts), carried by a cookie set once at /pair.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, ownHostNames } from './addresses';

export const ACCESS_COOKIE = 'openlane_access';
/** A customer display's pairing: it opens /display and its read-only door, nothing of the till. */
export const DISPLAY_COOKIE = 'openlane_display';

export interface Doors {
  /** Every origin (`http://host:port`) whose pages may call in. */
  readonly origins: ReadonlySet<string>;
  /** The Host header names this server: false for a rebound name or none. */
  hostAllowed(req: IncomingMessage): boolean;
  /** An Origin, if sent, is ours; none is allowed only from this machine. */
  originAllowed(req: IncomingMessage): boolean;
  /** From this machine, by a loopback name: needs no access token. */
  local(req: IncomingMessage): boolean;
  /** No token is required, or the request carries the right one (cookie or `Authorization: Bearer`). */
  tokenAccepted(req: IncomingMessage): boolean;
  /** Whether `candidate` is the access token (compared in constant time). */
  isToken(candidate: string): boolean;
  /** The request carries the customer display's token (cookie or bearer): it may read /display only. */
  displayTokenAccepted(req: IncomingMessage): boolean;
  /** Whether `candidate` is the customer display's token. */
  isDisplayToken(candidate: string): boolean;
}

export function createDoors(options: {
  host: string;
  port: number;
  /** More origins allowed to call in, e.g. the LAN address a QR code carries. */
  extraOrigins?: readonly string[];
  /** Required of requests not from this machine; none = no token asked. */
  accessToken?: string;
  /** Lets a browser that is not paired with the till in as a customer display (services/web/display-door.ts). */
  displayToken?: string;
}): Doors {
  const hostNames = new Set(ownHostNames(options.host, options.port));
  const origins = new Set([...hostNames].map((name) => `http://${name}`));
  for (const origin of options.extraOrigins ?? []) {
    const clean = origin.replace(/\/+$/, '').toLowerCase();
    origins.add(clean);
    hostNames.add(clean.replace(/^https?:\/\//, ''));
  }
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = options.accessToken === undefined ? null : digest(options.accessToken);
  const isToken = (candidate: string) => expected !== null && timingSafeEqual(digest(candidate), expected);
  const displayExpected = options.displayToken === undefined ? null : digest(options.displayToken);
  const isDisplayToken = (candidate: string) =>
    displayExpected !== null && timingSafeEqual(digest(candidate), displayExpected);
  const fromHere = (req: IncomingMessage) => isLoopbackHost(req.socket.remoteAddress ?? '');
  const hostHeader = (req: IncomingMessage) => (req.headers.host ?? '').toLowerCase();

  return {
    origins,
    hostAllowed: (req) => hostNames.has(hostHeader(req)),
    originAllowed(req) {
      const origin = req.headers.origin;
      return origin === undefined ? fromHere(req) : origins.has(origin.toLowerCase());
    },
    local: (req) => fromHere(req) && isLoopbackHost(hostHeader(req).replace(/:\d+$/, '')),
    tokenAccepted(req) {
      if (expected === null) return true;
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const cookie = cookieValue(req.headers.cookie, ACCESS_COOKIE);
      return (bearer !== undefined && isToken(bearer)) || (cookie !== undefined && isToken(cookie));
    },
    isToken,
    displayTokenAccepted(req) {
      if (displayExpected === null) return false;
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const cookie = cookieValue(req.headers.cookie, DISPLAY_COOKIE);
      return (
        (bearer !== undefined && isDisplayToken(bearer)) || (cookie !== undefined && isDisplayToken(cookie))
      );
    },
    isDisplayToken,
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
