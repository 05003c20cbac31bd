// Every store the reader may see, with its devices counted by state and its last contact; an admin adds
// a store here.
import { useState, type FormEvent } from 'react';
import type { StoreView } from '../../../server/devices/queries';
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { go } from '../../app/route';
import { useSession } from '../../app/session';
import { useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { storeTexts } from './texts';
import { ago } from './words';

export function StoresList() {
  const t = useTexts(storeTexts);
  const areas = useTexts(areaTexts);
  const { session } = useSession();
  const [adding, setAdding] = useState(false);
  const stores = useLoad(() => api.get<{ stores: StoreView[] }>('/admin/v1/stores'), []);
  const now = Date.now();
  const columns: Column<StoreView>[] = [
    { label: t.code, cell: (s) => s.code },
    { label: t.name, cell: (s) => s.name ?? t.noName, csv: (s) => s.name ?? '' },
    { label: t.devices, cell: (s) => s.devices.active, align: 'end' },
    {
      label: t.needAttention,
      cell: (s) =>
        s.devices.needAttention > 0 ? (
          <span className="tag tag-warn">{s.devices.needAttention}</span>
        ) : (
          <span className="tag tag-ok">{t.allWell}</span>
        ),
      csv: (s) => s.devices.needAttention,
    },
    { label: t.revokedCount, cell: (s) => s.devices.revoked, align: 'end' },
    { label: t.lastContact, cell: (s) => ago(t, s.lastSeenAt, now), csv: (s) => s.lastSeenAt ?? '' },
  ];
  return (
    <Page
      title={areas.stores}
      actions={
        session.role === 'admin' && !adding ? (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t.newStore}
          </button>
        ) : null
      }
    >
      {adding ? <NewStore onDone={() => setAdding(false)} /> : null}
      {stores.error ? <ErrorNotice error={stores.error} /> : null}
      <Panel title={t.stores}>
        <DataTable
          rows={stores.data?.stores ?? []}
          columns={columns}
          rowKey={(s) => s.code}
          caption={t.storesCaption}
          csvName="stores"
          onRowClick={(s) => go('stores', s.code)}
          testId="stores-table"
        />
      </Panel>
    </Page>
  );
}

function NewStore({ onDone }: { onDone(): void }) {
  const t = useTexts(storeTexts);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post('/admin/v1/stores', { code: code.trim(), name });
      go('stores', code.trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Panel title={t.newStoreTitle}>
      <form className="form-row" onSubmit={(e) => void submit(e)}>
        <Field
          label={t.code}
          value={code}
          onChange={setCode}
          required
          maxLength={32}
          aria-describedby="store-code-hint"
        />
        <Field
          label={t.name}
          className="stores-name-field"
          value={name}
          onChange={setName}
          required
          maxLength={80}
        />
        <button type="submit" className="button-primary" disabled={busy}>
          {t.create}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t.cancel}
        </button>
      </form>
      <p id="store-code-hint" className="muted stores-hint">
        {t.codeHint}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </Panel>
  );
}
