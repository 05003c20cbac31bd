// A product's page (#/catalog/<gtin>): its details to edit, its store prices, its dated price changes
// and its sale restrictions (RestrictionsPanel, the restrictions screens' own).
import { areaTexts } from '../../app/area-texts';
import { href } from '../../app/route';
import { localizedName } from '../../../core/catalog/language-tag';
import { fill, useLanguage, useTexts } from '../../i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { ApiError } from '../../api/client';
import { catalogApi } from './api';
import { PriceChanges } from './PriceChanges';
import { ProductForm } from './ProductForm';
import { RestrictionsPanel } from './RestrictionsPanel';
import { StorePrices } from './StorePrices';
import { catalogTexts } from './texts';

export function ProductPage({ gtin }: { gtin: string }) {
  const t = useTexts(catalogTexts);
  const area = useTexts(areaTexts);
  const { language } = useLanguage();
  const loaded = useLoad(() => catalogApi.product(gtin), [gtin]);
  const product = loaded.data?.product;
  const back = (
    <a className="button-quiet catalog-link-button" href={href('catalog')}>
      {t.back}
    </a>
  );
  if (!product)
    return (
      <Page title={area.catalog} actions={back}>
        {loaded.error instanceof ApiError && loaded.error.status === 404 ? (
          <Notice tone="info">{t.noProduct}</Notice>
        ) : loaded.error ? (
          <ErrorNotice error={loaded.error} />
        ) : null}
      </Page>
    );
  return (
    // The name in the reader's language when the product has one (the form below still edits the chain's).
    <Page title={localizedName(product.name, product.names, language)} actions={back}>
      <p className="muted catalog-subtitle" data-testid="product-identity">
        {product.barcode}
        {product.plu ? ` · ${t.plu} ${product.plu}` : ''} · {fill(t.version, { version: product.version })}
      </p>
      <div className="catalog-product-grid">
        <ProductForm product={product} onSaved={loaded.reload} />
        <div className="catalog-product-side">
          <StorePrices product={product} onChanged={loaded.reload} />
          <RestrictionsPanel gtin={product.gtin} />
        </div>
      </div>
      <PriceChanges product={product} />
    </Page>
  );
}
