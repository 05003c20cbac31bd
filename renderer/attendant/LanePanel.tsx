// One lane up close: pause, close or open it, read its basket, mark a stuck payment paid and decide
// its age and lot checks — the last three with the attendant's badge and PIN, checked by the lane itself.
import { useEffect, useState } from 'react';
import type { BasketView } from '../../services/api/contract';
import type { LaneBoardEntry, LaneCallView } from '../../services/api/lanes-contract';
import { money, quantityText } from '../format';
import { Modal } from '../kiosk/dialogs';
import { useAttendant } from './context';
import { laneState } from './LaneCard';
import { StaffForm } from './StaffForm';

const MODES = ['open', 'paused', 'closed'] as const;

export function LanePanel({ lane, onClose }: { lane: LaneBoardEntry; onClose(): void }) {
  const { t, act, client, language, error } = useAttendant();
  const [basket, setBasket] = useState<BasketView | null | 'loading'>('loading');
  const [paying, setPaying] = useState(false);
  const setMode = (mode: LaneBoardEntry['mode']) =>
    void act((c) => c.call('lanes.setMode', { laneId: lane.laneId, mode }));

  useEffect(() => {
    let live = true;
    setBasket('loading');
    void client?.call('lanes.basket', { laneId: lane.laneId }).then((result) => {
      if (live) setBasket(result.ok ? result.value.basket : null);
    });
    return () => {
      live = false;
    };
  }, [client, lane.laneId, lane.items, lane.total]);

  const ageChecks = lane.calls.filter((call) => call.kind === 'age-check');
  const lotChecks = lane.calls.filter((call) => call.kind === 'lot-check');
  return (
    <Modal testId="lane-panel" title={`${t.lane(lane.name)} · ${stateWord(t, lane)}`} onClose={onClose}>
      {!lane.online ? (
        <p className="dialog-lead">
          {lane.lastSeenAt ? t.lastSeen(new Date(lane.lastSeenAt).toLocaleTimeString(language)) : t.neverSeen}
        </p>
      ) : null}
      {error ? (
        <p className="att-banner in-panel" role="alert" data-testid="attendant-error">
          {error}
        </p>
      ) : null}
      <div className="att-modes" role="group">
        {MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className={mode === 'open' ? 'button primary' : 'button secondary'}
            data-testid={`mode-${mode}`}
            disabled={lane.mode === mode}
            onClick={() => setMode(mode)}
          >
            {{ open: t.open, paused: t.pause, closed: t.close }[mode]}
          </button>
        ))}
      </div>

      <h3 className="att-panel-title">{t.basket}</h3>
      <BasketLines basket={basket} />

      {lane.paymentId && !paying ? (
        <button
          type="button"
          className="button primary wide"
          data-testid="lane-mark-paid"
          onClick={() => setPaying(true)}
        >
          {t.markPaid}
        </button>
      ) : null}
      {lane.paymentId && paying ? (
        <StaffForm
          lead={t.markPaidLead}
          testId="mark-paid-form"
          onCancel={() => setPaying(false)}
          onSubmit={(badge, pin) =>
            act((c) =>
              c.call('lanes.markPaid', {
                laneId: lane.laneId,
                paymentId: lane.paymentId!,
                badge,
                pin,
                reason: t.reason,
              }),
            )
          }
        />
      ) : null}
      {ageChecks.map((call) => (
        <AgeCheck key={call.id} laneId={lane.laneId} call={call} />
      ))}
      {lotChecks.map((call) => (
        <LotCheck key={call.id} laneId={lane.laneId} call={call} />
      ))}

      <div className="dialog-actions">
        <button type="button" className="button secondary" data-testid="lane-panel-close" onClick={onClose}>
          {t.back}
        </button>
      </div>
    </Modal>
  );
}

function stateWord(t: ReturnType<typeof useAttendant>['t'], lane: LaneBoardEntry): string {
  const state = laneState(lane);
  if (state === 'offline') return t.offline;
  if (state === 'paused') return t.paused;
  if (state === 'closed') return t.closed;
  if (state === 'needs-help') return t.needsHelp;
  return t.activity[lane.activity];
}

function BasketLines({ basket }: { basket: BasketView | null | 'loading' }) {
  const { t, language } = useAttendant();
  if (basket === 'loading') return <p className="att-empty">…</p>;
  if (!basket || basket.lines.length === 0) return <p className="att-empty">{t.basketEmpty}</p>;
  return (
    <table className="att-basket" data-testid="lane-basket">
      <tbody>
        {basket.lines.map((line) => (
          <tr key={line.id}>
            <td>{line.name}</td>
            <td className="num">{quantityText(line.unit, line.quantity)}</td>
            <td className="num">{money(line.lineTotal, basket.currency, language)}</td>
          </tr>
        ))}
        <tr className="att-basket-total">
          <td>{t.total}</td>
          <td />
          <td className="num">{money(basket.totals.total, basket.currency, language)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function AgeCheck({ laneId, call }: { laneId: string; call: LaneCallView }) {
  const { t, act } = useAttendant();
  const [age, setAge] = useState('');
  const decide = (approve: boolean) => (badge: string, pin: string) =>
    act((c) =>
      c.call('lanes.ageCheck', {
        laneId,
        checkId: call.checkId ?? call.id,
        badge,
        pin,
        approve,
        age: age === '' ? null : Number(age),
      }),
    );
  return (
    <section className="att-age" data-testid="age-check">
      <h3 className="att-panel-title">
        {t.kinds['age-check']} · {call.detail}
      </h3>
      <StaffForm
        lead=""
        testId="age-approve"
        submitLabel={t.approveAge}
        onSubmit={decide(true)}
        alternate={{ label: t.refuseAge, testId: 'age-refuse', onSubmit: decide(false) }}
      >
        <label className="att-field">
          <span>{t.age}</span>
          <input
            inputMode="numeric"
            value={age}
            onChange={(e) => setAge(e.target.value.replace(/\D/g, '').slice(0, 3))}
          />
        </label>
      </StaffForm>
    </section>
  );
}

function LotCheck({ laneId, call }: { laneId: string; call: LaneCallView }) {
  const { t, act } = useAttendant();
  const decide = (accept: boolean) => (badge: string, pin: string) =>
    act((c) => c.call('lanes.lotCheck', { laneId, checkId: call.checkId ?? call.id, badge, pin, accept }));
  return (
    <section className="att-age" data-testid="lot-check">
      <h3 className="att-panel-title">{t.checkLot(call.detail)}</h3>
      <StaffForm
        lead={t.lotLead}
        testId="lot-accept"
        submitLabel={t.acceptLot}
        onSubmit={decide(true)}
        alternate={{ label: t.refuseLot, testId: 'lot-refuse', onSubmit: decide(false) }}
      />
    </section>
  );
}
