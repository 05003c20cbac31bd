// One row of a tool's keyboard list (lookup results, suspended sales): what it is, a detail, an amount.
// The arrows choose it; a click picks it without taking the focus from the dialog's input.
import type { ReactNode } from 'react';

export function ToolRow(props: {
  testId: string;
  selected: boolean;
  main: ReactNode;
  meta: ReactNode;
  amount: ReactNode;
  onPick(): void;
}) {
  return (
    <li
      role="option"
      aria-selected={props.selected}
      className="tools-row"
      data-testid={props.testId}
      onMouseDown={(e) => {
        e.preventDefault();
        props.onPick();
      }}
    >
      <span className="tools-row-main">{props.main}</span>
      <span className="tools-row-meta">{props.meta}</span>
      <span className="tools-row-amount">{props.amount}</span>
    </li>
  );
}
