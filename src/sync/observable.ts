// A value that changes over time and tells subscribers, without a UI framework: the session's
// status and lists are these, and the UI bridges them into signals.

export interface Observable<T> {
  get(): T;
  /** Calls `listener` on every change (not with the current value). Returns unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

export class ObservableValue<T> implements Observable<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    private value: T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
  ) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    if (this.equals(this.value, value)) return;
    this.value = value;
    for (const l of [...this.listeners]) l(value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
