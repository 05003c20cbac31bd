// Making an enrolment code while HQ runs: the code large and copyable, when it expires, and the exact
// command that enrols a terminal with it (HQ's address is the one this page was served from).
import { useState } from 'react';
import { api } from '../../api/client';
import { fill, useFormat, useTexts } from '../../i18n';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { storeTexts } from './texts';

interface Issued {
  code: string;
  storeCode: string;
  expiresAt: string;
}

export function EnrolmentCodePanel({ store }: { store: string }) {
  const t = useTexts(storeTexts);
  const format = useFormat();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<'code' | 'command' | null>(null);
  const make = async () => {
    setBusy(true);
    setError(null);
    setCopied(null);
    try {
      setIssued(await api.post<Issued>('/admin/v1/enrolment-codes', { store }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const command = issued ? `openlane enrol --server ${location.origin} --code ${issued.code}` : '';
  const copy = (what: 'code' | 'command', text: string) =>
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied(null),
    );
  return (
    <Panel
      title={t.enrolTitle}
      actions={
        <button type="button" className="button-primary" onClick={() => void make()} disabled={busy}>
          {t.makeCode}
        </button>
      }
    >
      <p className="muted stores-intro">{t.enrolIntro}</p>
      {error ? <ErrorNotice error={error} /> : null}
      {issued ? (
        <div className="stores-code-box" data-testid="enrolment-code-box">
          <div className="stores-code-row">
            <div>
              <div className="muted">{fill(t.codeLabel, { store: issued.storeCode })}</div>
              <output className="stores-code" data-testid="enrolment-code">
                {issued.code}
              </output>
              <div className="muted">{fill(t.expires, { time: format.dateTime(issued.expiresAt) })}</div>
            </div>
            <button type="button" className="button-quiet" onClick={() => copy('code', issued.code)}>
              {copied === 'code' ? t.copied : t.copy}
            </button>
          </div>
          <h3 className="stores-steps-title">{t.stepsTitle}</h3>
          <ol className="stores-steps">
            <li>{t.step1}</li>
            <li>
              {t.step2}
              <div className="stores-command-row">
                <code className="stores-command" data-testid="enrol-command">
                  {command}
                </code>
                <button type="button" className="button-quiet" onClick={() => copy('command', command)}>
                  {copied === 'command' ? t.copied : t.copyCommand}
                </button>
              </div>
            </li>
            <li>{t.step3}</li>
          </ol>
        </div>
      ) : null}
    </Panel>
  );
}
