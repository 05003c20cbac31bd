// The stock screens' code entry: a keyboard-wedge handheld or a person types into it (the counter's
// CodeEntry, which tells a wedge burst from typing), and a camera button beside it (the kiosk's camera
// view). Enter or a camera read hands the code to the screen.
import { useCallback, useState } from 'react';
import type { ScanSource } from '../../services/api/contract';
import { CodeEntry } from '../counter/CodeEntry';
import { useI18n } from '../i18n';
import { CameraScan } from '../kiosk/CameraScan';

export interface ScanBarProps {
  onScan(code: string, source: ScanSource): void;
  /** False while another field of the screen has the keyboard. */
  keepFocus: boolean;
}

export function ScanBar({ onScan, keepFocus }: ScanBarProps) {
  const { t } = useI18n();
  const words = t.stock;
  const [text, setText] = useState('');
  const [camera, setCamera] = useState(false);
  const closeCamera = useCallback(() => setCamera(false), []);
  const fromCamera = useCallback((code: string) => onScan(code, 'camera'), [onScan]);
  return (
    <div className="stock-scanbar">
      <CodeEntry
        value={text}
        onChange={setText}
        keepFocus={keepFocus && !camera}
        testId="stock-entry"
        words={{ label: words.scanLabel, placeholder: words.scanPlaceholder, hint: words.scanHint }}
        onSubmit={(value, source) => {
          const code = value.trim();
          setText('');
          if (code) onScan(code, source);
        }}
      />
      <button
        type="button"
        className="stock-button secondary"
        data-testid="stock-camera"
        onClick={() => setCamera(true)}
      >
        {words.camera}
      </button>
      {camera ? <CameraScan onCode={fromCamera} onClose={closeCamera} /> : null}
    </div>
  );
}
