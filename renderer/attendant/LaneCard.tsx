// One lane on the board: what it is doing, or why it needs someone, at a glance from across the floor.
import type { LaneBoardEntry } from '../../services/api/lanes-contract';
import { money } from '../format';
import { useAttendant } from './context';

/** The one word that matters most about a lane: offline over closed over paused over a call over activity. */
export function laneState(lane: LaneBoardEntry): string {
  if (!lane.online) return 'offline';
  if (lane.mode !== 'open') return lane.mode;
  if (lane.calls.length) return 'needs-help';
  return lane.activity;
}

export function LaneCard({ lane, onOpen }: { lane: LaneBoardEntry; onOpen(): void }) {
  const { t, language } = useAttendant();
  const state = laneState(lane);
  const label =
    state === 'offline'
      ? lane.lastSeenAt
        ? t.offline
        : t.neverSeen
      : state === 'paused'
        ? t.paused
        : state === 'closed'
          ? t.closed
          : state === 'needs-help'
            ? t.needsHelp
            : t.activity[lane.activity];
  const oldest = lane.calls[0];
  return (
    <button
      type="button"
      className={`att-lane state-${state}`}
      data-testid={`lane-${lane.laneId}`}
      data-state={state}
      onClick={onOpen}
    >
      <span className="att-lane-name">{t.lane(lane.name)}</span>
      <span className="att-lane-state" data-testid={`lane-${lane.laneId}-state`}>
        {label}
      </span>
      {oldest && lane.online ? <span className="att-lane-why">{t.kinds[oldest.kind]}</span> : null}
      <span className="att-lane-basket" data-testid={`lane-${lane.laneId}-basket`}>
        {lane.items > 0 ? `${t.items(lane.items)} · ${money(lane.total, lane.currency, language)}` : ' '}
      </span>
    </button>
  );
}
