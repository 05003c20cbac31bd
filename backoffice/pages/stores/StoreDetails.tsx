// A store's name and time zone on its page: a form for those who may change them (admins, and the
// store's own managers), plain facts for everyone else. The form keeps what is typed while the page
// reads the store again in the background; only a save replaces it with what HQ stored.
import { useState } from 'react';
import type { StoreView } from '../../../server/devices/queries';
import { api, ApiError } from '../../api/client';
import { fill, useTexts } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useSubmit } from '../../ui/useSubmit';
import { storeTexts } from './texts';

export function StoreDetails({
  store,
  mayChange,
  onSaved,
}: {
  store: StoreView;
  mayChange: boolean;
  onSaved(): void;
}) {
  const t = useTexts(storeTexts);
  if (!mayChange)
    return (
      <Panel title={t.detailsTitle}>
        <dl className="stores-facts">
          <div>
            <dt>{t.name}</dt>
            <dd>{store.name ?? t.noName}</dd>
          </div>
          <div>
            <dt>{t.timeZone}</dt>
            <dd>{store.timeZone}</dd>
          </div>
        </dl>
      </Panel>
    );
  return <StoreForm store={store} onSaved={onSaved} />;
}

function StoreForm({ store, onSaved }: { store: StoreView; onSaved(): void }) {
  const t = useTexts(storeTexts);
  const [name, setName] = useState(store.name ?? '');
  const [timeZone, setTimeZone] = useState(store.timeZone);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    setSaved(false);
    const path = `/admin/v1/stores/${encodeURIComponent(store.code)}`;
    const reply = await api.patch<{ store: StoreView }>(path, { name, timeZone });
    setName(reply.store.name ?? '');
    setTimeZone(reply.store.timeZone);
    setSaved(true);
    onSaved();
  });
  // HQ's word on the zone itself shows under the zone's box, which it marks invalid.
  const zoneError = error instanceof ApiError && error.code === 'unknown_time_zone' ? error.message : null;
  return (
    <Panel title={t.detailsTitle}>
      <form className="stores-details" onSubmit={submit} data-testid="store-details">
        <div className="form-row">
          <Field
            label={t.name}
            className="stores-name-field"
            value={name}
            onChange={setName}
            required
            maxLength={80}
          />
          <Field
            label={t.timeZone}
            hint={t.timeZoneHint}
            error={zoneError}
            className="stores-zone-field"
            value={timeZone}
            onChange={setTimeZone}
            required
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        {error && !zoneError ? <ErrorNotice error={error} /> : null}
        {saved ? <Notice tone="ok">{fill(t.saved, { code: store.code })}</Notice> : null}
        <div>
          <button type="submit" className="button-primary" disabled={busy}>
            {t.save}
          </button>
        </div>
      </form>
    </Panel>
  );
}
