// Reads barcodes from the camera: frames go to a decoding Web Worker one at a time (never queued,
// so a slow frame cannot build a backlog), and reads pass the agreement filter before they count.
import { useEffect, useRef, useState } from 'react';
import { createAgreementFilter } from '../../core/barcode/decode/agreement';
import { asScannedText } from '../../core/barcode/decode/types';
import type { DecodeRequest, DecodeResponse } from './protocol';

export type CameraState = 'starting' | 'running' | 'unavailable';

const FRAME_INTERVAL_MS = 50;

export function useCameraScanner(onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
    const accept = createAgreementFilter({ now: () => performance.now() });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let busy = false;
    let nextId = 1;

    worker.onmessage = (message: MessageEvent<DecodeResponse>) => {
      busy = false;
      for (const barcode of accept.push(message.data.barcodes)) onCodeRef.current(asScannedText(barcode));
    };

    const grab = () => {
      const video = videoRef.current;
      if (busy || !video || !context || video.readyState < 2 || !video.videoWidth) return;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      busy = true;
      const request: DecodeRequest = { id: nextId++, image };
      worker.postMessage(request, [image.data.buffer]);
    };

    navigator.mediaDevices
      .getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
        audio: false,
      })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = media;
        await video.play();
        setState('running');
        timer = setInterval(grab, FRAME_INTERVAL_MS);
      })
      .catch(() => setState('unavailable'));

    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
      worker.terminate();
    };
  }, []);

  return { videoRef, state };
}
