// Names of the Y.Maps the runs adapter owns (docs/sync-design.md), and the check each entity
// map's field writes must pass.
import { checkArtifactField } from '../../domain/sync/artifact-entity';
import { checkExperimentField } from '../../domain/sync/experiment-entity';
import { checkRunField } from '../../domain/sync/run-entity';
import type { FieldCheck } from '../../domain/sync/slot-filter';

/** root document: experiment entities (slots) */
export const EXPERIMENTS = 'experiments';
/** run shard document: run entities (slots) of the runs whose id falls in that shard */
export const RUNS = 'runs';
/** run shard document: append-only metric chunk refs, key `<runId>|<hash>` */
export const METRIC_REFS = 'metricRefs';
/** run shard document: artifact entities (slots), id `<runId>/<path>` */
export const ARTIFACTS = 'artifacts';

export const RUN_DOC_MAPS = [RUNS, METRIC_REFS, ARTIFACTS] as const;

/** What a field write of each entity map must satisfy to count (slot-filter.ts). */
export const FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  [EXPERIMENTS]: checkExperimentField,
  [RUNS]: checkRunField,
  [ARTIFACTS]: checkArtifactField,
};
