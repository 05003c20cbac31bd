#!/usr/bin/env node
// Turns GS1's Barcode Syntax Dictionary (core/barcode/gs1/syntax-dictionary/) into the committed
// TypeScript table core/barcode/gs1/ai-table.generated.ts: one entry per AI, with its components,
// check routines, FNC1 need, Digital Link role and pairing rules. `npm run generate:gs1` writes it;
// a unit test regenerates it and compares, so the table cannot drift from the dictionary.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DICTIONARY_DIR = join(ROOT, 'core/barcode/gs1/syntax-dictionary');
export const DICTIONARY_PATH = join(DICTIONARY_DIR, 'gs1-syntax-dictionary.txt');
export const OUTPUT_PATH = join(ROOT, 'core/barcode/gs1/ai-table.generated.ts');

// The dictionary's flag characters ("Allocated from" in its header); only "*" and "?" are defined.
const FLAG_CHARS = /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;
const COMPONENT = /^(\[?)([NXYZ])(\.\.)?(\d+)(\]?)((?:,[a-z0-9]+)*)$/;
const AI_RANGE = /^(\d{2,4})(?:-(\d{2,4}))?$/;
const AI_PATTERN = /^[0-9n]{2,4}$/;

/** Parses one component such as `N14,csum,gcppos2`, `X..20` or `[N3],iso3166`. */
function parseComponent(token, line) {
  const match = COMPONENT.exec(token);
  if (!match) throw new Error(`line ${line}: cannot read component "${token}"`);
  const [, open, charset, variable, length, close, linters] = match;
  if (open !== (close ? '[' : '')) throw new Error(`line ${line}: unbalanced brackets in "${token}"`);
  const max = Number(length);
  return {
    charset,
    min: variable ? 1 : max,
    max,
    optional: open === '[',
    linters: linters ? linters.slice(1).split(',') : [],
  };
}

function patterns(list, line) {
  const items = list.split(',');
  for (const item of items) {
    for (const ai of item.split('+')) {
      if (!AI_PATTERN.test(ai)) throw new Error(`line ${line}: "${ai}" is not an AI or AI pattern`);
    }
  }
  return items;
}

/** Reads the attributes of one entry: ex=, req=, dlpkey[=…]; a repeated key applies each time. */
function parseAttributes(tokens, line) {
  const attributes = { ex: [], req: [], dlpkey: null };
  for (const token of tokens) {
    const [key, value] = token.includes('=') ? token.split('=', 2) : [token, null];
    if (key === 'ex' && value) {
      attributes.ex.push(...patterns(value, line));
    } else if (key === 'req' && value) {
      attributes.req.push(patterns(value, line).map((group) => group.split('+')));
    } else if (key === 'dlpkey' && attributes.dlpkey === null) {
      attributes.dlpkey = value === null ? [[]] : value.split('|').map((order) => patterns(order, line));
    } else {
      throw new Error(`line ${line}: unknown attribute "${token}"`);
    }
  }
  return attributes;
}

/** Every AI of a range like `3100-3105` or `91-99`, keeping the width. */
function expandRange(token, line) {
  const match = AI_RANGE.exec(token);
  if (!match) throw new Error(`line ${line}: "${token}" is not an AI or AI range`);
  const [, first, last = first] = match;
  if (first.length !== last.length || Number(last) < Number(first))
    throw new Error(`line ${line}: bad AI range "${token}"`);
  const ais = [];
  for (let n = Number(first); n <= Number(last); n++) ais.push(String(n).padStart(first.length, '0'));
  return ais;
}

/** Parses the dictionary text into entries, one per AI, in the dictionary's (lexical) order. */
export function parseDictionary(text) {
  const entries = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const hash = raw.indexOf('#');
    const body = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (body === '') return;
    const title = hash < 0 ? '' : raw.slice(hash + 1).trim();
    const tokens = body.split(/\s+/);
    const ais = expandRange(tokens.shift(), line);
    const flags = FLAG_CHARS.test(tokens[0] ?? '') && !COMPONENT.test(tokens[0]) ? tokens.shift() : '';
    const components = [];
    while (tokens.length && COMPONENT.test(tokens[0])) components.push(parseComponent(tokens.shift(), line));
    if (!components.length) throw new Error(`line ${line}: no format specification`);
    const attributes = parseAttributes(tokens, line);
    for (const ai of ais) {
      entries.push({
        ai,
        title,
        fnc1: !flags.includes('*'),
        dlAttribute: flags.includes('?'),
        components,
        ...attributes,
      });
    }
  });
  return entries;
}

/** The commit of GS1's repository the copy was taken from, as its README names it. */
export function dictionaryVersion(readme) {
  const commit = /`([0-9a-f]{40})`/.exec(readme);
  if (!commit) throw new Error('the syntax dictionary README names no 40-digit commit');
  return `gs1/gs1-syntax-dictionary@${commit[1]}`;
}

const str = (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const list = (items, item = str) => `[${items.map(item).join(', ')}]`;

function component(c) {
  return `{ charset: ${str(c.charset)}, min: ${c.min}, max: ${c.max}, optional: ${c.optional}, linters: ${list(c.linters)} }`;
}

function entry(e) {
  const dlpkey = e.dlpkey === null ? 'null' : list(e.dlpkey, (order) => list(order));
  const req = list(e.req, (rule) => list(rule, (group) => list(group)));
  return (
    `  { ai: ${str(e.ai)}, title: ${str(e.title)}, fnc1: ${e.fnc1}, dlAttribute: ${e.dlAttribute}, ` +
    `components: ${list(e.components, component)}, ex: ${list(e.ex)}, req: ${req}, dlpkey: ${dlpkey} },`
  );
}

/** The TypeScript source of the generated table. */
export function generate(dictionaryText, readmeText) {
  const entries = parseDictionary(dictionaryText);
  return `// GENERATED by scripts/generate-gs1-ais.mjs from core/barcode/gs1/syntax-dictionary/ (GS1 Barcode
// Syntax Dictionary, Apache-2.0). Do not edit: replace the dictionary and run \`npm run generate:gs1\`.

import type { DictionaryAi } from './dictionary-types';

export const SYNTAX_DICTIONARY_VERSION = ${str(dictionaryVersion(readmeText))};

// prettier-ignore
export const DICTIONARY_AIS: readonly DictionaryAi[] = [
${entries.map(entry).join('\n')}
];
`;
}

export function generateFromRepository() {
  return generate(
    readFileSync(DICTIONARY_PATH, 'utf8'),
    readFileSync(join(DICTIONARY_DIR, 'README.md'), 'utf8'),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = generateFromRepository();
  writeFileSync(OUTPUT_PATH, source);
  console.log(`wrote ${OUTPUT_PATH.slice(ROOT.length + 1)} (${source.split('\n').length} lines)`);
}
