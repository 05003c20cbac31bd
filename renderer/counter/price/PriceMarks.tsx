// How the sale shows what the counter changed: a line's old price struck through and its discount
// under the amount; the sale discount and the customer's savings under the total.
import type { BasketLineView, BasketView } from '../../../services/api/contract';
import { money, taxRate } from '../../format';
import { useI18n } from '../../i18n';

/** The catalog price the line was overridden from, struck through. */
export function PriceWas({ line, currency }: { line: BasketLineView; currency: string }) {
  const { t, language } = useI18n();
  const was = line.adjustment?.originalUnitPrice;
  if (was === null || was === undefined) return null;
  return (
    <span className="counter-price-was" data-testid="line-price-was">
      {t.price.wasLabel} <s>{money(was, currency, language)}</s>
    </span>
  );
}

/** The line discount: "Discount 10% −1.29". */
export function LineDiscount({ line, currency }: { line: BasketLineView; currency: string }) {
  const { t, language } = useI18n();
  const discount = line.adjustment?.discount;
  if (!discount) return null;
  const what = discount.kind === 'percent' ? taxRate(discount.value) : '';
  return (
    <span className="counter-line-discount" data-testid="line-discount">
      {t.price.discountLabel(what)} −{money(discount.amount, currency, language)}
    </span>
  );
}

/** Under the total: the sale discount and what the customer saves in all. */
export function SaleDiscountLine({ basket }: { basket: BasketView }) {
  const { t, language } = useI18n();
  const sale = basket.saleDiscount;
  const savings = basket.totals.savings;
  if (!sale && !savings) return null;
  const what = sale?.kind === 'percent' ? taxRate(sale.value) : '';
  return (
    <>
      {sale ? (
        <div className="counter-sale-discount" data-testid="sale-discount">
          <span>{t.price.saleDiscountLine(what)}</span>
          <span>−{money(sale.amount, basket.currency, language)}</span>
        </div>
      ) : null}
      {savings ? (
        <div className="counter-sale-discount" data-testid="sale-savings">
          <span>{t.price.savings}</span>
          <span>{money(savings, basket.currency, language)}</span>
        </div>
      ) : null}
    </>
  );
}
