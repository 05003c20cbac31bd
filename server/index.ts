// The HQ server's public surface, for the `openlane server …` commands and for tests.
export { startServer, DEFAULT_PORT } from './start';
export type { StartOptions, RunningServer } from './start';
export { openDatabase, resolveTarget, withDatabase } from './db/open';
export type { TargetOptions } from './db/open';
export type { Database, DatabaseTarget, Queryable } from './db/database';
export { createEnrolmentCode } from './auth/enrolment';
export type { EnrolmentCode } from './auth/enrolment';
export { importCatalogCsv, importCatalogFile, deleteCatalogEntries } from './catalog/import';
export type { CatalogImportOptions, CatalogImportResult, CatalogDeleteResult } from './catalog/import';
export { catalogChanges, parseCursor } from './catalog/changes';
export type { CatalogItem, CatalogPage } from './catalog/changes';
export { rotateStoreKey, DEFAULT_ROTATION_GRACE_SECONDS } from './auth/store-keys';
export type { Rotation } from './auth/store-keys';
export { importPurchaseOrders } from './stock/po-import';
export type { PoImportResult, PoRowError } from './stock/po-import';
export { importPriceCsv } from './prices/import';
export type { PriceImportResult } from './prices/import';
