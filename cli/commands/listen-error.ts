// What a person reads when a server cannot listen: node's "listen EADDRINUSE: address already in use
// 127.0.0.1:8420" names neither what to do nor which setting chose the port.

interface ListenFailure {
  code?: string;
  address?: string;
  port?: number;
}

/**
 * A sentence for a failure to listen, or null when `error` is something else. `flag` is the port option
 * a person can change; a port other than the one it asked for came from `otherPortSetting`.
 */
export function describeListenError(
  error: unknown,
  asked: { host: string; port: number; flag: string; otherPortSetting?: string },
): string | null {
  const failure = error as ListenFailure;
  if (failure?.code !== 'EADDRINUSE' && failure?.code !== 'EACCES' && failure?.code !== 'EADDRNOTAVAIL')
    return null;
  const host = failure.address ?? asked.host;
  const port = failure.port ?? asked.port;
  const where = `port ${port} on ${host}`;
  const fromFlag = port === asked.port || asked.otherPortSetting === undefined;
  const change = fromFlag
    ? `start with ${asked.flag} N to use another port (${asked.flag} 0 picks a free one)`
    : `change ${asked.otherPortSetting} (0 picks a free port)`;
  if (failure.code === 'EADDRINUSE')
    return `${where} is already in use by another program (perhaps another OpenLane). Stop that program, or ${change}.`;
  if (failure.code === 'EACCES')
    return `${where} may not be used by this user (ports below 1024 need special rights). ${capital(change)}.`;
  return `${host} is not an address of this machine, so ${where} cannot be listened on. Use --host with one of its addresses, e.g. 127.0.0.1.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
