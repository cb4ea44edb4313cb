// Activity-feed lines for registry events that arrived from other peers.
import type { RegistryEvent } from '../../domain/registry';
import type { Activity } from '../adapter';

const VERBS: Record<RegistryEvent['kind'], (e: RegistryEvent) => string> = {
  'model/create': (e) => `created model ${e.name}`,
  'model/rename': (e) => `renamed model ${e.from ?? '?'} to ${e.name}`,
  'model/description': (e) => `edited the description of ${e.name}`,
  'model/tag': (e) => `set tag ${e.to ?? ''} on ${e.name}`,
  'model/deleteTag': (e) => `deleted tag ${e.from ?? ''} of ${e.name}`,
  'model/delete': (e) => `deleted model ${e.name}`,
  'version/create': (e) => `registered ${e.name} version ${e.version ?? '?'}`,
  'version/description': (e) => `edited the description of ${e.name} version ${e.version ?? '?'}`,
  'version/stage': (e) => `moved ${e.name} version ${e.version ?? '?'} to ${e.to ?? '?'}`,
  'version/tag': (e) => `set tag ${e.to ?? ''} on ${e.name} version ${e.version ?? '?'}`,
  'version/deleteTag': (e) => `deleted tag ${e.from ?? ''} of ${e.name} version ${e.version ?? '?'}`,
  'version/delete': (e) => `deleted ${e.name} version ${e.version ?? '?'}`,
  'alias/set': (e) => `pointed ${e.name}@${(e.to ?? '').split('=')[0] ?? ''} at version ${e.version ?? '?'}`,
  'alias/delete': (e) => `deleted alias ${e.name}@${(e.from ?? '').split('=')[0] ?? ''}`,
  'approval/request': (e) => `requested ${e.name} version ${e.version ?? '?'} -> ${e.to ?? '?'}`,
  'approval/approve': (e) => `approved ${e.name} version ${e.version ?? '?'} -> ${e.to ?? '?'}`,
  'approval/reject': (e) => `rejected ${e.name} version ${e.version ?? '?'} -> ${e.to ?? '?'}`,
  'approval/cancel': (e) => `cancelled the request for ${e.name} version ${e.version ?? '?'}`,
  'approval/gate': (e) => `changed what needs approval on ${e.name}`,
};

export function registryActivity(e: RegistryEvent, peer: string): Activity {
  const who = e.actor.name || e.actor.email || 'someone';
  const model = `/models/${encodeURIComponent(e.name)}`;
  return { at: e.at, peer, user: who, text: `${who} ${VERBS[e.kind](e)}`, href: e.version !== undefined ? `${model}/versions/${encodeURIComponent(e.version)}` : model };
}
