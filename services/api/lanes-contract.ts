/**
 * The lane link's shapes as the screens see them: a kiosk's own lane (its mode and its call for help)
 * and the attendant console's board (every lane, the interventions queue). services/lanes makes them.
 * The renderer imports this file with `import type` only.
 */
/** Whether a lane takes shoppers: the attendant pauses or closes it from the console. */
export type LaneMode = 'open' | 'paused' | 'closed';

/** What a lane is doing, as the lane itself sees it (the console adds `offline`). */
export type LaneActivity = 'idle' | 'shopping' | 'paying' | 'paid';

/** Why a lane needs an attendant; the console's queue shows them oldest first. */
export type InterventionKind =
  | 'age-check'
  | 'help'
  | 'unknown-item'
  | 'payment-unconfirmed'
  | 'weight-check'
  | 'device-fault'
  /** A pack of a product with a lot recall, scanned by plain EAN: the attendant reads its lot. */
  | 'lot-check';

/** A call from a lane: raised there, kept in its SQLite until handled, acknowledged from the console. */
export interface LaneCallView {
  id: string;
  kind: InterventionKind;
  /** What it is about, in no language: the code scanned, the provider's reason, the device path; may be empty. */
  detail: string;
  /** The lane's clock, ISO 8601. */
  raisedAt: string;
  /** The console has the call (it answered the lane's report carrying it). */
  delivered: boolean;
  /** An attendant acknowledged it from the console: "an attendant is coming". */
  acknowledged: boolean;
  /** For a `payment-unconfirmed` call: the payment the attendant may mark paid. */
  paymentId?: string | null;
  /** For an `age-check` or `lot-check` call: the check the attendant decides. */
  checkId?: string | null;
}

/** The shopper's call for help as the kiosk shows it. */
export type HelpCallStatus =
  /** Raised; the console has not answered yet. */
  | 'calling'
  /** The console has it; nobody has acknowledged yet. */
  | 'waiting'
  /** An attendant acknowledged it. */
  | 'coming'
  /** No console is configured, or none answered in time: staff can still help at the lane with a badge. */
  | 'unanswered';

/** The kiosk's own lane: its mode and its open help call. */
export interface LaneSelfView {
  mode: LaneMode;
  help: { callId: string; status: HelpCallStatus } | null;
  /** Whether the lane link runs, and if not why (no store key, no console address). */
  link: LinkStatusView;
}

export interface LinkStatusView {
  on: boolean;
  /** Why it is off (or what it is missing), in words for staff; null when all is well. */
  problem: string | null;
}

/** One lane on the console's board. */
export interface LaneBoardEntry {
  laneId: string;
  /** The lane's name for people (its terminal id when nothing else is known). */
  name: string;
  /** No report from the lane for the console's offline time. */
  online: boolean;
  mode: LaneMode;
  activity: LaneActivity;
  items: number;
  /** Basket total in minor units, with `currency`. */
  total: number;
  currency: string;
  /** The open calls, oldest first. */
  calls: LaneCallView[];
  /** The console's clock when it last heard from the lane (ISO 8601), or null if never. */
  lastSeenAt: string | null;
  /** A payment in flight that the attendant may mark paid, if any. */
  paymentId: string | null;
}

/** One entry of the interventions queue: a lane's call, with the lane named. */
export interface InterventionView extends LaneCallView {
  laneId: string;
}

/** Everything the attendant console shows. */
export interface LaneBoardView {
  lanes: LaneBoardEntry[];
  /** Every open call of every lane, oldest first. */
  queue: InterventionView[];
  link: LinkStatusView;
}

/** An age check a lane holds for an attendant (services/lanes/age-checks.ts adapts the lane's own). */
export interface AgeCheckView {
  checkId: string;
  /** The youngest age the basket's items need. */
  minimumAge: number;
  /** The item(s) it is for, for the attendant. */
  detail: string;
  raisedAt: string;
}
