// Picks the text for the shopper's language and hands it down the tree.
import { createContext, useContext } from 'react';
import type { Language } from '../../core/types';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

export type { Messages };

const byLanguage: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** The text for a language. */
export function messagesFor(language: Language): Messages {
  return byLanguage[language];
}

export interface I18n {
  language: Language;
  t: Messages;
}

export const I18nContext = createContext<I18n>({ language: 'en', t: en });

/** The current language and its text. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
