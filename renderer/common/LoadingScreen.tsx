// The screen before the backend has answered: shown by the entry (before it knows the role) and by
// each role (before the session's settings arrive), so a slow start looks the same throughout.
import type { Language } from '../../core/types';
import { messagesFor } from '../i18n';

/** The text comes from `language`, not the I18nContext: nothing above this screen provides one yet. */
export function LoadingScreen({ language }: { language: Language }) {
  return (
    <main className="screen loading" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <p>{messagesFor(language).connecting}</p>
    </main>
  );
}
