// settings.json as store IT edits it, met by a real `openlane serve`: a bad edit stops the start with the
// field or the line named, and the way back (the last good copy) is named too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServe } from '../helpers/serve';

const BIN = new URL('../../bin/openlane.mjs', import.meta.url).pathname;
const serve = (data: string) =>
  spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--data', data], {
    encoding: 'utf8',
    timeout: 40_000,
    env: { ...process.env, OPENLANE_SCANNERS: '' },
  });

describe('openlane serve and a settings.json edited by hand', () => {
  let data: string;
  beforeEach(() => (data = mkdtempSync(join(tmpdir(), 'openlane-settings-cli-'))));
  afterEach(() => rmSync(data, { recursive: true, force: true }));

  it('refuses "currency": "RMB" at start, naming the field and the ISO code to write', () => {
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ currency: 'RMB' }, null, 2));
    const result = serve(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('currency: "RMB" is not an ISO 4217 currency code');
    expect(result.stderr).toContain('CNY (for RMB / yuan)');
    expect(result.stdout).not.toMatch(/is serving at/);
  });

  it('names the line that broke and the last good copy to put back', async () => {
    // A first start that worked keeps its settings as the last good copy.
    const first = await startServe({ dataDir: data });
    await first.stop();
    const path = join(data, 'settings.json');
    writeFileSync(path, '{\n  "storeName": "Harbour Fresh",\n  "currency": "CNY",\n}\n');
    const result = serve(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${path} is not valid JSON at line 4, column 1; the last good settings are in ${join(data, 'settings.last-good.json')} — copy it back`,
    );
  });
});
