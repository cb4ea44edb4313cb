// What every part of the demo generator shares: the client it writes through, the seeded random
// source, the clock it dates runs by, and the progress callback.
import type { MlflowClient } from '../../sdk/index';
import type { Random } from './random';

export interface DemoProgress {
  /** runs written so far */
  done: number;
  total: number;
  /** what is being written, for the progress line */
  label: string;
}

export interface DemoContext {
  client: MlflowClient;
  rng: Random;
  /** runs are dated relative to this (ms since epoch) */
  now: number;
  /** points per metric in the long-curve experiment */
  longSteps: number;
  /** call once per finished run */
  runDone(label: string): void;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * Creates the experiment under `name`, or `name (2)`, `name (3)`... when that is taken (deleted
 * experiments keep their names in MLflow), so loading the demo twice never fails.
 */
export async function createDemoExperiment(client: MlflowClient, name: string, tags: Record<string, string>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    if (!(await client.getExperimentByName(candidate))) return client.createExperiment(candidate, { tags });
  }
}

/** A JSON artifact body, pretty-printed as people write config files. */
export const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
