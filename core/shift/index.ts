/** A shift's events and the figures of its X and Z reports. */
export * from './events';
export * from './figures';
