// The code entry: it keeps the focus while nothing is laid over the screen, so the cashier can type
// (or a wedge scanner can type) at any moment. Enter sends; a burst typed faster than a person
// could is recorded as the wedge scanner it is.
import { useEffect, useRef } from 'react';
import type { ScanSource } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { WedgeBuffer } from '../common/wedge';

export interface CodeEntryProps {
  value: string;
  onChange(value: string): void;
  onSubmit(text: string, source: ScanSource): void;
  /** False while a dialog is open: the dialog has the keyboard then. */
  keepFocus: boolean;
}

export function CodeEntry({ value, onChange, onSubmit, keepFocus }: CodeEntryProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const wedge = useRef(new WedgeBuffer());
  useEffect(() => {
    if (keepFocus) input.current?.focus();
  }, [keepFocus]);
  const refocus = () => {
    // After a click elsewhere (a row, a button) the focus comes back, once that click is done.
    if (keepFocus) setTimeout(() => input.current?.focus(), 0);
  };
  return (
    <label className="counter-entry">
      <span className="counter-entry-label">{t.counter.entryLabel}</span>
      <input
        ref={input}
        data-testid="code-entry"
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={t.counter.entryPlaceholder}
        onChange={(e) => onChange(e.target.value)}
        onBlur={refocus}
        onKeyDown={(e) => {
          const burst = wedge.current.key(e.key, e.timeStamp);
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const source: ScanSource = burst !== null && burst.trim() === value.trim() ? 'wedge' : 'keypad';
          onSubmit(value, source);
        }}
      />
      <span className="counter-entry-hint">{t.counter.entryHint}</span>
    </label>
  );
}
