// The Model Registry's SyncAdapter: registry mutations go into the root document (publish.ts),
// the root document's registry maps come back as 'sync/registry*' mutations (project.ts). The
// rules of the fold are in domain/sync/registry-fold.ts.
import type * as Y from 'yjs';
import type { Mutation, RegistryMutation } from '../../domain/mutations';
import type { Activity, SyncAdapter, SyncContext } from '../adapter';
import { RegistryProjector } from './project';
import { publishRegistry } from './publish';
import { publishImportedModel } from './publish-import';
import { snapshotRegistry } from './snapshot';

const isRegistryMutation = (m: Mutation): m is RegistryMutation => m.type.startsWith('registry/');

export class RegistryAdapter implements SyncAdapter {
  readonly name = 'registry';
  private readonly projector = new RegistryProjector();

  publishes(m: Mutation): boolean {
    return isRegistryMutation(m) || m.type === 'import/registeredModel';
  }

  async publish(ctx: SyncContext, m: Mutation, ageMs = 0): Promise<void> {
    if (isRegistryMutation(m)) await publishRegistry(ctx, m, ageMs);
    else if (m.type === 'import/registeredModel') await publishImportedModel(ctx, m, ageMs);
  }

  snapshot(ctx: SyncContext): Promise<void> {
    return snapshotRegistry(ctx);
  }

  async project(ctx: SyncContext, doc: Y.Doc, events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>): Promise<{ mutations: Mutation[]; activity: Activity[] }> {
    return this.projector.project(ctx, doc, events);
  }

  /** Stops listening to the workspace's mutations (the replicator calls it when sync stops). */
  dispose(): void {
    this.projector.dispose();
  }
}

export const createRegistryAdapter = (): RegistryAdapter => new RegistryAdapter();
