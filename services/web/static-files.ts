// Serves the built renderer from one directory, and nothing outside it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export type StaticLookup =
  | { kind: 'file'; path: string; size: number; contentType: string }
  | { kind: 'bad_request'; reason: string }
  | { kind: 'not_found' };

/**
 * Maps a URL path to a file inside `root`. Any `..` segment, backslash or NUL — raw or
 * percent-encoded — is refused outright rather than normalised, so no spelling escapes the root.
 */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad_request', reason: 'malformed percent-encoding in path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'bad_request', reason: 'illegal character' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'bad_request', reason: 'path traversal' };
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const rootReal = await realpath(root);
  const candidate = resolve(rootReal, `.${relative}`);
  if (!isInside(rootReal, candidate)) return { kind: 'bad_request', reason: 'path traversal' };
  try {
    // A symlink inside the build must not lead out of it either.
    const real = await realpath(candidate);
    if (!isInside(rootReal, real)) return { kind: 'not_found' };
    const info = await stat(real);
    if (!info.isFile()) return { kind: 'not_found' };
    const contentType = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    return { kind: 'file', path: real, size: info.size, contentType };
  } catch {
    return { kind: 'not_found' };
  }
}

export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; size: number; contentType: string },
) {
  // index.html names the hashed bundles: a stale copy would load last release's code.
  const isHtml = file.contentType.startsWith('text/html');
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.size,
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}
