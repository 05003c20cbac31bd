// A store's devices: last contact, what waits in each outbox, catalog, clock and software, the reasons a
// device needs a look, and revoking one (asked twice, then done at once).
import { useState } from 'react';
import type { DeviceView, HqFacts } from '../../../server/devices/queries';
import { api } from '../../api/client';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { storeTexts, type StoreWords } from './texts';
import { ago, catalogLine, clockLine, waitingLine } from './words';

const ROLE_WORDS: Record<string, keyof StoreWords> = {
  kiosk: 'roleKiosk',
  counter: 'roleCounter',
  attendant: 'roleAttendant',
};

export function DevicesTable({
  devices,
  hq,
  mayRevoke,
  onChanged,
  csvName,
}: {
  devices: DeviceView[];
  hq: HqFacts;
  mayRevoke: boolean;
  onChanged(): void;
  csvName: string;
}) {
  const t = useTexts(storeTexts);
  const format = useFormat();
  const [asking, setAsking] = useState<DeviceView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const now = Date.now();
  const label = (d: DeviceView) => d.name ?? d.terminalId ?? d.deviceId.slice(0, 8);
  const revoke = async (device: DeviceView) => {
    setError(null);
    try {
      await api.post(`/admin/v1/devices/${device.deviceId}/revoke`);
      setDone(fill(t.revokedDone, { device: label(device) }));
      setAsking(null);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const stateCell = (d: DeviceView) => {
    if (d.revokedAt)
      return (
        <span className="tag tag-bad">
          {fill(t.revokedBy, { who: d.revokedBy ?? '?', time: format.dateTime(d.revokedAt) })}
        </span>
      );
    if (d.attention.length === 0) return <span className="tag tag-ok">{t.allWell}</span>;
    return (
      <span className="stores-tags">
        {d.attention.map((a) => (
          <span key={a} className="tag tag-warn">
            {t[a]}
          </span>
        ))}
      </span>
    );
  };
  const columns: Column<DeviceView>[] = [
    { label: t.device, cell: label },
    {
      label: t.role,
      cell: (d) => (d.role ? t[ROLE_WORDS[d.role] ?? 'roleCounter'] : '—'),
      csv: (d) => d.role ?? '',
    },
    { label: t.lastSeen, cell: (d) => ago(t, d.lastSeenAt, now), csv: (d) => d.lastSeenAt ?? '' },
    { label: t.waiting, cell: (d) => waitingLine(t, d, now) },
    { label: t.catalog, cell: (d) => catalogLine(t, d, hq), csv: (d) => d.catalogVersion ?? '' },
    { label: t.clock, cell: (d) => clockLine(t, d.clockSkewMs), csv: (d) => d.clockSkewMs ?? '' },
    {
      label: t.software,
      cell: (d) => d.softwareVersion ?? t.notReported,
      csv: (d) => d.softwareVersion ?? '',
    },
    { label: t.state, cell: stateCell, csv: (d) => (d.revokedAt ? 'revoked' : d.attention.join(' ')) },
  ];
  if (mayRevoke)
    columns.push({
      label: t.actions,
      cell: (d) =>
        d.revokedAt ? null : (
          <button
            type="button"
            className="button-quiet stores-revoke"
            onClick={() => (setAsking(d), setDone(null))}
            aria-label={`${t.revoke} ${label(d)}`}
          >
            {t.revoke}
          </button>
        ),
      csv: () => '',
    });
  return (
    <>
      {done ? <Notice tone="ok">{done}</Notice> : null}
      {asking ? (
        <div className="stores-confirm" role="alertdialog" aria-labelledby="revoke-question">
          <p id="revoke-question">{fill(t.revokeConfirm, { device: label(asking) })}</p>
          <div className="page-actions">
            <button type="button" className="button-danger" onClick={() => void revoke(asking)}>
              {t.revokeYes}
            </button>
            <button type="button" className="button-quiet" onClick={() => setAsking(null)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <DataTable
        rows={devices}
        columns={columns}
        rowKey={(d) => d.deviceId}
        caption={t.devicesCaption}
        csvName={csvName}
        testId="devices-table"
      />
    </>
  );
}
