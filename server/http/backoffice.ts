// Serves the back office (backoffice/, built by Vite into dist/backoffice) at `/`: its page and its
// hashed assets, nothing else. The files are listed once at start, so a request can only ever name one
// of them: no path is joined from what a client sent.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { fail } from '../result';
import { sendFailure } from './errors';

/** In source, dist/backoffice at the root; in a bundle (dist/*.mjs), backoffice/ beside it. */
const CANDIDATE_DIRS = [
  new URL('../../dist/backoffice/', import.meta.url),
  new URL('./backoffice/', import.meta.url),
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * The page may load only its own scripts and styles and talk only to this server; no other site may
 * frame it (clickjacking), and it sends no referrer.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export function backofficeDir(): string | null {
  for (const url of CANDIDATE_DIRS) {
    const dir = fileURLToPath(url);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

function listFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set('/' + relative(dir, path).split(sep).join('/'), path);
    }
  };
  walk(dir);
  return files;
}

export function registerBackoffice(app: FastifyInstance, dir: string | null = backofficeDir()): void {
  const files = dir ? listFiles(dir) : new Map<string, string>();
  const send = async (reply: FastifyReply, urlPath: string) => {
    const file = files.get(urlPath);
    if (!file) return sendFailure(reply, fail(404, 'not_found', `nothing at ${urlPath}`));
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    reply.headers(PAGE_HEADERS).type(type);
    // Vite names assets by their content's hash: they never change, so they may be kept for a year.
    reply.header(
      'cache-control',
      urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return reply.send(await readFile(file));
  };
  const pageDoc = {
    summary: 'The back office (React), served from the build in dist/backoffice',
    auth: 'none',
    tags: ['office'],
    produces: 'text/html',
  } as const;
  const assetDoc = {
    summary: 'One of the back office’s built files (scripts, styles), named by its content’s hash',
    auth: 'none',
    tags: ['office'],
    params: z.strictObject({ path: z.string().describe('the file’s name under assets/') }),
    produces: 'application/octet-stream',
  } as const;
  const iconDoc = {
    summary: 'The back office’s icon',
    auth: 'none',
    tags: ['office'],
    produces: 'image/svg+xml',
  } as const;
  app.get('/', { config: { doc: pageDoc } }, async (_request, reply) => {
    if (!files.has('/index.html')) {
      return sendFailure(
        reply,
        fail(404, 'backoffice_not_built', 'the back office is not built here: run `npm run build`'),
      );
    }
    return send(reply, '/index.html');
  });
  app.get('/assets/*', { config: { doc: assetDoc } }, async (request, reply) =>
    send(reply, request.url.split('?')[0] ?? ''),
  );
  app.get('/favicon.svg', { config: { doc: iconDoc } }, async (_request, reply) =>
    send(reply, '/favicon.svg'),
  );
}
