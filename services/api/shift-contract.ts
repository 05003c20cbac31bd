// The counter shift as the TerminalApi shows it (services/shift): the open shift, the X and Z reports,
// and the cash drawer's state. Types only: the renderer imports them with `import type`.
import type { Denomination } from '../../core/cash';
import type { ShiftFigures } from '../../core/shift';

export type { ShiftFigures };

/** The open shift at this counter. */
export interface ShiftView {
  id: string;
  terminalId: string;
  currency: string;
  openedAt: string;
  /** The staff id who opened it. */
  openedBy: string;
  floatTotal: number;
  floatCounts: Record<string, number>;
}

/** What `shift.current` answers: the open shift or null, and the notes and coins a count is made of. */
export interface ShiftStateView {
  shift: ShiftView | null;
  /**
   * Whether a staff member is signed in (ctx.duty): the float is asked for after the sign-in, and with
   * nobody signed in every shift act is refused `not_signed_in`.
   */
  signedIn: boolean;
  currency: string;
  denominations: readonly Denomination[];
}

/** An X report: the open shift's figures now, read-only (no count, so no expected-versus-counted). */
export interface XReportView {
  shift: ShiftView;
  figures: ShiftFigures;
  /** Terminal's clock, ISO 8601. */
  at: string;
}

/** A Z report as written at close: numbered gap-free per terminal, never changed. */
export interface ZReportView {
  terminalId: string;
  number: number;
  shiftId: string;
  currency: string;
  openedAt: string;
  openedBy: string;
  closedAt: string;
  closedBy: string;
  /** The supervisor or manager who approved a difference over the closer's limit, or null. */
  approvedBy: string | null;
  figures: ShiftFigures;
  countedCounts: Record<string, number>;
  /** The paper copy: printed, or why not (no printer, printer offline…). */
  printed: boolean;
}

/**
 * The cash drawer as the receipt printer reports it (ESC/POS DLE EOT 1, the drawer kick-out connector's
 * pin 3): `unknown` without a printer or before it answered; `stayed_shut` when a pulse was sent and the
 * drawer still reads shut (jammed, locked, unplugged from the printer).
 */
export interface DrawerStatusView {
  state: 'unknown' | 'open' | 'closed' | 'stayed_shut';
  /** The last reason it was kicked, if any. */
  lastReason: string | null;
}

/** A supervisor's badge and PIN, approving a close over the cashier's cash-difference limit. */
export interface ShiftApproval {
  badge: string;
  pin: string;
}
