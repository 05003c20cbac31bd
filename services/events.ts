// The typed event stream from backend to screen: one hub, any number of listeners (IPC, WebSockets).
import type { TerminalEvent } from './api/contract';

export interface EventHub {
  emit(event: TerminalEvent): void;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<(event: TerminalEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          // One broken listener (a closed socket) must not stop the others.
          console.error('event listener failed:', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
