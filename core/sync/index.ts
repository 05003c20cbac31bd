// The sync protocol between a terminal and HQ, once: the wire types both sides name, and builders
// for events. Pure: no I/O, no schema library (each side checks what it receives with its own zod
// schema, typed against these).
export * from './events';
export * from './replies';
