// Leaving Orchard with your data: an MLflow FileStore zip that MLflow reads, or one JSON document.
export { exportMlruns, writeMlrunsZip } from './mlruns-zip';
export { exportWorkspaceJson, type JsonExportOptions } from './json-export';
export type { ExportProgress, ExportSelection, MlrunsExportOptions } from './options';
export type { ArtifactJson, MetricHistoryJson, OrchardJsonExport } from './json-format';
export type { ZipSink } from '../../domain/mlruns/export-zip';
