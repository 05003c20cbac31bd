// The header's language buttons, the same on the kiosk and at the counter: each button names its
// language in that language, so someone who cannot read the current one still finds theirs.
import type { Language } from '../../core/types';
import { messagesFor, useI18n } from '../i18n';

/** The e2e tests find the buttons by these. */
const LANGUAGE_TESTID: Record<Language, string> = { en: 'language-en', 'zh-CN': 'language-zh' };

export interface LanguageSwitchProps {
  languages: Language[];
  onLanguage(language: Language): void;
  /** Each role styles the group its own way. */
  className: string;
  /** False takes the buttons out of the Tab order (the counter keeps the keyboard for its code entry). */
  focusable?: boolean;
}

export function LanguageSwitch({ languages, onLanguage, className, focusable = true }: LanguageSwitchProps) {
  const { language } = useI18n();
  return (
    <div className={className} role="group">
      {languages.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          tabIndex={focusable ? undefined : -1}
          data-testid={LANGUAGE_TESTID[lang]}
          aria-pressed={lang === language}
          className={lang === language ? 'selected' : ''}
          onClick={() => onLanguage(lang)}
        >
          {messagesFor(lang).languageName}
        </button>
      ))}
    </div>
  );
}
