// The journal's pure model: entries, their canonical form and how they chain. Hashing is in db/journal.ts.
export * from './canonical';
export * from './entry';
