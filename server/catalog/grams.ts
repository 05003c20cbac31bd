// The search grams of server/catalog/search.ts, cut in JavaScript: in SQL (the IMMUTABLE functions of
// migration 0019, which the migration uses once for the products it finds) they cost about a millisecond
// a product on PGlite, which would have made a million-product import minutes slower. Characters are
// counted as code points, like PostgreSQL's substr, and folded by JavaScript's toLowerCase (all of
// Unicode, where PostgreSQL's lower() in a C-ctype database folds ASCII only).

/** The text a product is found by: its name and its names in other languages, lower-cased. */
export function searchText(name: string, names: Readonly<Record<string, string>> | null | undefined): string {
  return [name, ...Object.values(names ?? {})].join(' ').toLowerCase();
}

/** Every bigram and trigram of the text, and every character beyond ASCII alone. */
export function searchGrams(text: string): string[] {
  const chars = [...text];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    if (chars[i]!.codePointAt(0)! > 127) grams.add(chars[i]!);
    if (i + 2 <= chars.length) grams.add(chars[i]! + chars[i + 1]!);
    if (i + 3 <= chars.length) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return [...grams];
}

/**
 * A query's grams: itself when it has one or two characters, else trigrams side by side and the last
 * one ('whole milk' → who, le_, mil, ilk): as selective as all its trigrams, but fewer lists to read.
 */
export function queryGrams(lowered: string): string[] {
  const chars = [...lowered];
  if (chars.length <= 2) return [lowered];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 3) grams.add(chars.slice(i, i + 3).join(''));
  grams.add(chars.slice(-3).join(''));
  return [...grams];
}
