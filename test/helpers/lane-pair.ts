// An attendant console and one kiosk lane (K02, with the test attendant) as two real terminals on the
// lane link over loopback, for services tests of what the console decides for a lane.
import { rmSync } from 'node:fs';
import { startTerminal, type Terminal } from '../../services/terminal';
import { ATTENDANT } from './attendant';
import { laneDataDir } from './lanes';

export interface LanePair {
  console: Terminal;
  lane: Terminal;
  laneDir: string;
  /** Stops both terminals and removes their data. */
  close(): Promise<void>;
}

export async function startLanePair(): Promise<LanePair> {
  const consoleDir = laneDataDir('C01', 'attendant', {});
  const console = await startTerminal({ dataDir: consoleDir });
  const laneDir = laneDataDir(
    'K02',
    'kiosk',
    { console: `http://127.0.0.1:${console.laneLinkPort}` },
    { attendants: [ATTENDANT] },
  );
  const lane = await startTerminal({ dataDir: laneDir }).catch(async (error: unknown) => {
    await console.close();
    throw error;
  });
  return {
    console,
    lane,
    laneDir,
    async close() {
      await lane.close();
      await console.close();
      for (const dir of [laneDir, consoleDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
