// English or 简体中文, each named in its own language.
import { LANGUAGES, useLanguage, type Language } from '../i18n';

const NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguagePicker() {
  const { language, setLanguage } = useLanguage();
  return (
    <div className="language-picker" role="group" aria-label="Language / 语言">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === language} onClick={() => setLanguage(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
