// GET /openapi.json: HQ's OpenAPI 3.1 document, made at start from every route Fastify registered (its
// onRoute hook) and the doc each carries in its config (route-doc.ts). It is open to anyone: it describes
// the API and holds no data. A route without a doc is left out of the document, and
// openapi.test.ts fails naming it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildOpenApiDocument, type RouteEntry } from './openapi-document';

export type { RouteEntry } from './openapi-document';

/**
 * Records every route registered on `app` from now on, in any plugin scope (call it before registering
 * routes). The list fills as routes are added and is complete once the app is ready.
 */
export function collectRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, doc: route.config?.doc });
  });
  return routes;
}

/**
 * The routes without a doc, as `METHOD /path`. HEAD routes Fastify adds beside each GET share its doc.
 */
export function undocumentedRoutes(routes: readonly RouteEntry[]): string[] {
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
  return routes
    .filter((r) => !r.doc && !(r.method === 'HEAD' && gets.has(r.url)))
    .map((r) => `${r.method} ${r.url}`);
}

/** Serves the document of `routes`; it is built once, on the first request, when every route is known. */
export function registerOpenApiRoute(app: FastifyInstance, routes: readonly RouteEntry[]): void {
  let text: string | null = null;
  app.get(
    '/openapi.json',
    {
      config: {
        doc: {
          summary: 'This document: HQ’s API in OpenAPI 3.1',
          auth: 'none',
          tags: ['server'],
          reply: z.looseObject({ openapi: z.literal('3.1.0') }),
        },
      },
    },
    async (_request, reply) => {
      text ??= JSON.stringify(buildOpenApiDocument(routes));
      return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(text);
    },
  );
}
