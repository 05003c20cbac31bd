// The renderer is served from a privileged custom scheme, openlane://app/, instead of file://.
// Why: file:// responses carry no HTTP headers (session.webRequest.onHeadersReceived never sees them),
// every file:// page shares one opaque origin with every other local file, and a file:// page may read
// any file its path can name. Our own scheme gives the app one origin of its own, lets us attach the
// CSP as a real response header, and serves only files inside dist/renderer.
import type { CustomScheme } from 'electron';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'openlane';
export const APP_HOST = 'app';
/** The URL the kiosk window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * `standard` gives the scheme real origins and relative URL resolution (Vite's base './');
 * `secure` makes it a secure context, which getUserMedia (the camera scanner) requires.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
};

/** True when `url` is a page or asset of our app (scheme and host, whatever the path). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives non-special schemes the origin "null", so compare protocol and host instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '';
}

/**
 * The file under `rendererDir` that an openlane://app/ request names, or null when the request is
 * not ours or would escape the directory (`..`, encoded separators, absolute paths).
 */
export function resolveAppAsset(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererDir);
  // The customer display's page is the one renderer bundle, which picks the display by its path.
  const wanted = pathname === '/' || pathname === '/display' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(root, wanted);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
    return null;
  }
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Content type by extension; module scripts are refused by Chromium without a JavaScript type. */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
