// The console's board: loaded once, then replaced by every `lanes.board` event the backend pushes (a
// lane's report, a lane gone quiet), so a change on a lane paints here within a moment.
import { useEffect, useState } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import type { LaneBoardView } from '../../services/api/lanes-contract';

export function useBoard(client: TerminalClient): [LaneBoardView | null, (board: LaneBoardView) => void] {
  const [board, setBoard] = useState<LaneBoardView | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'lanes.board') setBoard(event.board);
    });
    void client.call('lanes.board', {}).then((result) => {
      if (live && result.ok) setBoard((current) => current ?? result.value);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return [board, setBoard];
}
