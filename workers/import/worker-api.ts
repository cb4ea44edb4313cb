// What the import worker does: the parse phase of an mlruns import (domain/mlruns/parse-import.ts),
// with progress reported back through a callback, and a failure as an outcome (so the page gets
// the MlflowError with its code, not Comlink's plain copy). The metric columns go back as transferred
// buffers (a million points are 24 MB that need not be copied); artifact Blobs are references.
import * as Comlink from 'comlink';
import type { ImportProgress } from '../../src/domain/mlruns/import-progress';
import { parseMlruns, type ParsedImport } from '../../src/domain/mlruns/parse-import';
import type { MlrunsSource } from '../../src/domain/mlruns/tree-source';
import { settle, type Outcome } from '../../src/domain/outcome';

export interface ImportWorkerApi {
  parse(source: MlrunsSource, onProgress: (progress: ImportProgress) => void): Promise<Outcome<ParsedImport>>;
}

/** Each buffer under the parsed metric histories, once. */
export function transferablesOf(parsed: ParsedImport): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { run } of parsed.tree.runs) {
    for (const m of run.metrics) {
      for (const column of [m.steps, m.timestamps, m.values]) if (column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
    }
  }
  return [...buffers];
}

export const importWorkerApi: ImportWorkerApi = {
  async parse(source, onProgress) {
    const outcome = await settle(() => parseMlruns(source, { onProgress }));
    return outcome.ok ? Comlink.transfer(outcome, transferablesOf(outcome.value)) : outcome;
  },
};
