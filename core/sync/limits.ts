// Sizes both ends of sync agree on. HQ's limit can be raised when it starts (bodyLimitBytes); a terminal
// sizes its batches by this default, and still copes with a smaller limit (a 413 or a reset splits).

/** HQ's default largest request body, in bytes (POST /v1/events and the other JSON routes). */
export const HQ_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** A batch of events is filled up to this many bytes of JSON: under HQ's limit, with room for the envelope. */
export const EVENT_BATCH_BYTES = HQ_BODY_LIMIT_BYTES - 16 * 1024;
