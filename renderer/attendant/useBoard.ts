// The console's board: loaded once, then replaced by every `lanes.board` event the backend pushes (a
// lane's report, a lane gone quiet), so a change on a lane paints here within a moment.
import type { TerminalClient, TerminalEvent } from '../../services/api/contract';
import type { LaneBoardView } from '../../services/api/lanes-contract';
import { useLive } from '../common/useLive';

const load = (client: TerminalClient) => client.call('lanes.board', {});
const fromEvent = (event: TerminalEvent) => (event.type === 'lanes.board' ? event.board : null);

export function useBoard(client: TerminalClient): [LaneBoardView | null, (board: LaneBoardView) => void] {
  return useLive(client, load, fromEvent);
}
