// The refund desk follows the terminal's enrolment (services/terminal.ts): made with it, replaced when
// hq.json names another, gone while the terminal is not enrolled; the checkout's `refundDesk` holder
// always has the current one, so a refund asks the HQ the terminal syncs with, or knows it is offline.
import type { HqRefundDesk } from '../refund/hq-desk';
import type { HqCredentials } from './credentials';
import { createHqRefundDesk } from './hq-refund-desk';

export interface RefundDeskFollower {
  /** The terminal is (now) enrolled with these credentials. */
  enrolled(credentials: HqCredentials): void;
  /** The enrolment's sync stopped: no desk until the next one. */
  left(): void;
  /** Keeps `holder.current` on the current desk from now on. */
  serve(holder: { current: HqRefundDesk | null }): void;
}

export function refundDeskFollower(
  make: (credentials: HqCredentials) => HqRefundDesk = createHqRefundDesk,
): RefundDeskFollower {
  let desk: HqRefundDesk | null = null;
  let holder: { current: HqRefundDesk | null } | null = null;
  const set = (next: HqRefundDesk | null) => {
    desk = next;
    if (holder) holder.current = next;
  };
  return {
    enrolled: (credentials) => set(make(credentials)),
    left: () => set(null),
    serve(next) {
      holder = next;
      next.current = desk;
    },
  };
}
