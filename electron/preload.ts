// The renderer's only door into the main process. Runs sandboxed (so it is bundled as CommonJS) and
// exposes exactly two functions; ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult, TerminalEvent } from '../services/api/contract';

// Literal copies of ipc.ts's channel names: importing ipc.ts would bundle services/ into the preload.
const CALL_CHANNEL = 'terminal:call';
const EVENT_CHANNEL = 'terminal:event';

const bridge = {
  call(name: string, input: unknown): Promise<ApiResult<unknown>> {
    return ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<ApiResult<unknown>>;
  },
  subscribe(listener: (event: TerminalEvent) => void): () => void {
    // The page gets only the event, never Electron's IpcRendererEvent (which carries `sender`).
    const forward = (_event: IpcRendererEvent, payload: TerminalEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('openlane', bridge);
