/** Cash at the counter: notes and coins per currency, drawer counts, cash rounding, change and quick keys. */
export * from './change';
export * from './denominations';
export * from './drawer-count';
export * from './rounding';
export * from './settle';
