// A labelled text field of the stock screens (a delivery note's number, a supplier, a store code, a
// location). `onTyping` tells the screen when it has the keyboard, so the code entry lets it keep it.
export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  testId: string;
  hint?: string;
  onTyping?(typing: boolean): void;
}

export function TextField({ label, value, onChange, testId, hint, onTyping }: TextFieldProps) {
  return (
    <label className="stock-field">
      <span>{label}</span>
      <input
        data-testid={testId}
        value={value}
        autoComplete="off"
        onFocus={() => onTyping?.(true)}
        onBlur={() => onTyping?.(false)}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? <span className="stock-muted stock-field-hint">{hint}</span> : null}
    </label>
  );
}
