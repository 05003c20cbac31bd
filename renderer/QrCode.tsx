// A QR code as crisp black-on-white SVG. The raw text rides along in data-payload for tests.
import { memo, useMemo } from 'react';
import { qrMatrix } from './qr';

export interface QrCodeProps {
  text: string;
  /** Rendered width and height in CSS pixels, quiet zone included. */
  sizePx: number;
  label: string;
  testId: string;
}

export const QrCode = memo(function QrCode({ text, sizePx, label, testId }: QrCodeProps) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  return (
    <svg
      data-testid={testId}
      data-payload={text}
      role="img"
      aria-label={label}
      className="qr"
      width={sizePx}
      height={sizePx}
      viewBox={`0 0 ${matrix.size} ${matrix.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={matrix.size} height={matrix.size} fill="#fff" />
      <path d={matrix.path} fill="#000" />
    </svg>
  );
});
