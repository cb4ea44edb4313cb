// A version's stage and an alias as small linked chips, the way the registry lists show them.
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import type { Stage } from '../../domain/registry/entities';
import { modelVersionHref } from './registry-route';

export function StageChip(props: { name: string; version: string; stage: Stage }): JSX.Element {
  return (
    <A class={`chip stage-chip stage-${props.stage.toLowerCase()}`} data-stage={props.stage} href={modelVersionHref(props.name, props.version)}>
      {props.stage} <span class="chip-version">v{props.version}</span>
    </A>
  );
}

export function AliasChip(props: { name: string; alias: string; version: string }): JSX.Element {
  return (
    <A class="chip alias-chip" data-alias={props.alias} href={modelVersionHref(props.name, props.version)}>
      @{props.alias} <span class="chip-version">v{props.version}</span>
    </A>
  );
}
