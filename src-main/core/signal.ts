// A tiny typed event: how two subsystems that need each other are wired without forward
// references. The earlier one is given `emit`; the later one subscribes once it exists.
export interface Signal<T = void> {
  emit(value: T): void;
  on(listener: (value: T) => void): () => void;
}

export function createSignal<T = void>(): Signal<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    emit(value) {
      for (const listener of listeners) listener(value);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
