// One intervention in the queue: which lane, what, how long it has waited, and the quick answers.
import type { InterventionView } from '../../services/api/lanes-contract';
import { useAttendant } from './context';

export function QueueItem({ call, onOpen }: { call: InterventionView; onOpen(): void }) {
  const { t, act } = useAttendant();
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(call.raisedAt)) / 60_000));
  // A check decided with the attendant's badge and PIN: the lane's panel holds the form, and it leaves
  // the queue only when decided (no "On my way" or "Handled").
  const decided = call.kind === 'age-check' || call.kind === 'lot-check';
  const needsLane = decided || call.kind === 'payment-unconfirmed';
  // A weight check's detail is the scale's state, a lot check's the product: said in words.
  const detail =
    call.kind === 'weight-check'
      ? (t.scaleProblems[call.detail] ?? call.detail)
      : call.kind === 'lot-check'
        ? t.checkLot(call.detail)
        : call.detail;
  return (
    <li className={`att-call kind-${call.kind}`} data-testid={`call-${call.laneId}-${call.kind}`}>
      <div className="att-call-head">
        <span className="att-call-kind">{t.kinds[call.kind]}</span>
        <span className="att-call-lane">{t.lane(call.laneId)}</span>
      </div>
      <p className="att-call-detail">
        {detail ? `${detail} · ` : ''}
        {t.since(minutes)}
      </p>
      {call.acknowledged ? <p className="att-call-ack">{t.acknowledged}</p> : null}
      <div className="att-call-actions">
        {needsLane ? (
          <button type="button" className="button primary" onClick={onOpen}>
            {decided ? t.kinds[call.kind] : t.markPaid}
          </button>
        ) : null}
        {!call.acknowledged && !decided ? (
          <button
            type="button"
            className="button secondary"
            data-testid="call-acknowledge"
            onClick={() =>
              void act((c) => c.call('lanes.acknowledge', { laneId: call.laneId, callId: call.id }))
            }
          >
            {t.acknowledge}
          </button>
        ) : null}
        {!decided ? (
          <button
            type="button"
            className="button secondary"
            data-testid="call-handled"
            onClick={() => void act((c) => c.call('lanes.handle', { laneId: call.laneId, callId: call.id }))}
          >
            {t.handled}
          </button>
        ) : null}
      </div>
    </li>
  );
}
