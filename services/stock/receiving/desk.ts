// How receiving asks HQ (services/sync/hq-delivery-desk.ts does it over HTTP): claim a delivery note's
// reference when a receiving starts, so a second terminal of the store is refused at once. HQ out of
// reach is `reachable: false`: the receiving goes ahead offline, and HQ flags a double when it sees one.
import type { DeliveryClaim, DeliveryClaimAnswer } from '../../../core/sync';
import type { HqAnswer } from '../../refund/hq-desk';

export type { HqAnswer };

export interface DeliveryDesk {
  claim(claim: DeliveryClaim): Promise<HqAnswer<DeliveryClaimAnswer>>;
  /** Gives back the claim of a receiving cancelled before it was booked; true when one was released. */
  release?(receivingId: string): Promise<HqAnswer<boolean>>;
}
