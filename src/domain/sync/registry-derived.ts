// Audit events every peer derives from the document rather than reads from it (ids carry
// DERIVED_ID_MARK, and are never written into the document): a version whose number differs from
// the one its creator gave it says so, next to its creation event.
import type { RegistryEvent } from '../registry/entities';
import { stringField, type ModelEntity } from './registry-model-fold';
import type { VersionEntity, VersionInfo } from './registry-version-fold';

/** Marks derived event ids: computed by every peer from the document, never written into it. */
export const DERIVED_ID_MARK = '.~';

/** `version/create` events saying a version got another number than its creator gave it. */
export function renumberEvents(
  models: ReadonlyMap<string, ModelEntity>,
  versionsOf: ReadonlyMap<string, VersionEntity[]>,
  info: ReadonlyMap<string, VersionInfo>,
  events: ReadonlyMap<string, RegistryEvent>,
): RegistryEvent[] {
  const out: RegistryEvent[] = [];
  for (const m of models.values()) {
    for (const v of versionsOf.get(m.uid) ?? []) {
      const n = info.get(v.uid)?.number;
      if (n === undefined || v.proposed === undefined || n === v.proposed) continue;
      const created = events.get(v.uid);
      const user = stringField(v.fields, 'user')?.value ?? '';
      out.push({
        id: `${v.uid}${DERIVED_ID_MARK}n`,
        name: created?.name ?? m.name,
        version: String(n),
        kind: 'version/create',
        actor: created ? { ...created.actor } : { name: user, email: '' },
        at: v.created,
        from: String(v.proposed),
        to: stringField(v.fields, 'source')?.value ?? '',
        comment: `numbered ${n} when the registries of two peers merged: version ${v.proposed} was registered concurrently elsewhere`,
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}
