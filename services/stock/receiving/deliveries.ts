// The expected deliveries as the stock screen lists them: HQ's purchase orders and incoming transfers,
// from the cache the sync keeps (so the list is there offline), each line named from the catalog.
import { findProduct } from '../../../db/catalog';
import type { Database } from '../../../db/open';
import { deliveriesFetchedAt, listExpectedDeliveries } from '../../../db/receivings';
import type { ExpectedDeliveryView } from '../../api/contract';

export function deliveriesView(
  db: Database,
  language: string | undefined,
): { deliveries: ExpectedDeliveryView[]; fetchedAt: string | null } {
  const deliveries = listExpectedDeliveries(db).map((d) => ({
    id: d.id,
    kind: d.kind,
    number: d.number,
    from: d.from,
    expectedOn: d.expectedOn,
    lines: d.lines.map((l) => {
      const product = findProduct(db, l.gtin);
      return {
        gtin: l.gtin,
        name: (language && product?.names?.[language]) || product?.name || l.gtin,
        unit: product?.unit ?? ('each' as const),
        expected: l.expected,
        received: l.received,
      };
    }),
  }));
  return { deliveries, fetchedAt: deliveriesFetchedAt(db) };
}
