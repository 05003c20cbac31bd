// Pairing a browser on the network with the till, once: /pair?token=… (or the form on /pair) checks the
// access token that `openlane serve` printed and keeps it in an HttpOnly, SameSite=Strict cookie, which
// the browser then sends with every API call and the event WebSocket. Nothing else is served unpaired.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCESS_COOKIE, DISPLAY_COOKIE, type Doors } from './doors';
import { sendText } from './http-util';

export const UNPAIRED_MESSAGE =
  'This browser is not paired with the terminal. Open /pair on the terminal’s address and enter the ' +
  'access token that `openlane serve` printed (it is kept in the data directory, in the file access-token).';

/** A year: a paired tablet stays paired; deleting the token file and restarting unpairs every browser. */
const COOKIE_MAX_AGE = 365 * 24 * 3600;

export function handlePairing(req: IncomingMessage, res: ServerResponse, doors: Doors): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8');
  }
  const token = new URL(req.url ?? '/', 'http://till').searchParams.get('token');
  if (token === null || token === '') return sendText(res, 200, pairPage(null), HTML);
  // The customer display's token pairs a display: its cookie opens /display and nothing of the till.
  if (doors.isDisplayToken(token.trim())) return pair(res, DISPLAY_COOKIE, token.trim(), '/display');
  if (!doors.isToken(token.trim()))
    return sendText(res, 401, pairPage('That is not this terminal’s access token. 访问令牌不正确。'), HTML);
  pair(res, ACCESS_COOKIE, token.trim(), '/');
}

/** Keeps the token in an HttpOnly, SameSite=Strict cookie and sends the browser on to its page. */
function pair(res: ServerResponse, cookie: string, token: string, location: string): void {
  res.setHeader(
    'Set-Cookie',
    `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE}`,
  );
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.end();
}

/** An unpaired browser asking for a page is sent to pair first; anything else is refused. */
export function unpaired(req: IncomingMessage, res: ServerResponse): void {
  const wantsPage =
    (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
  if (wantsPage) {
    res.statusCode = 303;
    res.setHeader('Location', '/pair');
    res.end();
    return;
  }
  sendText(res, 401, UNPAIRED_MESSAGE, 'text/plain; charset=utf-8');
}

const HTML = 'text/html; charset=utf-8';

function pairPage(problem: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pair this browser — OpenLane</title>
<style>
  body { font: 18px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
  input { font: inherit; width: 100%; padding: .5rem; box-sizing: border-box; }
  button { font: inherit; margin-top: .75rem; padding: .5rem 1.5rem; }
  .problem { color: #a61b1b; font-weight: 600; }
</style></head>
<body>
<h1>Pair this browser with the terminal</h1>
<p>将此浏览器与终端配对</p>
${problem ? `<p class="problem" role="alert">${problem}</p>` : ''}
<p>Enter the access token that <code>openlane serve</code> printed when it started on the network
(it is in the data directory, in the file <code>access-token</code>). This browser then keeps it.</p>
<form method="get" action="/pair">
  <label for="token">Access token · 访问令牌</label>
  <input id="token" name="token" autocomplete="off" autocapitalize="off" spellcheck="false" required>
  <button type="submit">Pair · 配对</button>
</form>
</body></html>`;
}
