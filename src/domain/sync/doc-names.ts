// Names of a workspace's sync documents (docs/sync-design.md): the root document is named by the
// workspace id; each experiment has a document `<W>/exp/<experimentId>` holding the runs created in
// it, their metric chunk refs and artifact refs. The relay uses these names as room names.
import { isExperimentId } from './remote-values';

export const rootDocName = (workspaceId: string): string => workspaceId;

export const experimentDocName = (workspaceId: string, experimentId: string): string => `${workspaceId}/exp/${experimentId}`;

/** The experiment id of an experiment document's name, or undefined for any other name. */
export function experimentOfDoc(workspaceId: string, name: string): string | undefined {
  const prefix = `${workspaceId}/exp/`;
  if (!name.startsWith(prefix)) return undefined;
  const id = name.slice(prefix.length);
  return isExperimentId(id) ? id : undefined;
}
