// Small builders for runs and experiments used by the search tests.
import type { DatasetInput, Experiment, Run, RunStatus } from '../../../src/domain/entities';
import { MlflowError } from '../../../src/domain/errors';
import type { Comparator, FilterValue, RunEntityType, RunFilter } from '../../../src/domain/search';
import { expect } from 'vitest';

export interface RunSpec {
  id: string;
  name?: string;
  user?: string;
  status?: RunStatus;
  start?: number;
  end?: number | null;
  artifactUri?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** [name, digest, context?] */
  datasets?: Array<[string, string, string?]>;
}

export function run(spec: RunSpec): Run {
  const datasetInputs: DatasetInput[] = (spec.datasets ?? []).map(([name, digest, context]) => ({
    dataset: { name, digest, sourceType: 'local', source: 'src' },
    tags: context === undefined ? [] : [{ key: 'mlflow.data.context', value: context }],
  }));
  return {
    info: {
      runId: spec.id,
      runName: spec.name ?? `name-${spec.id}`,
      experimentId: '0',
      userId: spec.user ?? 'user-id',
      status: spec.status ?? 'FINISHED',
      startTime: spec.start ?? 0,
      endTime: spec.end === undefined ? 1 : spec.end,
      artifactUri: spec.artifactUri ?? `file:///mlruns/0/${spec.id}/artifacts`,
      lifecycleStage: 'active',
    },
    data: { metrics: spec.metrics ?? {}, params: spec.params ?? {}, tags: spec.tags ?? {} },
    inputs: { datasetInputs },
  };
}

export function experiment(id: string, name: string, creationTime: number, tags: Record<string, string> = {}, lastUpdateTime = creationTime): Experiment {
  return {
    experimentId: id,
    name,
    artifactLocation: `file:///mlruns/${id}`,
    lifecycleStage: 'active',
    creationTime,
    lastUpdateTime,
    tags,
  };
}

/** Runs fn and returns the MlflowError it throws (failing the test if it throws anything else). */
export function errorOf(fn: () => unknown): MlflowError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    if (e instanceof MlflowError) return e;
  }
  throw new Error('expected an MlflowError, nothing was thrown');
}

/** Asserts fn throws INVALID_PARAMETER_VALUE containing `message`; returns the error. */
export function expectInvalid(fn: () => unknown, message: string): MlflowError {
  const err = errorOf(fn);
  expect(err.errorCode).toBe('INVALID_PARAMETER_VALUE');
  expect(err.message).toContain(message);
  return err;
}

/** AST builders for expected parses. */
export const c = (type: RunEntityType, key: string, comparator: Comparator, value: FilterValue): RunFilter => ({ kind: 'compare', type, key, comparator, value });
export const and = (...children: RunFilter[]): RunFilter => ({ kind: 'and', children });
export const or = (...children: RunFilter[]): RunFilter => ({ kind: 'or', children });
export const not = (child: RunFilter): RunFilter => ({ kind: 'not', child });
