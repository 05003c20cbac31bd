// The sync protocol between a terminal and HQ, once: the wire types both sides name, the builders
// tests make events with, the sizes both ends agree on and the values HQ can store. Pure: no I/O, no
// schema library (each side checks what it receives with its own zod schema, typed against these).
export * from './events';
export * from './limits';
export * from './replies';
export * from './values';
export * from './refunds';
export * from './receiving';
export * from './counting';
export * from './prices';
export * from './telemetry';
export * from './sale-rules';
