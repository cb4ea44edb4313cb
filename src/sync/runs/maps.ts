// Names of the Y.Maps the runs adapter owns (docs/sync-design.md).
/** root document: experiment entities (slots) */
export const EXPERIMENTS = 'experiments';
/** run shard document: run entities (slots) of the runs whose id falls in that shard */
export const RUNS = 'runs';
/** run shard document: append-only metric chunk refs, key `<runId>|<hash>` */
export const METRIC_REFS = 'metricRefs';
/** run shard document: artifact entities (slots), id `<runId>/<path>` */
export const ARTIFACTS = 'artifacts';

export const RUN_DOC_MAPS = [RUNS, METRIC_REFS, ARTIFACTS] as const;
