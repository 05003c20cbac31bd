// The recalls area (issue 14): `#/recalls` lists recalls and makes new ones; `#/recalls/<id>` shows one
// with the attempts to sell it, and ends it.
import { useState } from 'react';
import { useRoute } from '../../app/route';
import { useSession } from '../../app/session';
import { useTexts } from '../../i18n';
import { Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { NewRecallForm } from './NewRecallForm';
import { RecallDetail } from './RecallDetail';
import { RecallList } from './RecallList';
import { canWriteRecalls } from './shared';
import { recallTexts } from './texts';
import './recalls.css';

export default function RecallsPage() {
  const route = useRoute();
  const id = route.rest[0];
  return id ? <RecallDetail id={id} /> : <RecallsHome />;
}

function RecallsHome() {
  const t = useTexts(recallTexts);
  const { session } = useSession();
  // Bumped after a recall is made, so the list reads it.
  const [version, setVersion] = useState(0);
  return (
    <Page title={t.title}>
      <p className="muted recall-intro">{t.intro}</p>
      {canWriteRecalls(session.role) ? (
        <NewRecallForm onCreated={() => setVersion((v) => v + 1)} />
      ) : (
        <Notice tone="info">{t.readOnly}</Notice>
      )}
      <RecallList version={version} />
    </Page>
  );
}
