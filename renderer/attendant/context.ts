// What every part of the console needs: its words, and one way to run a command against the backend.
import { createContext, useContext } from 'react';
import type { Language } from '../../core/types';
import type { ApiResult, TerminalClient } from '../../services/api/contract';
import { attendantEn, type AttendantMessages } from './messages';

/** Runs one call; resolves true when it went through (the error is shown otherwise). */
export type Act = (run: (client: TerminalClient) => Promise<ApiResult<unknown>>) => Promise<boolean>;

export interface Attendant {
  t: AttendantMessages;
  language: Language;
  act: Act;
  client: TerminalClient | null;
  /** What the last command's failure said, until the next action; shown where the attendant is looking. */
  error: string | null;
}

export const AttendantContext = createContext<Attendant>({
  t: attendantEn,
  language: 'en',
  act: async () => false,
  client: null,
  error: null,
});

export function useAttendant(): Attendant {
  return useContext(AttendantContext);
}
