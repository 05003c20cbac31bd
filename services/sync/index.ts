// The terminal's sync with HQ: enrolment, one full sync, the background loop and the status it shows.
export { enrolTerminal } from './enrol';
export type { EnrolInput } from './enrol';
export { loadCredentials, saveCredentials, credentialsPath, normaliseServerUrl } from './credentials';
export type { HqCredentials } from './credentials';
export { createHqClient, HqError } from './hq-client';
export type { HqClient, HqClientOptions } from './hq-client';
export { pushOutbox, MAX_BATCH } from './push';
export type { PushResult } from './push';
export { pullCatalog, PAGE_SIZE } from './pull';
export type { PullProgress, PullResult } from './pull';
export { syncOnce } from './sync-once';
export type { SyncSummary, SyncOnceOptions } from './sync-once';
export { startSync, backoffDelay } from './loop';
export type { SyncEvent, SyncLoop, SyncLoopOptions } from './loop';
export { syncStatus, STALE_OUTBOX_SECONDS } from './status';
export type { SyncStatus } from './status';
export { loadStoreLink, refreshStoreLink, storeLinkPath, STORE_LINK_FILE } from './store-link';
export type { StoreLinkInfo } from './store-link';
