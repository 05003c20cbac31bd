// The produce grid's search: by name in the shopper's language (and the catalog's own name, which a
// shopper may know too), or by the PLU number on the fruit's sticker. Pure, for the unit test.
import { localizedName } from '../../core/catalog/language-tag';
import type { ProduceItemView } from '../../services/api/contract';

/** Case, width and accents do not matter: "ＢＡＮ" and "ban" find Bananas, "pina" finds Piña. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The tiles that match what the shopper typed; all of them for an empty search. */
export function searchProduce(
  items: readonly ProduceItemView[],
  query: string,
  language: string,
): ProduceItemView[] {
  const wanted = fold(query);
  if (wanted === '') return [...items];
  if (/^\d+$/.test(wanted)) return items.filter((item) => item.plu?.startsWith(wanted));
  return items.filter(
    (item) =>
      fold(localizedName(item.name, item.names, language)).includes(wanted) ||
      fold(item.name).includes(wanted),
  );
}
