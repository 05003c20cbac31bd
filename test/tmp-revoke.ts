import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, createEnrolmentCode } from '../server';
import { enrolTerminal } from '../services/sync';
import { startServe } from './helpers/serve';
import { call } from './helpers/postgres';
const dir = mkdtempSync(join(tmpdir(), 'rv-'));
const data = join(dir, 'data'); mkdirSync(data);
const hq = await startServer({ port: 0, dataDir: join(dir, 'hq'), catalogPollMs: 100, adminToken: 'x'.repeat(30) });
const { code } = await createEnrolmentCode(hq.db, 'S001');
const e = await enrolTerminal({ dataDir: data, serverUrl: hq.url, code, terminalName: 'K01' });
const serve = await startServe({ dataDir: data });
await new Promise(r => setTimeout(r, 3000));
const devs = await call(hq.url, 'GET', '/admin/v1/devices?store=S001', { token: 'x'.repeat(30) });
const id = (devs.body as any).devices[0].deviceId;
console.log(await call(hq.url, 'POST', `/admin/v1/devices/${id}/revoke`, { token: 'x'.repeat(30), body: {} }));
for (let i = 0; i < 8; i++) {
  await new Promise(r => setTimeout(r, 1500));
  const r = await fetch(serve.url + '/api/sync.status').catch(e => e.message);
  const st = await import('node:child_process').then(c => c.execSync(`node bin/openlane.mjs status --data ${data}`).toString());
  console.log(JSON.parse(st).sync ?? st.slice(0, 400));
}
await serve.stop(); await hq.close();
