// The shapes of the demo's metric curves: a loss that decays towards a floor with noise, an
// optional loss spike (a bad batch, a learning-rate warm restart) that the run recovers from, and
// an accuracy that mirrors the loss. Pure arrays, so the generator is tested without storage.
import type { Random } from './random';

export interface CurveOptions {
  steps: number;
  initialLoss: number;
  finalLoss: number;
  /** steps for the loss to fall by 1/e of the way to finalLoss */
  decaySteps: number;
  /** standard deviation of the noise relative to the current loss */
  noise: number;
  spike?: { atStep: number; height: number; recoverySteps: number };
  /** accuracy approaches this as the loss approaches finalLoss */
  bestAccuracy: number;
}

export interface TrainingCurve {
  loss: Float64Array;
  accuracy: Float64Array;
}

export function trainingCurve(rng: Random, o: CurveOptions): TrainingCurve {
  const loss = new Float64Array(o.steps);
  const accuracy = new Float64Array(o.steps);
  const span = o.initialLoss - o.finalLoss;
  for (let t = 0; t < o.steps; t++) {
    let clean = o.finalLoss + span * Math.exp(-t / o.decaySteps);
    if (o.spike && t >= o.spike.atStep) clean += o.spike.height * Math.exp(-(t - o.spike.atStep) / o.spike.recoverySteps);
    loss[t] = Math.max(1e-4, clean * (1 + o.noise * rng.normal()));
    // 0 at the initial loss, bestAccuracy at the floor: progress along the loss's own scale.
    const progress = Math.min(1, Math.max(0, (o.initialLoss - clean) / span));
    accuracy[t] = Math.min(1, Math.max(0, 0.1 + (o.bestAccuracy - 0.1) * progress + 0.004 * rng.normal()));
  }
  return { loss, accuracy };
}

/** Rounds to `digits` significant digits, so logged values read like real metrics in tables. */
export function round(value: number, digits = 5): number {
  return Number(value.toPrecision(digits));
}
