// Names of the Y.Maps the runs adapter owns (docs/sync-design.md).
/** root document: experiment entities (slots) */
export const EXPERIMENTS = 'experiments';
/** experiment document: run entities (slots) of the runs created in that experiment */
export const RUNS = 'runs';
/** experiment document: append-only metric chunk refs, key `<runId>|<hash>` */
export const METRIC_REFS = 'metricRefs';
/** experiment document: artifact entities (slots), id `<runId>/<path>` */
export const ARTIFACTS = 'artifacts';

export const EXPERIMENT_DOC_MAPS = [RUNS, METRIC_REFS, ARTIFACTS] as const;
