// The back office speaks English and 简体中文. Each screen keeps its own words beside it, in both
// languages (`defineTexts`): the type makes a missing translation a compile error, and screens built
// by different hands never touch one shared file.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMoney } from '../../core/money';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Texts<K extends string> = { en: Record<K, string>; 'zh-CN': Record<K, string> };

/** A screen's words: English first, then the same keys in Chinese (checked by the compiler). */
export function defineTexts<K extends string>(texts: Texts<K>): Texts<K> {
  return texts;
}

/** `fill('{n} items', { n: 3 })` → '3 items'. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const STORAGE_KEY = 'openlane.office.language';
const LanguageContext = createContext<LanguageState>({ language: 'en', setLanguage: () => undefined });

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const value = useMemo<LanguageState>(
    () => ({
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setState(next);
      },
    }),
    [language],
  );
  document.documentElement.lang = language;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The current language's words of a screen. */
export function useTexts<K extends string>(texts: Texts<K>): Record<K, string> {
  return texts[useLanguage().language];
}

/** Numbers, money and times in the reader's language. Times show in the browser's own zone. */
export function useFormat() {
  const { language } = useLanguage();
  return useMemo(() => {
    const number = new Intl.NumberFormat(language);
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      number: (n: number) => number.format(n),
      money: (minor: number, currency: string) => formatMoney(minor, currency, language),
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
    };
  }, [language]);
}
