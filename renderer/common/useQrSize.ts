// The payment QR's size in pixels, following the window as it is resized (a kiosk rotated, a counter
// screen swapped). Each role says how it fits: they stand at different distances from the phone.
import { useEffect, useState } from 'react';

/** How large the QR may be in a window of this size (CSS pixels). Keep it a module-level function. */
export type QrFit = (width: number, height: number) => number;

export function useQrSize(fit: QrFit): number {
  const [size, setSize] = useState(() => fit(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setSize(fit(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [fit]);
  return size;
}
