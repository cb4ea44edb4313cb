// The retention form's values as SDK rules. Pure: a rule that is switched off is left out, and a
// date typed as YYYY-MM-DD means the start of that day in the user's time zone.
import type { RetentionRules } from '../../sdk/index';

export interface RetentionFormValues {
  deleted: boolean;
  deletedForDays: string;
  keepLast: boolean;
  keepLastRuns: string;
  startedBefore: boolean;
  startedBeforeDate: string;
  /** '' for every experiment */
  experimentId: string;
}

export const DEFAULT_RETENTION_FORM: RetentionFormValues = {
  deleted: true,
  deletedForDays: '30',
  keepLast: false,
  keepLastRuns: '100',
  startedBefore: false,
  startedBeforeDate: '',
  experimentId: '',
};

/** Rules for the SDK; numbers the user left unreadable pass through as NaN, which the SDK refuses with a message. */
export function rulesFromForm(v: RetentionFormValues): RetentionRules {
  const rules: RetentionRules = {};
  if (v.deleted) rules.deletedForDays = v.deletedForDays.trim() === '' ? Number.NaN : Number(v.deletedForDays);
  if (v.keepLast) rules.keepLastRuns = v.keepLastRuns.trim() === '' ? Number.NaN : Number(v.keepLastRuns);
  if (v.startedBefore) rules.startedBefore = startOfDay(v.startedBeforeDate);
  if ((v.keepLast || v.startedBefore) && v.experimentId !== '') rules.experimentIds = [v.experimentId];
  return rules;
}

function startOfDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}
