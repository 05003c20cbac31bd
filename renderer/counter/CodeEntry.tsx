// The code entry: it keeps the focus while nothing is laid over the screen, so the cashier can type
// (or a wedge scanner can type) at any moment. Enter sends; a burst typed faster than a person
// could is recorded as the wedge scanner it is. The tender's amount entry and the lookup's search
// box are the same field with their own words (and the lookup's list of results under it).
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useFocusOnShow } from './focus-trap';
import type { ScanSource } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { WedgeBuffer } from '../common/wedge';

export interface CodeEntryProps {
  value: string;
  onChange(value: string): void;
  /** Enter: what was typed and who typed it. Absent: Enter is left to the screen's own key listener. */
  onSubmit?(text: string, source: ScanSource): void;
  /** False while a dialog is open (or the field is done with): the focus is let go then. */
  keepFocus: boolean;
  /** The words around the field; the selling screen's when absent. */
  words?: { label: string; placeholder: string; hint?: string };
  testId?: string;
  /** Amounts only (the tender): a numeric keypad on a touch screen. */
  inputMode?: 'decimal';
  disabled?: boolean;
  /** Keys before Enter (a result list's arrows); the owner prevents the default of those it takes. */
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
  /** The field chooses from a list (the lookup's results, by their element id). */
  combobox?: { controls: string; expanded: boolean };
  /** Printable keys the screen takes as commands (the selling screen's + and −): never typed here. */
  isCommand?(key: string): boolean;
}

export function CodeEntry(props: CodeEntryProps) {
  const { value, onChange, onSubmit, keepFocus, testId = 'code-entry', combobox } = props;
  const { t } = useI18n();
  const words = props.words ?? {
    label: t.counter.entryLabel,
    placeholder: t.counter.entryPlaceholder,
    hint: t.counter.entryHint,
  };
  const input = useRef<HTMLInputElement>(null);
  const wedge = useRef(new WedgeBuffer());
  useFocusOnShow(() => (keepFocus ? input.current : null), [keepFocus]);
  useCatchUp(input, wedge, props);
  const refocus = () => {
    // After a click elsewhere (a row, a button) the focus comes back, once that click is done; a
    // click into another text field of the screen (the stock screens' quantity) keeps it there.
    if (keepFocus) setTimeout(() => !typingElsewhere(input.current) && input.current?.focus(), 0);
  };
  return (
    <label className="counter-entry">
      <span className="counter-entry-label">{words.label}</span>
      <input
        ref={input}
        data-testid={testId}
        value={value}
        inputMode={props.inputMode}
        autoComplete="off"
        spellCheck={false}
        disabled={props.disabled}
        placeholder={words.placeholder}
        {...(combobox
          ? { role: 'combobox', 'aria-controls': combobox.controls, 'aria-expanded': combobox.expanded }
          : {})}
        onChange={(e) => onChange(e.target.value)}
        onBlur={refocus}
        onKeyDown={(e) => {
          props.onKeyDown?.(e);
          const burst = wedge.current.key(e.key, e.timeStamp);
          if (e.key !== 'Enter' || e.defaultPrevented || !onSubmit) return;
          e.preventDefault();
          const source: ScanSource = burst !== null && burst.trim() === value.trim() ? 'wedge' : 'keypad';
          onSubmit(value, source);
        }}
      />
      {words.hint ? <span className="counter-entry-hint">{words.hint}</span> : null}
    </label>
  );
}

/**
 * A key typed while the focus is nowhere — the screen has just changed, and its field takes the
 * focus a frame later — lands in this field instead of being lost (at the tender, a lost "50"
 * followed by Enter would pay the exact amount). The listener is in place before the screen is
 * painted, like the screens' own key listeners; it only ever acts on a key aimed at no element.
 */
function useCatchUp(
  input: RefObject<HTMLInputElement | null>,
  wedge: RefObject<WedgeBuffer>,
  props: CodeEntryProps,
): void {
  const latest = useRef(props);
  latest.current = props;
  const active = props.keepFocus && !props.disabled;
  useLayoutEffect(() => {
    if (!active) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      const field = input.current;
      const { value, onChange, isCommand } = latest.current;
      if (!field || event.defaultPrevented || !aimedAtNothing(event.target)) return;
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isCommand?.(event.key)) return;
      event.preventDefault();
      wedge.current.key(event.key, event.timeStamp);
      field.focus();
      // Read again by the next key before React has re-rendered.
      latest.current = { ...latest.current, value: value + event.key };
      onChange(value + event.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, input, wedge]);
}

function typingElsewhere(field: HTMLInputElement | null): boolean {
  const active = document.activeElement;
  return active !== field && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement);
}

function aimedAtNothing(target: EventTarget | null): boolean {
  return target === null || target === document.body || target === document.documentElement;
}
