// Writes into the registry maps of the root document with one HLC stamp: entity fields go into
// this peer's slot, merging the slots it sees (see entity-map.ts) — but only their valid writes:
// copying a garbage write with a high stamp into our slot would push out the valid value it
// shadows, and deleting the other slots would then lose that value for good. Log entries are set
// once by id. Call inside `doc.transact(..., LOCAL_ORIGIN)`.
import type * as Y from 'yjs';
import type { Hlc } from '../../domain/sync/hlc';
import { type EntityMapName, fieldValid } from '../../domain/sync/registry-field-rules';
import type { FieldValue, Slot } from '../../domain/sync/slots';
import type { RegistryEvent } from '../../domain/registry';
import type { TransitionEntry } from '../../domain/sync/registry-wire';
import { slotsOf, writeMergedSlot } from '../entity-map';
import { type RegistryMaps, registryMaps } from './registry-doc';

/** A model's or version's tags as entity fields (`tag:<key>`); own data properties, so a key like
 * `__proto__` is a field, never the object's prototype. */
export function tagFields(tags: Record<string, string>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [`tag:${k}`, v]));
}

export class RegistryWriter {
  private readonly maps: RegistryMaps;

  constructor(
    doc: Y.Doc,
    readonly hlc: Hlc,
    private readonly by: Slot['by'],
  ) {
    this.maps = registryMaps(doc);
  }

  model(uid: string, changes: Record<string, FieldValue>): void {
    this.write('models', uid, changes);
  }

  version(uid: string, changes: Record<string, FieldValue>): void {
    this.write('versions', uid, changes);
  }

  gate(modelUid: string, changes: Record<string, FieldValue>): void {
    this.write('gates', modelUid, changes);
  }

  request(id: string, changes: Record<string, FieldValue>): void {
    this.write('requests', id, changes);
  }

  /** Our slot := the valid writes of every slot of the entity + `changes`; the others go. */
  private write(name: EntityMapName, entityId: string, changes: Record<string, FieldValue>): void {
    const map = this.maps[name];
    const stamped: Record<string, [FieldValue, Hlc]> = {};
    for (const [field, value] of Object.entries(changes)) stamped[field] = [value, this.hlc];
    writeMergedSlot(map, entityId, slotsOf(map, entityId), stamped, this.by, (field, value) => fieldValid(name, field, value));
  }

  /** Log entries are immutable: an id already there is left as it is. */
  transition(id: string, entry: Omit<TransitionEntry, 'hlc'>): void {
    if (!this.maps.transitions.has(id)) this.maps.transitions.set(id, { ...entry, hlc: this.hlc });
  }

  /** The audit entry carries the writer's peer id too (for the activity feed; the fold ignores it). */
  event(e: RegistryEvent): void {
    if (!this.maps.audit.has(e.id)) this.maps.audit.set(e.id, { ...e, actor: { ...e.actor }, peer: this.by.peer });
  }

  has(map: 'models' | 'requests', entityId: string): boolean {
    const prefix = `${entityId}|`;
    for (const key of this.maps[map].keys()) if (key.startsWith(prefix)) return true;
    return false;
  }
}
