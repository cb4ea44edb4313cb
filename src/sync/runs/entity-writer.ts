// Collects entity field writes of many journal entries and writes them as one Yjs transaction per
// document (LOCAL_ORIGIN): draining 1,000 runs' creation costs one update, not 1,000, and each
// entity gets one merged slot however many entries touched it. Each entry keeps its own stamp per
// field, so ordering between entries is exactly as if they had been written one by one.
import type * as Y from 'yjs';
import type { Hlc } from '../../domain/sync/hlc';
import type { FieldCheck } from '../../domain/sync/slot-filter';
import { filterSlots } from '../../domain/sync/slot-filter';
import { type FieldValue, type FoldedField, type Slot, foldEntity, ruleOf } from '../../domain/sync/slots';
import { LOCAL_ORIGIN } from '../adapter';
import { slotIndex, writeMergedSlot } from '../entity-map';
import { FIELD_CHECKS } from './maps';

function checkOf(mapName: string): FieldCheck {
  const check = FIELD_CHECKS[mapName];
  if (!check) throw new Error(`no field check for the entity map "${mapName}"`);
  return check;
}

type Stamped = Record<string, [FieldValue, Hlc]>;

export class EntityWriter {
  private readonly pending = new Map<Y.Doc, Map<string, Map<string, Stamped>>>();
  private readonly indexes = new Map<Y.Doc, Map<string, Map<string, string[]>>>();

  constructor(private readonly by: Slot['by']) {}

  /** Queues `changes` (all stamped `hlc`) for an entity of `mapName` in `doc`. */
  set(doc: Y.Doc, mapName: string, entityId: string, changes: Record<string, FieldValue>, hlc: Hlc): void {
    let maps = this.pending.get(doc);
    if (!maps) this.pending.set(doc, (maps = new Map()));
    let entities = maps.get(mapName);
    if (!entities) maps.set(mapName, (entities = new Map()));
    let stamped = entities.get(entityId);
    if (!stamped) entities.set(entityId, (stamped = {}));
    for (const [field, value] of Object.entries(changes)) stamped[field] = [value, hlc];
  }

  /**
   * The entity as it will read after the queued writes: the document's fold (its slots filtered by
   * `check`) with the queued values on top (a queued param loses to one already there: first
   * logged wins). For writes that depend on the current value. The slot index is taken once per
   * writer: a slot arriving meanwhile is merged at flush, it only misses this read.
   */
  read(doc: Y.Doc, mapName: string, entityId: string, check: FieldCheck): Map<string, FoldedField> {
    const map = doc.getMap(mapName);
    const keys = this.indexOf(doc, mapName).get(entityId) ?? [];
    const folded = foldEntity(filterSlots(keys.map((k) => map.get(k)), check).slots);
    const queued = this.pending.get(doc)?.get(mapName)?.get(entityId);
    if (queued) {
      for (const [field, [value, hlc]] of Object.entries(queued)) {
        if (ruleOf(field) === 'first' && folded.has(field)) continue;
        folded.set(field, { value, hlc, peer: this.by.peer });
      }
    }
    return folded;
  }

  private indexOf(doc: Y.Doc, mapName: string): Map<string, string[]> {
    let byMap = this.indexes.get(doc);
    if (!byMap) this.indexes.set(doc, (byMap = new Map()));
    let index = byMap.get(mapName);
    if (!index) byMap.set(mapName, (index = slotIndex(doc.getMap(mapName))));
    return index;
  }

  get empty(): boolean {
    return this.pending.size === 0;
  }

  /** Writes everything queued: per document one transaction, per entity one merged slot. */
  flush(): void {
    for (const [doc, maps] of this.pending) {
      doc.transact(() => {
        for (const [mapName, entities] of maps) {
          const map = doc.getMap(mapName);
          const index = slotIndex(map);
          for (const [entityId, stamped] of entities) {
            writeMergedSlot(map, entityId, index.get(entityId) ?? [], stamped, this.by, checkOf(mapName));
          }
        }
      }, LOCAL_ORIGIN);
    }
    this.pending.clear();
    this.indexes.clear();
  }
}
