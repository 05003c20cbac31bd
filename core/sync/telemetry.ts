// What a terminal tells HQ about itself on each sync (POST /v1/telemetry), for the back office's device
// list: its software, how far its catalog has caught up, and what is still waiting in its outbox. HQ
// measures the clock skew from `sentAt` and notes the time as the device's last contact. A route of its
// own, so an older HQ (404) and an older terminal (never calls it) both keep working.

/** The body of POST /v1/telemetry. HQ ignores fields it does not know, so newer terminals may add some. */
export interface TelemetryReport {
  /** The terminal's clock as it sent this (ISO 8601): HQ's receive time minus it is the clock skew. */
  sentAt: string;
  /** The OpenLane version the terminal runs (package.json's `version`). */
  softwareVersion: string;
  /** The HQ catalog version the terminal has caught up with; 0 before its first catalog. */
  catalogVersion: number;
  outbox: {
    /** Events still waiting to go up. */
    pending: number;
    /** Of those, finished sales. */
    pendingSales: number;
    /** When the oldest waiting event was made, by the terminal's clock; null when nothing waits. */
    oldestOccurredAt: string | null;
  };
}

/** HQ's answer: its clock, and its receive time minus the terminal's `sentAt`, in ms. */
export interface TelemetryReply {
  ok: true;
  receivedAt: string;
  clockSkewMs: number;
}

/** Letters, digits and `.+-_` — a semver such as `0.1.0` or `1.2.0-rc.1+build.5`. */
export const SOFTWARE_VERSION = /^[0-9A-Za-z.+_-]{1,40}$/;
