// A workspace as the SDK hands it out: storage plus the metric queue. One instance per name per
// JavaScript realm, so the fluent API, the REST handler and the UI share one queue and cache.
import type { ClosedByOtherTab } from '../storage/other-tab-upgrade';
import { WorkspaceStore } from '../storage/workspace-store';
import { MetricQueue } from './metric-queue';

export interface OpenWorkspaceOptions {
  /** defaults to "default" */
  name?: string;
}

export class Workspace {
  readonly metricQueue: MetricQueue;
  private readonly detach: () => void;

  constructor(readonly store: WorkspaceStore) {
    this.metricQueue = new MetricQueue(store.mutations);
    this.detach = flushWhenHidden(() => void this.flush().catch(() => undefined));
  }

  get name(): string {
    return this.store.name;
  }

  /**
   * Calls `listener` after any committed change to this workspace, from this tab or another tab
   * on the same browser profile (`registeredModels` names the registry models touched). Returns
   * the unsubscribe function.
   * @example const stop = ws.onChange(({ runIds }) => refresh(runIds));
   */
  onChange(listener: (change: { experimentIds: string[]; runIds: string[]; registeredModels?: string[] }) => void): () => void {
    const a = this.store.mutations.onMutation((_m, effect) => listener(effect));
    const b = this.store.mutations.onOtherTab(listener);
    return () => {
      a();
      b();
    };
  }

  /**
   * Calls `listener` when a newer Orchard in another tab upgrades this workspace's database (or
   * another tab deletes it): this tab's connection is closed then, so the upgrade is never blocked,
   * and the page has to reload to keep working. Returns the unsubscribe function.
   * @example ws.onClosedByOtherTab(() => showReloadBanner());
   */
  onClosedByOtherTab(listener: (why: ClosedByOtherTab) => void): () => void {
    return this.store.onClosedByOtherTab(listener);
  }

  /** Set once the connection was closed by another tab (see onClosedByOtherTab). */
  get closedByOtherTab(): ClosedByOtherTab | undefined {
    return this.store.closedByOtherTab;
  }

  /** Resolves when every metric point logged so far is durable. */
  flush(): Promise<void> {
    return this.metricQueue.flush();
  }

  /** Flushes, then closes the database connection. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.detach();
    this.metricQueue.dispose();
    open.delete(this.name);
    this.store.close();
  }
}

// A page being hidden may be the last chance to write before the tab is frozen or discarded.
function flushWhenHidden(flush: () => void): () => void {
  if (typeof document === 'undefined' || typeof addEventListener === 'undefined') return () => undefined;
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onVisibility);
  addEventListener('pagehide', flush);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    removeEventListener('pagehide', flush);
  };
}

const open = new Map<string, Promise<Workspace>>();

/**
 * Opens (creating if needed) a workspace: one IndexedDB database holding experiments, runs,
 * metrics and artifacts.
 * @example
 * const ws = await openWorkspace();            // "default"
 * const client = new MlflowClient(ws);
 */
export function openWorkspace(options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const name = options.name ?? 'default';
  let ws = open.get(name);
  if (!ws) {
    ws = WorkspaceStore.open(name).then((store) => new Workspace(store));
    ws.catch(() => open.delete(name));
    open.set(name, ws);
  }
  return ws;
}
