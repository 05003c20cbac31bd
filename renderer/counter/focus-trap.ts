// Keeps the keyboard inside a dialog: Tab and Shift+Tab cycle through its own controls, and the focus
// goes back where it was when the dialog closes.
import { useLayoutEffect, useState, type DependencyList, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), select, textarea, [tabindex="0"]';

/**
 * Focuses `target()` as the screen or step appears, and again whenever `deps` change. A layout effect,
 * not a plain one: it runs before the browser regains control, so a key pressed the moment a step opens
 * (a cashier typing ahead) reaches the new field instead of falling on the page's body and being lost.
 */
export function useFocusOnShow(target: () => HTMLElement | null | undefined, deps: DependencyList): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what re-focuses
  useLayoutEffect(() => target()?.focus(), deps);
}

/** Gives the focus back to whatever had it before the dialog opened, when the dialog closes. */
export function useFocusReturn(): void {
  // Read while rendering, before the dialog's own fields take the focus in their effects.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  // A layout effect for the same reason as useFocusOnShow: the next key goes where the focus went back.
  useLayoutEffect(
    () => () => {
      if (before?.isConnected) before.focus();
    },
    [before],
  );
}

/** A keydown handler for the dialog's root: Tab wraps around within `root`. */
export function trapTab(root: RefObject<HTMLElement | null>, event: KeyboardEvent): void {
  if (event.key !== 'Tab' || !root.current) return;
  const items = [...root.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !root.current.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.current.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
