// Which requests the simulator turns away before routing them (services/web/doors.ts has the rules).
import type { IncomingMessage } from 'node:http';
import type { Doors } from '../../web/doors';

/**
 * The simulator answers only requests that name it (Host) and, from a browser, come from its own pay
 * pages (Origin): a page elsewhere cannot approve a payment. A client without an Origin (the terminal's
 * provider, curl) may call the API only from this machine; a phone opening a pay page sends none for
 * the page itself and its own origin when it approves.
 */
export function refused(
  req: IncomingMessage,
  doors: Doors,
): { status: number; code: string; message: string } | null {
  if (!doors.hostAllowed(req))
    return {
      status: 421,
      code: 'wrong_host',
      message: `this is not ${req.headers.host ?? 'the host named'}`,
    };
  const page = (req.method === 'GET' || req.method === 'HEAD') && !(req.url ?? '').startsWith('/api/');
  if (page || doors.originAllowed(req)) return null;
  const origin = req.headers.origin;
  return {
    status: 403,
    code: 'forbidden_origin',
    message:
      origin === undefined
        ? 'a request without an Origin may only come from this machine'
        : `origin ${origin} may not call the simulator`,
  };
}
