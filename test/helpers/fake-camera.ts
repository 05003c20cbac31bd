// A fake webcam for Chromium: a .y4m video made with ffmpeg from a still picture, centred on a grey
// 1280×720 frame, which Chromium plays in a loop as the camera (--use-file-for-fake-video-capture).
// Grey like a counter top: on a stark white surround zxing-cpp misses even a sharp EAN-13.
import { execFileSync } from 'node:child_process';

export function makeCameraVideo(picture: string, out: string, heightPx = 560): string {
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    picture,
    '-vf',
    `scale=-2:${heightPx},pad=1280:720:(ow-iw)/2:(oh-ih)/2:gray,format=yuv420p`,
    '-t',
    '2',
    '-r',
    '10',
    out,
  ]);
  return out;
}

/** Chromium flags that make `out` the camera and grant camera access without asking. */
export function fakeCameraArgs(video: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ];
}
