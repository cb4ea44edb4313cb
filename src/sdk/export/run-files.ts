// One run as MLflow's FileStore keeps it: meta.yaml, params/, tags/, metrics/ (every point, in
// logging order), inputs/ (+ the experiment's datasets/), artifacts/ with the bytes.
import { keyFile, runArtifactUri, runDir, sortedEntries } from '../../domain/mlruns/export-layout';
import { md5Hex } from '../../domain/mlruns/export-md5';
import { datasetInputMeta, datasetMeta, metaYaml, runMeta } from '../../domain/mlruns/export-meta';
import { metricLineBytes } from '../../domain/mlruns/export-metric-lines';
import { shouldDeflate } from '../../domain/mlruns/export-compression';
import type { RunRow } from '../../storage/schema';
import type { Workspace } from '../workspace';
import { artifactBlob, artifactRowsOf, blobSlices, metricHistoriesOf, missingBytes } from './run-reads';
import type { ZipContext } from './zip-context';

const WHOLE_ARTIFACT = 4 << 20;

export async function writeRun(ctx: ZipContext, ws: Workspace, experimentFolder: string, row: RunRow, datasetsWritten: Set<string>): Promise<void> {
  const info = row.info;
  const dir = runDir(experimentFolder, info.runId);
  await ctx.text(`${dir}/meta.yaml`, metaYaml(runMeta(info, runArtifactUri(info.experimentId, info.runId), row.deletedTime)));
  // Values as they are, no trailing newline (FileStore write_to of _writeable_value).
  for (const [key, value] of sortedEntries(row.data.params)) await ctx.text(keyFile(`${dir}/params`, key), value);
  for (const [key, value] of sortedEntries(row.data.tags)) await ctx.text(keyFile(`${dir}/tags`, key), value);
  await writeMetrics(ctx, ws, dir, row);
  await writeInputs(ctx, experimentFolder, dir, row, datasetsWritten);
  if (ctx.options.includeArtifacts ?? true) await writeArtifacts(ctx, ws, dir, info.runId);
}

async function writeMetrics(ctx: ZipContext, ws: Workspace, dir: string, row: RunRow): Promise<void> {
  for await (const history of metricHistoriesOf(ws, row)) {
    const name = keyFile(`${dir}/metrics`, history.key);
    if (history.whole) {
      // All points are here: one buffer, one deflate call.
      const parts: Uint8Array[] = [];
      for await (const cols of history.columns) parts.push(metricLineBytes(cols));
      await ctx.bytes(name, parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts));
    } else {
      await ctx.stream(name, (async function* () {
        for await (const cols of history.columns) yield metricLineBytes(cols);
      })(), {});
    }
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** FileStore.log_inputs: the dataset once per experiment (id md5(name + digest)), an input per run (id md5(dataset id + run id)). */
async function writeInputs(ctx: ZipContext, experimentFolder: string, dir: string, row: RunRow, datasetsWritten: Set<string>): Promise<void> {
  for (const input of row.inputs?.datasetInputs ?? []) {
    const datasetId = md5Hex(input.dataset.name + input.dataset.digest);
    const datasetFile = `${experimentFolder}/datasets/${datasetId}/meta.yaml`;
    if (!datasetsWritten.has(datasetFile)) {
      datasetsWritten.add(datasetFile);
      await ctx.text(datasetFile, metaYaml(datasetMeta(input.dataset)));
    }
    await ctx.text(`${dir}/inputs/${md5Hex(datasetId + row.info.runId)}/meta.yaml`, metaYaml(datasetInputMeta(datasetId, input.tags)));
  }
}

async function writeArtifacts(ctx: ZipContext, ws: Workspace, dir: string, runId: string): Promise<void> {
  for (const row of await artifactRowsOf(ws, runId)) {
    const blob = await artifactBlob(ws, row);
    if (!blob) {
      if (!ctx.options.skipMissingArtifacts) throw missingBytes(runId, row);
      ctx.warn(`Left out artifact '${row.path}' of run ${runId}: its bytes are not in this workspace yet.`);
      continue;
    }
    const name = keyFile(`${dir}/artifacts`, row.path);
    // Small files in one piece (one deflate call, sizes in the local header); big ones streamed in slices.
    if (blob.size <= WHOLE_ARTIFACT) await ctx.bytes(name, new Uint8Array(await blob.arrayBuffer()), shouldDeflate(row.path));
    else await ctx.stream(name, blobSlices(blob), { compress: shouldDeflate(row.path), expectedSize: blob.size });
  }
}
