// "Scan with camera": the shopper holds a code up to the kiosk's camera. One accepted code is
// added to the basket and the view closes; Close leaves it without adding anything.
import { useCallback, useState } from 'react';
import { useCameraScanner } from '../camera/useCameraScanner';
import { useI18n } from '../i18n';
import { Modal } from './dialogs';

/** The "Scan with camera" button and, once pressed, the camera view. */
export function CameraScanLauncher({ onCode }: { onCode(code: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button
        type="button"
        className="button secondary camera-button"
        data-testid="camera-button"
        onClick={() => setOpen(true)}
      >
        {t.cameraButton}
      </button>
      {open ? <CameraScan onCode={onCode} onClose={close} /> : null}
    </>
  );
}

/** The camera view itself; the counter opens it from a function key. */
export function CameraScan({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useI18n();
  const accept = useCallback(
    (code: string) => {
      onCode(code);
      onClose();
    },
    [onCode, onClose],
  );
  const { videoRef, state } = useCameraScanner(accept);
  return (
    <Modal testId="camera-view" title={t.cameraTitle} onClose={onClose}>
      <div className="camera-frame" data-state={state}>
        <video ref={videoRef} muted playsInline />
        <div className="camera-guide" aria-hidden="true" />
        {state === 'unavailable' ? <p className="camera-message">{t.cameraUnavailable}</p> : null}
      </div>
      <p className="dialog-lead camera-hint">{t.cameraHint}</p>
      <div className="dialog-actions">
        <button type="button" className="button primary" data-testid="camera-close" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </Modal>
  );
}
