// exportMlruns: a workspace (or chosen experiments / runs) as a zip of an MLflow FileStore tree
// (`mlruns/` at its root) that `mlflow ui` reads when started in the unzipped folder. Streamed:
// one run at a time, metric histories a few chunks at a time, artifacts in slices, output folded
// into a Blob (or written to any sink, e.g. a file picked with the File System Access API).
import { experimentArtifactLocation, experimentDir, keyFile, sortedEntries } from '../../domain/mlruns/export-layout';
import { experimentMeta, metaYaml } from '../../domain/mlruns/export-meta';
import { ZipStreamWriter, type ZipSink } from '../../domain/mlruns/export-zip';
import type { Workspace } from '../workspace';
import { BlobSink } from './blob-sink';
import type { ExportProgress, MlrunsExportOptions } from './options';
import { writeRegistry } from './registry-files';
import { writeRun } from './run-files';
import { planExport, runRowsInBatches } from './selection';
import { ZipContext } from './zip-context';

/**
 * The zip as a Blob.
 * @example
 * const zip = await exportMlruns(ws, { experimentIds: ['0'], onProgress: (p) => bar(p.runsDone / p.runsTotal) });
 * // unzip, then in that folder: mlflow ui  (or mlflow ui --backend-store-uri ./mlruns)
 */
export async function exportMlruns(ws: Workspace, options: MlrunsExportOptions = {}): Promise<Blob> {
  const sink = new BlobSink('application/zip');
  await writeMlrunsZip(ws, sink, options);
  return sink.toBlob();
}

/** The same archive written to `sink` chunk by chunk (each write awaited). Resolves with its size in bytes. */
export async function writeMlrunsZip(ws: Workspace, sink: ZipSink, options: MlrunsExportOptions = {}): Promise<number> {
  options.signal?.throwIfAborted();
  await ws.flush(); // points still in the metric queue belong in the export
  const plan = await planExport(ws, options);
  const zip = new ZipStreamWriter(sink);
  const ctx = new ZipContext(zip, options);
  let runsDone = 0;
  const report = (phase: ExportProgress['phase']): void =>
    options.onProgress?.({ phase, experimentsTotal: plan.experiments.length, runsDone, runsTotal: plan.runCount, files: ctx.files, bytesIn: ctx.bytesIn, bytesOut: zip.bytesWritten });

  for (const { experiment, runIds } of plan.experiments) {
    const folder = experimentDir(experiment.experimentId, experiment.lifecycleStage === 'deleted');
    ctx.newScope();
    await ctx.text(`${folder}/meta.yaml`, metaYaml(experimentMeta(experiment, experimentArtifactLocation(experiment.experimentId))));
    for (const [key, value] of sortedEntries(experiment.tags)) await ctx.text(keyFile(`${folder}/tags`, key), value);
    const datasetsWritten = new Set<string>();
    for await (const row of runRowsInBatches(ws, runIds)) {
      // Moved to another experiment while we read: MLflow would ignore it in this folder.
      if (row.info.experimentId !== experiment.experimentId) ctx.warn(`Left out run ${row.runId}: it moved to experiment ${row.info.experimentId} during the export.`);
      else {
        ctx.newScope();
        await writeRun(ctx, ws, folder, row, datasetsWritten);
      }
      runsDone++;
      report('runs');
    }
  }
  if (options.includeRegistry ?? true) {
    await writeRegistry(ctx, ws, plan);
    report('registry');
  }
  ctx.checkAborted();
  await zip.finish();
  report('done');
  return zip.bytesWritten;
}
