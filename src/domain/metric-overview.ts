// Overviews: per-chunk min/max summaries of metric history (see MetricOverview). Downsampling the
// overviews instead of the full series gives the same per-bucket extremes, because every
// sub-bucket's min and max survive into the overview.
import { downsampleMinMax } from './downsample';
import { OVERVIEW_BUCKET, type MetricChunk, type MetricColumns, type MetricOverview } from './metric-history';

export function overviewOf(chunk: MetricChunk): MetricOverview {
  const cols: MetricColumns = {
    steps: chunk.steps.subarray(0, chunk.count),
    timestamps: chunk.timestamps.subarray(0, chunk.count),
    values: chunk.values.subarray(0, chunk.count),
  };
  const maxPoints = Math.ceil(chunk.count / OVERVIEW_BUCKET) * 4;
  const o = downsampleMinMax(cols, maxPoints);
  // Copies: a subarray would keep (and store) the whole chunk's buffer.
  return {
    runId: chunk.runId,
    key: chunk.key,
    seq: chunk.seq,
    sourceCount: chunk.count,
    steps: Float64Array.from(o.steps),
    timestamps: Float64Array.from(o.timestamps),
    values: Float64Array.from(o.values),
  };
}
