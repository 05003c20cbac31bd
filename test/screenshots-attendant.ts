// `npx tsx test/screenshots-attendant.ts [OUT_DIR]` (after `npm run build`): the attendant console with
// eight lanes in every state — idle, shopping, a call for help, an unknown item, paused, closed,
// offline — and a ninth never heard from, at 1024×768 and 1280×800, in both languages, and a lane's panel.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoProducts } from '../core/catalog/demo-store';
import { startTerminal, type Terminal } from '../services/terminal';
import { UNKNOWN_EAN } from './helpers/checkout';
import { launchPage } from './helpers/browser';
import { writeLaneSettings } from './helpers/lanes';
import { startServe } from './helpers/serve';

const out = resolve(process.argv[2] ?? 'test-artifacts/screens-attendant');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'openlane-shots-attendant-'));
const at = (name: string) => {
  const path = join(work, name);
  mkdirSync(path, { mode: 0o700 });
  return path;
};
const consoleDir = at('console');
// K09 is a lane the console knows of (from settings here; from HQ's device list when enrolled) that never reported.
writeLaneSettings(consoleDir, 'C01', 'attendant', {
  offlineSeconds: 3,
  lanes: [{ id: 'K09', url: 'http://127.0.0.1:9' }],
});
const consoleServe = await startServe({ dataDir: consoleDir });
const port = /lane link listening on \S+:(\d+)/.exec(consoleServe.output())![1];
const lanes: Terminal[] = [];
for (let i = 1; i <= 8; i++) {
  const id = `K0${i}`;
  const dir = at(id);
  writeLaneSettings(dir, id, 'kiosk', { console: `http://127.0.0.1:${port}` });
  lanes.push(await startTerminal({ dataDir: dir }));
}
const each = demoProducts().filter((p) => p.unit === 'each' && !p.ageLimit);
const scan = (lane: number, n: number) =>
  Promise.all(
    each.slice(0, n).map((p) => lanes[lane]!.api['basket.addScan']({ code: p.barcode, source: 'keypad' })),
  );
await scan(1, 3);
await scan(2, 5);
await lanes[2]!.api['lane.callHelp']({});
await lanes[3]!.api['basket.addScan']({ code: UNKNOWN_EAN, source: 'keypad' });
await scan(4, 2);

const { browser, page } = await launchPage();
await page.goto(consoleServe.url);
await page.getByTestId('lane-K08').waitFor();
const set = (laneId: string, mode: 'paused' | 'closed') =>
  page.evaluate(
    ([id, m]) =>
      fetch('/api/lanes.setMode', { method: 'POST', body: JSON.stringify({ laneId: id, mode: m }) }),
    [laneId, mode] as const,
  );
await set('K06', 'paused');
await set('K07', 'closed');
await lanes[7]!.close();
await page.waitForSelector('[data-testid="lane-K08"][data-state="offline"]', { timeout: 10_000 });

for (const [w, h] of [
  [1024, 768],
  [1280, 800],
]) {
  await page.setViewportSize({ width: w!, height: h! });
  await page.getByTestId('language-en').click();
  await page.screenshot({ path: join(out, `console-${w}x${h}-en.png`), animations: 'disabled' });
  await page.getByTestId('language-zh').click();
  await page.screenshot({ path: join(out, `console-${w}x${h}-zh.png`), animations: 'disabled' });
}
await page.getByTestId('language-en').click();
await page.setViewportSize({ width: 1024, height: 768 });
await page.getByTestId('lane-K03').click();
await page.getByTestId('lane-basket').waitFor();
await page.screenshot({ path: join(out, 'console-lane-panel-1024x768.png'), animations: 'disabled' });

await browser.close();
for (const lane of lanes.slice(0, 7)) await lane.close();
await consoleServe.stop();
rmSync(work, { recursive: true, force: true });
console.log(`Screenshots in ${out}`);
