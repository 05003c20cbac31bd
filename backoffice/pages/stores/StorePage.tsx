// One store: its name and time zone, its enrolment codes and its devices, with what each last reported and what needs a look.
// It reads again every 10 seconds, so a terminal enrolled meanwhile appears by itself.
import { useEffect } from 'react';
import type { DeviceView, HqFacts, StoreView } from '../../../server/devices/queries';
import { api } from '../../api/client';
import { href } from '../../app/route';
import { useSession } from '../../app/session';
import { fill, useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { DevicesTable } from './DevicesTable';
import { EnrolmentCodePanel } from './EnrolmentCodePanel';
import { StoreDetails } from './StoreDetails';
import { storeTexts } from './texts';

const REFRESH_MS = 10_000;

interface StoreReply {
  store: StoreView;
  devices: DeviceView[];
  hq: HqFacts;
}

export function StorePage({ code }: { code: string }) {
  const t = useTexts(storeTexts);
  const { session } = useSession();
  const loaded = useLoad(() => api.get<StoreReply>(`/admin/v1/stores/${encodeURIComponent(code)}`), [code]);
  const { reload } = loaded;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [code]);
  // Enrolment codes and revoking: admins, and store managers in their own stores (HQ decides anyway).
  const mayChange = session.role === 'admin' || session.role === 'store_manager';
  const store = loaded.data?.store;
  const title = fill(t.storeTitle, { code }) + (store?.name ? ` · ${store.name}` : '');
  return (
    <Page
      title={title}
      actions={
        <>
          <a className="button-quiet stores-back" href={href('stores')}>
            {t.back}
          </a>
          <button type="button" className="button-quiet" onClick={reload}>
            {t.refresh}
          </button>
        </>
      }
    >
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {store ? <StoreDetails key={code} store={store} mayChange={mayChange} onSaved={reload} /> : null}
      {mayChange && store ? <EnrolmentCodePanel store={code} /> : null}
      <Panel title={t.devicesTitle}>
        {loaded.data ? (
          <DevicesTable
            devices={loaded.data.devices}
            hq={loaded.data.hq}
            mayRevoke={mayChange}
            onChanged={reload}
            csvName={`devices-${code}`}
          />
        ) : null}
      </Panel>
    </Page>
  );
}
