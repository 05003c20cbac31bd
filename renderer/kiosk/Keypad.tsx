// The on-screen keypad for barcodes the scanner cannot read. Digits only; Enter or "Add item" sends.
import { memo, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { BackspaceIcon } from './icons';

export interface KeypadProps {
  onSubmit(code: string): void;
  /** Test id prefix; the barcode keypad keeps the ids the end-to-end tests use. */
  testId?: string;
  placeholder?: string;
  submitLabel?: string;
  suffix?: string;
  maxLength?: number;
  /** Show dots, not digits (an attendant's PIN, typed where the shopper can see). */
  masked?: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const Keypad = memo(function Keypad({
  onSubmit,
  testId = 'keypad',
  placeholder,
  submitLabel,
  suffix,
  maxLength = 20,
  masked = false,
}: KeypadProps) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const press = (digit: string) => setValue((v) => (v.length < maxLength ? v + digit : v));
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const code = value.trim();
    if (!code) return;
    onSubmit(code);
    setValue('');
  };
  return (
    <form className="keypad" onSubmit={submit}>
      <div className="keypad-display">
        <input
          data-testid={`${testId}-input`}
          value={value}
          type={masked ? 'password' : 'text'}
          inputMode="none"
          autoComplete="off"
          placeholder={placeholder ?? t.keypadPlaceholder}
          aria-label={placeholder ?? t.keypadPlaceholder}
          onChange={(e) => setValue(e.target.value.replace(/\D/g, '').slice(0, maxLength))}
        />
        {suffix ? <span className="keypad-suffix">{suffix}</span> : null}
      </div>
      <div className="keypad-grid">
        {KEYS.map((k) => (
          <button key={k} type="button" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="key-quiet" onClick={() => setValue('')}>
          {t.keypadClear}
        </button>
        <button type="button" onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="key-quiet"
          aria-label={t.keypadBackspace}
          onClick={() => setValue((v) => v.slice(0, -1))}
        >
          <BackspaceIcon />
        </button>
      </div>
      <button
        type="submit"
        className="button secondary wide"
        data-testid={`${testId}-submit`}
        disabled={!value}
      >
        {submitLabel ?? t.keypadAdd}
      </button>
    </form>
  );
});
