// The catalog routes' replies, as the back office reads them (types from the server, calls through
// the one client).
import { api } from '../../api/client';
import type { ImportJobView } from '../../../server/catalog/import-jobs';
import type { ProductDetail } from '../../../server/catalog/product';
import type { ProductEdit } from '../../../server/catalog/product-edit';
import type { ProductSummary, SearchPage } from '../../../server/catalog/search';
import type { PriceChangeView } from '../../../server/prices/office';

export type { ImportJobView, PriceChangeView, ProductDetail, ProductEdit, ProductSummary };

export const catalogApi = {
  search: (q: string, after?: string | null) =>
    api.get<SearchPage>('/admin/v1/products', { q, after, limit: 20 }),
  product: (gtin: string) => api.get<{ product: ProductDetail }>(`/admin/v1/products/${gtin}`),
  edit: (gtin: string, edit: ProductEdit) =>
    api.patch<{ product: ProductDetail; changed: boolean; version: number | null }>(
      `/admin/v1/products/${gtin}`,
      edit,
    ),
  setStorePrice: (gtin: string, store: string, price: string) =>
    api.put<{ product: ProductDetail }>(
      `/admin/v1/products/${gtin}/store-prices/${encodeURIComponent(store)}`,
      { price },
    ),
  removeStorePrice: (gtin: string, store: string) =>
    api.delete<{ product: ProductDetail }>(
      `/admin/v1/products/${gtin}/store-prices/${encodeURIComponent(store)}`,
    ),
  priceChanges: (gtin: string) =>
    api.get<{ changes: PriceChangeView[] }>(`/admin/v1/products/${gtin}/price-changes`),
  schedule: (gtin: string, body: { price: string; effectiveAt: string; store?: string }) =>
    api.post<{ change: PriceChangeView }>(`/admin/v1/products/${gtin}/price-changes`, body),
  cancel: (id: number) => api.delete<{ change: PriceChangeView }>(`/admin/v1/price-changes/${id}`),
  jobs: () => api.get<{ jobs: ImportJobView[] }>('/admin/v1/catalog/import-jobs'),
  job: (id: string) => api.get<{ job: ImportJobView }>(`/admin/v1/catalog/import-jobs/${id}`),
};
