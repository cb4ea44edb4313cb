// Model Registry entities -> MLflow's protobuf JSON (mlflow/protos/model_registry.proto), fields
// in proto field order, with json.ts's conventions: snake_case, int64 as numbers, unset fields and
// empty lists left out. The registry entities keep "" for unset optional strings (description,
// user_id, run_id, run_link, status_message): "" is protobuf's unset string, so those are left out.
import type { ModelVersion, RegisteredModel } from '../../domain/registry/entities';
import { compact, keyValues } from './json';
import type { JsonObject } from './request';

function unsetIfEmpty(s: string): string | undefined {
  return s === '' ? undefined : s;
}

export function modelVersionToJson(v: ModelVersion): JsonObject {
  return compact({
    name: v.name,
    version: v.version,
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    user_id: unsetIfEmpty(v.userId),
    current_stage: v.currentStage,
    description: unsetIfEmpty(v.description),
    source: v.source,
    run_id: unsetIfEmpty(v.runId),
    status: v.status,
    status_message: unsetIfEmpty(v.statusMessage),
    tags: keyValues(v.tags),
    run_link: unsetIfEmpty(v.runLink),
    aliases: [...v.aliases],
  });
}

export function registeredModelToJson(m: RegisteredModel): JsonObject {
  return compact({
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    user_id: unsetIfEmpty(m.userId),
    description: unsetIfEmpty(m.description),
    latest_versions: m.latestVersions.map(modelVersionToJson),
    tags: keyValues(m.tags),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: a.version })),
  });
}
