// A workspace's storage: its database, the mutation layer that is the only writer, and the run
// cache that search reads from. Opening one makes sure MLflow's default experiment exists.
import { MlflowError } from '../domain/errors';
import { DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME } from '../domain/ids';
import { MutationLayer } from './mutation-layer';
import { makeCloseOnOtherTabUpgrade, type ClosedByOtherTab } from './other-tab-upgrade';
import { RunCache } from './run-cache';
import { WorkspaceDb, databaseName } from './schema';

export interface UserProfile {
  name: string;
  email: string;
}

const PROFILE_KEY = 'userProfile';

export class WorkspaceStore {
  readonly db: WorkspaceDb;
  readonly mutations: MutationLayer;
  readonly runCache: RunCache;
  /** set once another tab upgraded or deleted the database and this connection closed */
  closedByOtherTab: ClosedByOtherTab | undefined;
  private readonly closedListeners = new Set<(why: ClosedByOtherTab) => void>();

  private constructor(readonly name: string) {
    this.db = new WorkspaceDb(databaseName(name));
    this.mutations = new MutationLayer(this.db);
    this.runCache = new RunCache(this.db, this.mutations);
    makeCloseOnOtherTabUpgrade(this.db, (why) => {
      this.closedByOtherTab = why;
      for (const l of this.closedListeners) l(why);
    });
  }

  /** Hears when another tab's newer Orchard upgrades (or deletes) the database: this connection is
   * closed then, and the page must reload. Returns the unsubscribe function. */
  onClosedByOtherTab(listener: (why: ClosedByOtherTab) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  static async open(name: string): Promise<WorkspaceStore> {
    const store = new WorkspaceStore(name);
    await store.db.open();
    await store.ensureDefaultExperiment();
    return store;
  }

  /** Artifact locations use the tracking server's proxied scheme, which our REST layer serves. */
  static experimentArtifactLocation(experimentId: string): string {
    return `mlflow-artifacts:/${experimentId}`;
  }

  private async ensureDefaultExperiment(): Promise<void> {
    if (await this.db.experiments.get(DEFAULT_EXPERIMENT_ID)) return;
    const now = Date.now();
    try {
      await this.mutations.apply({
        type: 'experiment/create',
        experiment: {
          experimentId: DEFAULT_EXPERIMENT_ID,
          name: DEFAULT_EXPERIMENT_NAME,
          artifactLocation: WorkspaceStore.experimentArtifactLocation(DEFAULT_EXPERIMENT_ID),
          lifecycleStage: 'active',
          creationTime: now,
          lastUpdateTime: now,
          tags: {},
        },
      });
    } catch (e) {
      // Another tab created it between our read and our write.
      if (!(e instanceof MlflowError && e.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw e;
    }
  }

  async userProfile(): Promise<UserProfile> {
    const row = await this.db.settings.get(PROFILE_KEY);
    const v = (row?.value ?? {}) as Partial<UserProfile>;
    return { name: v.name ?? '', email: v.email ?? '' };
  }

  async setUserProfile(profile: UserProfile): Promise<void> {
    await this.db.settings.put({ key: PROFILE_KEY, value: { name: profile.name, email: profile.email } });
  }

  close(): void {
    this.closedListeners.clear();
    this.runCache.dispose();
    this.mutations.close();
    this.db.close();
  }
}
