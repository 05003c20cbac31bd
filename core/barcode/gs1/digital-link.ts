/**
 * GS1 Digital Link URIs in the uncompressed form, on any domain and path prefix:
 * `https://id.example.com/shop/01/09506000134352/10/ABC?17=261231&linkType=gs1:pip`.
 */
import { APPLICATION_IDENTIFIERS, lookupAi } from './application-identifiers';
import { referenceYearOf } from './dates';
import { checkCombination } from './pairing';
import type {
  DigitalLinkErrorReason,
  Gs1Element,
  Gs1Failure,
  Gs1Pair,
  Gs1ParseOptions,
  Gs1Warning,
} from './types';
import { aiName, decodePair, isFailure, quote } from './values';

export interface DigitalLink {
  scheme: 'http' | 'https';
  /** Host (and port, if given), lower-cased. */
  domain: string;
  /** Path before the primary key, as written: `''` or e.g. `/shop`. */
  pathPrefix: string;
  /** Path elements first (primary key, then qualifiers), then query-string data attributes. */
  elements: Gs1Element[];
  /** Query parameters that are not AIs, such as `linkType`, percent-decoded. */
  otherParams: Record<string, string>;
  /** Missing required partners (`req=`); present only when there is at least one. */
  warnings?: Gs1Warning[];
}

export type DigitalLinkResult = ({ ok: true } & DigitalLink) | Gs1Failure<DigitalLinkErrorReason>;

/** The primary keys a till can use: items (GTIN, ITIP), logistic units, locations, coupons, services. */
const TILL_KEYS = new Set(['01', '8006', '00', '414', '8010', '8017', '8018']);

/**
 * Primary keys and, for each, the alternative ordered lists of key qualifiers that may follow it,
 * from the dictionary's `dlpkey` attribute.
 */
const PRIMARY_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = Object.fromEntries(
  APPLICATION_IDENTIFIERS.filter((d) => d.dlpkey && TILL_KEYS.has(d.ai)).map((d) => [
    d.ai,
    d.dlpkey!.filter((order) => order.length > 0),
  ]),
);
/** The dictionary's other Digital Link primary keys (GDTI, GRAI, GIAI…); named so the refusal can say so. */
const OTHER_PRIMARY_KEYS = new Set(
  APPLICATION_IDENTIFIERS.filter((d) => d.dlpkey && !TILL_KEYS.has(d.ai)).map((d) => d.ai),
);

/** Digital Link 1.0's convenience names, still met on older labels. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  gtin: '01',
  itip: '8006',
  sscc: '00',
  gln: '414',
  glnx: '254',
  cpv: '22',
  lot: '10',
  ser: '21',
  exp: '17',
};

const fail = (reason: DigitalLinkErrorReason, message: string): Gs1Failure<DigitalLinkErrorReason> => ({
  ok: false,
  reason,
  message,
});

function aiOfName(name: string): string | null {
  if (/^\d{2,4}$/.test(name)) return name;
  return Object.hasOwn(SHORT_NAMES, name) ? SHORT_NAMES[name]! : null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// The path must start with "/", which the host cannot hold, so the pattern never backtracks.
const URI = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?(?:\?([^#\s]*))?(?:#\S*)?$/i;
/** A QR code holds at most 4,296 characters; anything far longer did not come from a label. */
const MAX_URI_LENGTH = 8192;
/** The longest qualifier list any primary key takes (22, 10, 21 after 01). */
const MAX_QUALIFIERS = Math.max(
  ...Object.values(PRIMARY_KEYS).flatMap((orders) => orders.map((o) => o.length)),
);

