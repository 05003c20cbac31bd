// GROUNDWORK (issue 14): a product's sale restrictions (age, hours, quantity) on its page in the catalog,
// filled by the restrictions branch; the catalog branch's product page shows it.
export function RestrictionsPanel({ gtin }: { gtin: string }) {
  return <div data-gtin={gtin} />;
}
