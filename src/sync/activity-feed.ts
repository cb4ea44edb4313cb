// What peers changed, newest first, for the activity panel. Bounded: a long session keeps the
// latest `limit` lines, never an ever-growing list.
import type { Activity } from './adapter';
import { ObservableValue } from './observable';

export class ActivityFeed extends ObservableValue<readonly Activity[]> {
  constructor(private readonly limit = 200) {
    super([]);
  }

  add(items: readonly Activity[]): void {
    if (items.length === 0) return;
    const merged = [...items, ...this.get()].sort((a, b) => b.at - a.at);
    this.set(merged.slice(0, this.limit));
  }
}