/** Parses an uncompressed GS1 Digital Link URI into validated elements; never throws. */
export function parseDigitalLink(uri: string, options: Gs1ParseOptions = {}): DigitalLinkResult {
  if (typeof uri === 'string' && uri.length > MAX_URI_LENGTH) {
    return fail(
      'bad_uri',
      `the URI is ${uri.length} characters long; no barcode holds more than ${MAX_URI_LENGTH}`,
    );
  }
  const match = typeof uri === 'string' ? URI.exec(uri.trim()) : null;
  if (!match) return fail('not_digital_link', `${quote(String(uri))} is not an http or https URI`);
  const [, scheme, authority, path, query] = match;
  const segments = (path ?? '').split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();

  const found = findPrimaryKey(segments);
  if (isFailure(found)) return found;
  const pathPairs: Gs1Pair[] = [];
  for (let i = found.index; i < segments.length; i += 2) {
    const value = safeDecode(segments[i + 1]!);
    if (value === null)
      return fail('bad_uri', `path segment ${quote(segments[i + 1]!)} has broken percent-encoding`);
    pathPairs.push({ ai: aiOfName(segments[i]!)!, raw: value });
  }
  const first = pathPairs[0]!;
  // Digital Link lets a GTIN-8, -12 or -13 stand for the GTIN-14 it pads to.
  if (first.ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(first.raw)) first.raw = first.raw.padStart(14, '0');

  const queryParts = splitQuery(query ?? '', found.keyAis);
  if (isFailure(queryParts)) return queryParts;

  const referenceYear = referenceYearOf(options.referenceYear);
  const elements: Gs1Element[] = [];
  for (const pair of [...pathPairs, ...queryParts.pairs]) {
    const element = decodePair(pair, referenceYear);
    if (isFailure(element)) return element;
    elements.push(element);
  }
  const combined = checkCombination(elements);
  if (!combined.ok) return combined;
  const pathPrefix = found.index === 0 ? '' : `/${segments.slice(0, found.index).join('/')}`;
  return {
    ok: true,
    scheme: scheme!.toLowerCase() as 'http' | 'https',
    domain: authority!.toLowerCase(),
    pathPrefix,
    elements: combined.elements,
    otherParams: queryParts.otherParams,
    ...(combined.warnings ? { warnings: combined.warnings } : {}),
  };
}

/** Whether `rest` (the qualifier AIs after a primary key) follows one of its allowed orders. */
function qualifiersFit(primary: string, rest: string[]): boolean {
  if (rest.length === 0) return true;
  const inOrder = (order: readonly string[]) => {
    let at = 0;
    return rest.every((ai) => {
      const found = order.indexOf(ai, at);
      at = found + 1;
      return found >= 0;
    });
  };
  return (PRIMARY_KEYS[primary] ?? []).some(inOrder);
}

type PrimaryKey = { index: number; keyAis: Set<string> };

/**
 * Finds where the GS1 path starts: the first segment naming a primary key after which only
 * value and qualifier/value pairs in an allowed order remain. Everything before it is the prefix.
 */
function findPrimaryKey(segments: string[]): PrimaryKey | Gs1Failure<DigitalLinkErrorReason> {
  let misfit: Gs1Failure<DigitalLinkErrorReason> | null = null;
  for (let i = 0; i < segments.length; i++) {
    const primary = aiOfName(segments[i]!);
    if (primary === null) continue;
    if (!Object.hasOwn(PRIMARY_KEYS, primary)) {
      if (OTHER_PRIMARY_KEYS.has(primary) && (segments.length - i) % 2 === 0) {
        misfit ??= fail('unsupported_primary_key', `primary key AI (${primary}) is not one a till can use`);
      }
      continue;
    }
    if ((segments.length - i) % 2 !== 0) continue;
    if ((segments.length - i) / 2 - 1 > MAX_QUALIFIERS) {
      misfit ??= fail(
        'bad_qualifier',
        `after primary key AI (${primary}) come more than ${MAX_QUALIFIERS} key qualifiers`,
      );
      continue;
    }
    const rest = segments.slice(i + 2).filter((_, k) => k % 2 === 0);
    const restAis = rest.map(aiOfName);
    if (restAis.every((ai) => ai !== null) && qualifiersFit(primary, restAis as string[])) {
      const alternatives = PRIMARY_KEYS[primary]!.flat();
      return { index: i, keyAis: new Set([primary, ...alternatives, ...Object.keys(PRIMARY_KEYS)]) };
    }
    misfit ??= fail(
      'bad_qualifier',
      `after primary key AI (${primary}) the path has ${rest.map((s) => quote(s)).join(', ')}; allowed key qualifiers, in order: ${describeOrders(primary)}`,
    );
  }
  if (misfit) return misfit;
  const last = segments.at(-1) ?? '';
  if (/^[A-Za-z0-9_-]{8,}$/.test(last) && /[0-9A-Z]/.test(last)) {
    return fail(
      'compressed_digital_link',
      `${quote(last)} looks like a compressed GS1 Digital Link, which this till does not decode; scan the element string instead`,
    );
  }
  return fail(
    'not_digital_link',
    `the path has no GS1 primary key (${Object.keys(PRIMARY_KEYS).join(', ')}) followed by its value`,
  );
}

