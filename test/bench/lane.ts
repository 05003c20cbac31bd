// Lane benchmarks, end to end with real parts:
//
// Scan-to-screen: a barcode is written to a socat pseudo-terminal that `openlane serve` reads as its
// scanner; the clock starts when the last byte is in the kernel (write returned) and stops at the
// animation frame that paints the new basket line in Chromium (a MutationObserver sees the line, and
// the next requestAnimationFrame callback — the frame that draws it — takes the time). Both clocks are
// performance.timeOrigin + performance.now() on the same machine. Every scan is a different product
// and the basket is emptied every 25 lines, so the screen never shows a huge basket.
//
// Cold start: from spawning `openlane serve` on a 1,000,000-product data dir to the first scan
// accepted (a POST /api/basket.addScan answered ok), polled every 5 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoProducts } from '../../core/catalog/demo-store';
import { launchChromium } from '../helpers/browser';
import { startServe, waitForScanners } from '../helpers/serve';
import { startPtyPair } from '../helpers/socat';
import { benchBarcode, benchProduct, buildLargeCatalogDb } from './catalog';
import { percentile, type BenchRow } from './table';

const SCANS = 200;
const LARGE = 1_000_000;
const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchLane(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'openlane-bench-lane-'));
  try {
    const demoDir = join(work, 'demo');
    const demoCodes = demoProducts()
      .filter((p) => p.unit === 'each')
      .map((p) => p.barcode)
      .slice(0, SCANS);
    const demo = await scanToScreen(demoDir, demoCodes, work);

    const largeDir = join(work, 'large');
    await buildLargeCatalogDb(join(largeDir, 'openlane.db'), LARGE);
    const largeCodes = sampleBarcodes(LARGE, SCANS);
    const large = await scanToScreen(largeDir, largeCodes, work);
    const cold = await coldStarts(largeDir, largeCodes[0]!, 5);

    const row = (name: string, samples: number[]): BenchRow[] => [
      { name: `scan-to-screen p50 (${name})`, value: ms(percentile(samples, 50)) },
      {
        name: `scan-to-screen p95 (${name})`,
        value: ms(percentile(samples, 95)),
        target: '≤ 25 ms',
        met: percentile(samples, 95) <= 25,
      },
      { name: `scan-to-screen p99 (${name})`, value: ms(percentile(samples, 99)) },
    ];
    return [
      ...row(`demo store, ${demo.length} scans`, demo),
      ...row(`1,000,000 products, ${large.length} scans`, large),
      {
        name: 'cold start to first scan (1,000,000 products), median of 5',
        value: ms(percentile(cold, 50)),
        baseline: `max ${ms(Math.max(...cold))}`,
        target: '≤ 1.5 s',
        met: percentile(cold, 50) <= 1500,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function scanToScreen(dataDir: string, codes: string[], work: string): Promise<number[]> {
  const ptyDir = mkdtempSync(join(work, 'pty-'));
  const pty = await startPtyPair(ptyDir);
  const serve = await startServe({ dataDir, scanners: [pty.devicePath] });
  await waitForScanners(serve.url);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(serve.url);
    await page.getByTestId('welcome').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __paints: number[] };
      w.__paints = [];
      let last = 0;
      new MutationObserver(() => {
        const count = document.querySelectorAll('[data-testid="basket-line"]').length;
        if (count > last)
          requestAnimationFrame(() => w.__paints.push(performance.timeOrigin + performance.now()));
        last = count;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const written: number[] = [];
    for (const [i, code] of codes.entries()) {
      if (i > 0 && i % 25 === 0) {
        await fetch(new URL('/api/basket.cancel', serve.url), { method: 'POST', body: '{}' });
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="basket-line"]').length === 0,
        );
      }
      pty.write(`${code}\r\n`);
      written.push(now());
      await page.waitForFunction(
        (n) => (window as unknown as { __paints: number[] }).__paints.length >= n,
        i + 1,
      );
      await sleep(20);
    }
    const paints = await page.evaluate(() => (window as unknown as { __paints: number[] }).__paints);
    return written.map((t, i) => paints[i]! - t);
  } finally {
    await browser.close();
    await serve.stop();
    await pty.kill();
  }
}

/** Random distinct products sold by the piece from the large catalog (benchProduct i, weighed when i % 20 = 0). */
function sampleBarcodes(total: number, count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const i = Math.floor(Math.random() * total);
    if (benchProduct(i).unit === 'each') codes.add(benchBarcode(i));
  }
  return [...codes];
}

async function coldStarts(dataDir: string, code: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const started = now();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', dataDir], {
      stdio: 'ignore',
      env: { ...process.env, OPENLANE_SCANNERS: '' },
    });
    try {
      for (;;) {
        const answer = await fetch(`http://127.0.0.1:${port}/api/basket.addScan`, {
          method: 'POST',
          body: JSON.stringify({ code, source: 'keypad' }),
        })
          .then((r) => r.json() as Promise<{ ok: boolean }>)
          .catch(() => null);
        if (answer?.ok) break;
        if (child.exitCode !== null) throw new Error('openlane serve exited during the cold-start benchmark');
        await sleep(5);
      }
      times.push(now() - started);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  return times;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
