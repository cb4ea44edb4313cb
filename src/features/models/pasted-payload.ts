// Text pasted into the Try-it box, read as MLflow's scoring server reads a request body: JSON
// (dataframe_split, dataframe_records, inputs or instances, with optional params) or a CSV table
// with a header row. Only the content-type guess is ours: JSON starts with '{', anything else is CSV.
import { MlflowError } from '../../domain/errors';
import type { ModelInput, ModelSignature } from '../../domain/models';
import { payloadToModelInput } from '../../domain/serving/payload-input';
import { parseCsvPayload, parseJsonPayload, type ScoringPayload } from '../../domain/serving/scoring-payload';

export interface ScoringRequest {
  input: ModelInput;
  params?: Record<string, unknown>;
}

export function pastedFormat(text: string): 'json' | 'csv' {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

/** A parsed payload as what predict() takes. */
export function requestFromPayload(payload: ScoringPayload, signature: ModelSignature | undefined): ScoringRequest {
  const input = payloadToModelInput(payload, signature);
  return payload.params ? { input, params: payload.params } : { input };
}

/** @example requestFromText('{"dataframe_split": {"columns": ["x"], "data": [[1]]}}', signature) */
export function requestFromText(text: string, signature: ModelSignature | undefined): ScoringRequest {
  if (text.trim() === '') throw new MlflowError('Paste a JSON payload (dataframe_split, dataframe_records, inputs or instances) or a CSV table with a header row.', 'BAD_REQUEST');
  const payload = pastedFormat(text) === 'json' ? parseJsonPayload(text) : parseCsvPayload(text);
  return requestFromPayload(payload, signature);
}
