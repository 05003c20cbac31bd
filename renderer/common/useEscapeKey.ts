// Escape closes what is open over the screen: a dialog, the produce grid.
import { useLayoutEffect } from 'react';

/** Calls `onEscape` when Escape is pressed, while the calling component is mounted. */
export function useEscapeKey(onEscape: () => void): void {
  // Listening from the commit, not after the paint: an Escape pressed as the dialog appears closes it.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape]);
}
