// One intervention in the queue: which lane, what, how long it has waited, and the quick answers.
import type { InterventionView } from '../../services/api/lanes-contract';
import { useAttendant } from './context';

export function QueueItem({ call, onOpen }: { call: InterventionView; onOpen(): void }) {
  const { t, act } = useAttendant();
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(call.raisedAt)) / 60_000));
  const needsLane = call.kind === 'age-check' || call.kind === 'payment-unconfirmed';
  // A weight check's detail is the scale's state: said in words.
  const detail = call.kind === 'weight-check' ? (t.scaleProblems[call.detail] ?? call.detail) : call.detail;
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
            {call.kind === 'age-check' ? t.kinds['age-check'] : t.markPaid}
          </button>
        ) : null}
        {!call.acknowledged && call.kind !== 'age-check' ? (
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
        {call.kind !== 'age-check' ? (
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
