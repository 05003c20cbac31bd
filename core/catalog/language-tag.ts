/**
 * BCP 47 language tags (RFC 5646) for the catalog's `name_<tag>` columns: whether a tag is well-formed,
 * its canonical case, and which of a product's names a shopper's language picks (RFC 4647 lookup).
 */

/** Product names by language tag, beside the product's own `name` (the fallback). */
export type LocalizedNames = Readonly<Record<string, string>>;

/** Longest tag accepted: RFC 5646 §4.4.1 asks implementations to hold at least 35 characters. */
export const MAX_TAG_LENGTH = 35;

// RFC 5646 §2.1's langtag production (no extlang ranges beyond its syntax), private use, and the
// regular grandfathered tags are left out: a catalog names a shopper's language, not a legacy code.
const LANGTAG = new RegExp(
  '^(?:' +
    '(?<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' +
    '(?:-(?<script>[a-z]{4}))?' +
    '(?:-(?<region>[a-z]{2}|\\d{3}))?' +
    '(?<variants>(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*)' +
    '(?<extensions>(?:-[\\da-wyz](?:-[a-z\\d]{2,8})+)*)' +
    '(?:-x(?:-[a-z\\d]{1,8})+)?' +
    '|x(?:-[a-z\\d]{1,8})+' +
    ')$',
  'i',
);

/**
 * The tag in its canonical case (`zh-cn` → `zh-CN`, `sr-latn-rs` → `sr-Latn-RS`), or null when it is
 * not a well-formed BCP 47 tag (or repeats a variant or an extension singleton, which RFC 5646 forbids).
 */
export function canonicalTag(tag: string): string | null {
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) return null;
  const match = LANGTAG.exec(tag);
  if (!match) return null;
  const variants = (match.groups?.variants ?? '').toLowerCase().split('-').filter(Boolean);
  if (new Set(variants).size !== variants.length) return null;
  const singletons = [...(match.groups?.extensions ?? '').toLowerCase().matchAll(/-([\da-wyz])-/g)].map(
    (m) => m[1],
  );
  if (new Set(singletons).size !== singletons.length) return null;
  // Case by position (§2.1.1): a 4-letter subtag after the first is a script, a 2-letter one a region,
  // until a singleton starts an extension or private use, after which all is lower case.
  let inExtension = false;
  return tag
    .split('-')
    .map((part, index) => {
      const lower = part.toLowerCase();
      if (index === 0 && lower === 'x') inExtension = true; // a private-use tag is lower case throughout
      if (index === 0 || inExtension) return lower;
      if (lower.length === 1) {
        inExtension = true;
        return lower;
      }
      if (lower.length === 2) return lower.toUpperCase();
      if (lower.length === 4 && /^[a-z]+$/.test(lower)) return lower[0]!.toUpperCase() + lower.slice(1);
      return lower;
    })
    .join('-');
}

/**
 * The product's name for a shopper's language: the exact tag, else the tag cut one subtag at a time
 * (`zh-Hans-CN` → `zh-Hans` → `zh`, RFC 4647 §3.4 lookup), else `name`. Tags compare case-insensitively.
 */
export function localizedName(
  name: string,
  names: LocalizedNames | null | undefined,
  language: string,
): string {
  if (!names) return name;
  const byLowerTag = new Map(Object.entries(names).map(([tag, text]) => [tag.toLowerCase(), text]));
  let wanted = language.toLowerCase();
  for (;;) {
    const found = byLowerTag.get(wanted);
    if (found) return found;
    const cut = wanted.lastIndexOf('-');
    if (cut <= 0) return name;
    wanted = wanted.slice(0, cut);
    // A lone singleton left at the end (`de-x`) is no tag of its own (RFC 4647 §3.4 step 2).
    if (wanted.length >= 2 && wanted[wanted.length - 2] === '-') wanted = wanted.slice(0, -2);
  }
}
