// Orchard's registry audit trail (beyond MLflow): every change is one append-only RegistryEvent
// saying who (the local user profile), when, and from -> to. Tags and aliases are written as
// `key=value` / `alias=version` so one from/to pair says everything. The CSV follows RFC 4180
// and defuses spreadsheet formulas (OWASP "CSV injection") by prefixing a quote.
import type { Actor, RegistryEvent, RegistryEventKind } from './entities';

/** What a mutation carries so its handler can write the audit events: id and time fixed up front. */
export interface AuditStamp {
  id: string;
  actor: Actor;
  at: number;
}

/** `key=value`, the audit form of a tag or an alias (`champion=3`). */
export const entry = (key: string, value: string): string => `${key}=${value}`;

/**
 * One audit event. `suffix` derives the ids of the extra events one mutation writes (versions
 * archived by a transition, aliases dropped with a version): they sort right after the main one.
 */
export function auditEvent(
  stamp: AuditStamp,
  kind: RegistryEventKind,
  name: string,
  details: { version?: string; from?: string; to?: string; comment?: string } = {},
  suffix?: string,
): RegistryEvent {
  const event: RegistryEvent = { id: suffix === undefined ? stamp.id : `${stamp.id}.${suffix}`, name, kind, actor: { ...stamp.actor }, at: stamp.at };
  if (details.version !== undefined) event.version = details.version;
  if (details.from !== undefined) event.from = details.from;
  if (details.to !== undefined) event.to = details.to;
  if (details.comment !== undefined && details.comment !== '') event.comment = details.comment;
  return event;
}

/** Newest first: ids sort by time (see newSortableId), derived ids after their main event. */
export const newestFirst = (a: RegistryEvent, b: RegistryEvent): number => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The history of the model now called `name`, newest first: its own events back to its creation,
 * following renames to the names it had before. A model deleted and created again under the same
 * name starts a new history (the old one stays in the trail, reachable through getRegistryEvents()).
 */
export function modelHistory(events: readonly RegistryEvent[], name: string): RegistryEvent[] {
  const sorted = [...events].sort(newestFirst);
  const out: RegistryEvent[] = [];
  let current = name;
  for (const e of sorted) {
    if (e.name !== current) continue;
    out.push(e);
    if (e.kind === 'model/rename' && e.from !== undefined) current = e.from;
    else if (e.kind === 'model/create') break;
  }
  return out;
}

const CSV_HEADER = ['id', 'time', 'model', 'version', 'event', 'user_name', 'user_email', 'from', 'to', 'comment'];

function csvField(value: string): string {
  // A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The trail as CSV (header first, rows in the order given, CRLF line ends).
 * @example eventsCsv(await client.getRegistryEvents({ name: 'churn' }))
 */
export function eventsCsv(events: readonly RegistryEvent[]): string {
  const rows = events.map((e) => [
    e.id,
    new Date(e.at).toISOString(),
    e.name,
    e.version ?? '',
    e.kind,
    e.actor.name,
    e.actor.email,
    e.from ?? '',
    e.to ?? '',
    e.comment ?? '',
  ]);
  return [CSV_HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
