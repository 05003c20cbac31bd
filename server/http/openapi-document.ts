// HQ's OpenAPI 3.1 document, made from the routes' own docs (route-doc.ts) and the zod schemas the routes
// check requests with (zod 4's z.toJSONSchema, JSON Schema 2020-12: the dialect OpenAPI 3.1 uses). No
// schema is written twice: what a route refuses is what the document says.
import { z, type ZodType } from 'zod';
import type { RouteDoc } from './route-doc';

/** A route as Fastify registered it, with its doc when it has one. */
export interface RouteEntry {
  method: string;
  /** Fastify's path: `/v1/sales/:receiptNumber`, `/assets/*`. */
  url: string;
  doc: RouteDoc | undefined;
}

/**
 * The back office's session cookie and CSRF header. The users branch owns them (server/office/): these
 * names are what the document says, and the users branch's constants replace them at merge.
 */
export const OFFICE_SESSION_COOKIE = 'openlane_session';
export const OFFICE_CSRF_HEADER = 'x-csrf-token';

type Json = Record<string, unknown>;

const FAILURE = 'Failure';
const failureSchema = z
  .strictObject({
    ok: z.literal(false),
    error: z.strictObject({
      code: z.string().describe('a stable word a program can act on: bad_request, sale_not_found, …'),
      message: z.string().describe('a sentence for people, saying what was wrong'),
      details: z.unknown().optional().describe('what the code calls for: the bad fields, a CSV’s lines, …'),
    }),
  })
  .describe('Every failure: the status says its kind, the code what happened, the message why.');

const SECURITY_SCHEMES = {
  deviceToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An enrolled device’s token from POST /v1/token (HS256, 10 minutes).',
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The bootstrap admin token the server was started with (scripts; making the first user).',
  },
  officeSession: {
    type: 'apiKey',
    in: 'cookie',
    name: OFFICE_SESSION_COOKIE,
    description: 'A signed-in back-office user’s session (HttpOnly, SameSite cookie).',
  },
  officeCsrf: {
    type: 'apiKey',
    in: 'header',
    name: OFFICE_CSRF_HEADER,
    description: 'The session’s CSRF token, required with the session cookie on every change.',
  },
} as const;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function securityOf(auth: RouteDoc['auth'], method: string): Json[] {
  if (auth === 'none') return [];
  if (auth === 'device') return [{ deviceToken: [] }];
  const session = READS.has(method) ? { officeSession: [] } : { officeSession: [], officeCsrf: [] };
  return [{ adminToken: [] }, session];
}

/** `/v1/sales/:receiptNumber` → `/v1/sales/{receiptNumber}`; a trailing wildcard → `{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}

/** The parameter names a path template declares. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

function operationId(method: string, path: string): string {
  // Words within a segment run together (stock-flags → StockFlags); segments are kept apart by '_', so
  // /stock-flags and /stock/flags stay two ids.
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      segment
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(''),
    )
    .filter(Boolean);
  return [method.toLowerCase(), ...segments].join('_');
}

/**
 * Converts schemas and gathers what they share into components.schemas: zod's `$defs` (a schema with a
 * meta id) and self-references (`#`) are moved there, and their `$ref`s pointed at them.
 */
class SchemaConverter {
  readonly components: Record<string, Json> = {};

  constructor() {
    this.components[FAILURE] = this.convert(failureSchema, 'output', FAILURE);
  }

  convert(schema: ZodType, io: 'input' | 'output', name: string): Json {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref' }) as Json;
    delete raw.$schema;
    const defs = (raw.$defs ?? {}) as Record<string, Json>;
    delete raw.$defs;
    const rootRef = `#/components/schemas/${name}`;
    let selfReferenced = false;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value === null || typeof value !== 'object') return value;
      const out: Json = {};
      for (const [key, inner] of Object.entries(value as Json)) {
        if (key === '$ref' && typeof inner === 'string') {
          if (inner === '#') {
            out[key] = rootRef;
            selfReferenced = true;
          } else out[key] = inner.replace(/^#\/\$defs\//, '#/components/schemas/');
        } else out[key] = rewrite(inner);
      }
      return out;
    };
    for (const [id, def] of Object.entries(defs)) this.add(id, rewrite(def) as Json);
    const converted = rewrite(raw) as Json;
    if (!selfReferenced) return converted;
    this.add(name, converted);
    return { $ref: rootRef };
  }

  private add(id: string, schema: Json): void {
    const known = this.components[id];
    if (known && JSON.stringify(known) !== JSON.stringify(schema))
      throw new Error(`two different schemas are named ${id} for the OpenAPI document`);
    this.components[id] = schema;
  }
}

function parametersOf(
  converter: SchemaConverter,
  schema: ZodType,
  where: 'query' | 'path',
  name: string,
): Json[] {
  const json = converter.convert(schema, 'input', name);
  const properties = json.properties as Record<string, Json> | undefined;
  if (json.type !== 'object' || !properties)
    throw new Error(`${name}: the ${where} schema must be an object schema, one property per parameter`);
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([param, schema]) => {
    const { description, ...rest } = schema;
    return {
      name: param,
      in: where,
      required: where === 'path' || required.has(param),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function operationOf(converter: SchemaConverter, method: string, path: string, doc: RouteDoc): Json {
  const id = operationId(method, path);
  const parameters = [
    ...(doc.params ? parametersOf(converter, doc.params, 'path', `${id}Params`) : []),
    ...(doc.query ? parametersOf(converter, doc.query, 'query', `${id}Query`) : []),
  ];
  const operation: Json = {
    operationId: id,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.tags ? { tags: doc.tags } : {}),
    security: securityOf(doc.auth, method),
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  if (doc.body === 'text/csv') {
    operation.requestBody = {
      required: true,
      content: { 'text/csv': { schema: { type: 'string', description: 'the CSV file, UTF-8' } } },
    };
  } else if (doc.body) {
    const schema = converter.convert(doc.body, 'input', `${id}Body`);
    operation.requestBody = { required: true, content: { 'application/json': { schema } } };
  }
  const success: Json = { description: doc.summary };
  if (doc.reply) {
    const schema = converter.convert(doc.reply, 'output', `${id}Reply`);
    success.content = { [doc.produces ?? 'application/json']: { schema } };
  } else if (doc.produces) {
    success.content = { [doc.produces]: {} };
  }
  operation.responses = {
    [String(doc.status ?? 200)]: success,
    default: {
      description: 'A failure, with its status (400 bad request, 401/403, 404, 409, 413, 415, 429, 5xx).',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${FAILURE}` } } },
    },
  };
  return operation;
}

/** The OpenAPI 3.1 document of the documented routes (HEAD twins of GET routes are left out). */
export function buildOpenApiDocument(routes: readonly RouteEntry[]): Json {
  const converter = new SchemaConverter();
  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  for (const route of routes) {
    if (!route.doc || route.method === 'HEAD') continue;
    const path = openApiPath(route.url);
    for (const tag of route.doc.tags ?? []) tags.add(tag);
    (paths[path] ??= {})[route.method.toLowerCase()] = operationOf(converter, route.method, path, route.doc);
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenLane HQ',
      version: '1',
      description:
        'The HQ server’s API: terminals sync with /v1 (device token); the back office uses /admin/v1 ' +
        '(a signed-in user, or the bootstrap admin token). Money is integer minor units.',
    },
    // zod writes JSON Schema 2020-12.
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...tags].sort().map((name) => ({ name })),
    paths: sorted,
    components: { schemas: converter.components, securitySchemes: SECURITY_SCHEMES },
  };
}
