// What a scan names, as staff need it on the floor: the name in their language, the shelf price and
// its unit price, what is on hand here, and (for the price check) the price coming next.
import type { StockItemView } from '../../services/api/contract';
import { dateTime, money, quantityText } from '../format';
import { useI18n } from '../i18n';

export function itemName(item: StockItemView, language: string): string {
  return item.names[language] ?? item.name;
}

export function ItemCard({ item, detail = false }: { item: StockItemView; detail?: boolean }) {
  const { t, language } = useI18n();
  const words = t.stock;
  const m = (minor: number) => money(minor, item.currency, language);
  const { shelf, onHand } = item;
  const unitPrice = shelf.unitPrice
    ? (shelf.unitPrice.per === 'kg' ? words.perKg : words.perL)(m(shelf.unitPrice.amount))
    : null;
  const day = (iso: string) => dateTime(iso, language);
  return (
    <section className="stock-item" data-testid="stock-item" data-gtin={item.gtin} aria-live="polite">
      <h2 className="stock-item-name" data-testid="stock-item-name">
        {itemName(item, language)}
      </h2>
      <p className="stock-muted stock-item-code">
        {item.gtin}
        {item.department ? ` · ${words.department} ${item.department}` : ''}
      </p>
      <dl className="stock-facts">
        <div>
          <dt>{words.price}</dt>
          <dd data-testid="stock-item-price">{m(shelf.price)}</dd>
          {detail && shelf.effectiveFrom ? (
            <dd className="stock-muted">{words.effectiveFrom(day(shelf.effectiveFrom))}</dd>
          ) : null}
        </div>
        {unitPrice ? (
          <div>
            <dt>{words.unitPrice}</dt>
            <dd data-testid="stock-item-unit-price">{unitPrice}</dd>
          </div>
        ) : null}
        <div>
          <dt>{words.onHand}</dt>
          <dd data-testid="stock-item-on-hand">{quantityText(item.unit, onHand.total)}</dd>
          <dd className="stock-muted">
            {onHand.hq === null
              ? words.onHandNoHq
              : words.onHandSplit(quantityText(item.unit, onHand.hq), signed(item, onHand.local))}
          </dd>
        </div>
        {detail ? (
          <div>
            <dt>{words.nextPrice}</dt>
            <dd data-testid="stock-item-next-price">
              {shelf.next
                ? words.nextPriceFrom(m(shelf.next.price), day(shelf.next.effectiveFrom))
                : words.noNextPrice}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function signed(item: StockItemView, quantity: number): string {
  const text = quantityText(item.unit, Math.abs(quantity));
  return quantity < 0 ? `−${text}` : `+${text}`;
}
