// One labelled form field, written once: the label tied to its control by id, an optional hint and an
// error text both tied to the control by aria-describedby, and aria-invalid while there is an error. A
// control's extra attributes (type, required, autoComplete, data-testid…) pass straight through.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FrameProps {
  /** What the label says; a node, so a field in a list can give a fuller name to screen readers. */
  label: ReactNode;
  /** A standing note under the control (a rule, an example). */
  hint?: ReactNode;
  /** What is wrong with the value; the control is marked invalid while it is set. */
  error?: ReactNode;
  /** The control's id; made up when not given. */
  id?: string;
  /** Extra classes for the field's block (layout on a page). */
  className?: string;
}

type InputProps = FrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'> & {
    value: string;
    onChange(value: string): void;
  };

type SelectProps = FrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'className'> & {
    value: string;
    onChange(value: string): void;
    children: ReactNode;
  };

/** A text field (any input type: text, password, date…). */
export function Field({ label, hint, error, id, className, value, onChange, ...input }: InputProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} className={className}>
      <input {...input} {...ids.control} value={value} onChange={(event) => onChange(event.target.value)} />
    </FieldFrame>
  );
}

/** A whole-number field; its value stays the text typed, for the form to check and convert. */
export function NumberField(props: Omit<InputProps, 'type'>) {
  return <Field inputMode="numeric" step={1} {...props} type="number" />;
}

/** A choice among options (pass the <option>s as children). */
export function SelectField({ label, hint, error, id, className, value, onChange, ...select }: SelectProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <FieldFrame ids={ids} label={label} hint={hint} error={error} className={className}>
      <select {...select} {...ids.control} value={value} onChange={(event) => onChange(event.target.value)} />
    </FieldFrame>
  );
}

interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };
}

function useFieldIds(given: string | undefined, hint: ReactNode, error: ReactNode): FieldIds {
  const made = useId();
  const id = given ?? `field${made.replace(/:/g, '')}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return {
    id,
    hintId,
    errorId,
    control: {
      id,
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      ...(error ? { 'aria-invalid': true as const } : {}),
    },
  };
}

function FieldFrame({
  ids,
  label,
  hint,
  error,
  className,
  children,
}: Omit<FrameProps, 'id'> & { ids: FieldIds; children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {children}
      {hint ? (
        <small id={ids.hintId} className="muted field-hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={ids.errorId} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}
