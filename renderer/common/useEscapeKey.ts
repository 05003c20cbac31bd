// Escape closes what is open over the screen: a dialog, the produce grid.
import { useEffect } from 'react';

/** Calls `onEscape` when Escape is pressed, while the calling component is mounted. */
export function useEscapeKey(onEscape: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape]);
}
