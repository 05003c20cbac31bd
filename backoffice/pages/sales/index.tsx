// GROUNDWORK (issue 14): the sales area, filled by the branch that owns it.
import { useTexts } from '../../i18n';
import { areaTexts } from '../../app/area-texts';
import { Page } from '../../ui/Page';

export default function Placeholder() {
  const t = useTexts(areaTexts);
  return (
    <Page title={t['sales']}>
      <p className="muted">—</p>
    </Page>
  );
}