function describeOrders(primary: string): string {
  const orders = PRIMARY_KEYS[primary] ?? [];
  return orders.length === 0 ? 'none' : orders.map((order) => order.join('/')).join(' or ');
}

type QueryParts = { pairs: Gs1Pair[]; otherParams: Record<string, string> };

/** Splits the query into AI data attributes and other parameters; keys and qualifiers belong in the path. */
function splitQuery(query: string, keyAis: Set<string>): QueryParts | Gs1Failure<DigitalLinkErrorReason> {
  const pairs: Gs1Pair[] = [];
  const others: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = safeDecode(equals < 0 ? part : part.slice(0, equals));
    const value = safeDecode(equals < 0 ? '' : part.slice(equals + 1));
    if (name === null || value === null)
      return fail('bad_uri', `query parameter ${quote(part)} has broken percent-encoding`);
    const ai = /^\d{2,4}$/.test(name) ? name : name === 'exp' ? '17' : null;
    if (ai === null) {
      others.push([name, value]);
    } else if (keyAis.has(ai)) {
      const title = lookupAi(ai)?.title ?? 'key';
      return fail(
        'bad_qualifier',
        `AI (${ai}) ${title} is a key or key qualifier; it belongs in the path, not the query`,
      );
    } else if (lookupAi(ai)?.dlAttribute === false) {
      // The dictionary's "?" flag: only these AIs may ride in a Digital Link's query.
      return fail('not_data_attribute', `${aiName(lookupAi(ai)!)} may not be a Digital Link query attribute`);
    } else {
      pairs.push({ ai, raw: value });
    }
  }
  // fromEntries defines own properties, so a "__proto__" parameter is only data.
  return { pairs, otherParams: Object.fromEntries(others) };
}

/**
 * A Digital Link URI for elements: the first primary key and its qualifiers in the path, the rest
 * as query attributes, on `base` (scheme, domain and any path prefix; default id.gs1.org).
 */
export function formatDigitalLink(
  elements: readonly Gs1Pair[],
  base = 'https://id.gs1.org',
): { ok: true; uri: string } | Gs1Failure<DigitalLinkErrorReason> {
  const primary = elements.find((e) => Object.hasOwn(PRIMARY_KEYS, e.ai));
  if (!primary) {
    return fail(
      'not_digital_link',
      `no primary key (${Object.keys(PRIMARY_KEYS).join(', ')}) to build a Digital Link on`,
    );
  }
  const present = new Set(elements.map((e) => e.ai));
  const order = PRIMARY_KEYS[primary.ai]!.find((o) => o.some((ai) => present.has(ai))) ?? [];
  const inPath = [primary, ...order.flatMap((ai) => elements.filter((e) => e.ai === ai).slice(0, 1))];
  try {
    const path = inPath.map((e) => `/${e.ai}/${encodeURIComponent(e.raw)}`).join('');
    const query = elements
      .filter((e) => !inPath.includes(e))
      .map((e) => `${e.ai}=${encodeURIComponent(e.raw)}`)
      .join('&');
    return { ok: true, uri: `${base.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}` };
  } catch {
    // encodeURIComponent refuses lone UTF-16 surrogates, which no valid AI value contains.
    return fail('bad_charset', 'a value holds a character no URI can carry');
  }
}
