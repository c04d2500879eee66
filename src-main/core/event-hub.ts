// Events from main to every UI. Payloads are parsed with the contract's schemas before they are
// fanned out, for the same reason results are: only declared fields ever leave the main process.
import { events, type EventMessage, type EventName, type Events } from '../../src-shared/contract/index.ts';
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';

export interface EventHub {
  emit<E extends EventName>(event: E, payload: z.input<Events[E]>): void;
  subscribe(listener: (message: EventMessage) => void): () => void;
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Set<(message: EventMessage) => void>();
  return {
    emit(event, payload) {
      const parsed = events[event].safeParse(payload);
      if (!parsed.success) {
        log.error(`Dropped ${event} event with an invalid payload`);
        return;
      }
      const message: EventMessage = { event, payload: parsed.data };
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (err) {
          log.warn(`An event listener failed: ${String(err)}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
