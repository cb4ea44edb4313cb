// A run's status as a coloured badge (RUNNING pulses, so live runs stand out).
import type { JSX } from 'solid-js';
import type { RunStatus } from '../../sdk/index';

export function StatusBadge(props: { status: RunStatus }): JSX.Element {
  return <span class={`status status-${props.status.toLowerCase()}`}>{props.status}</span>;
}
