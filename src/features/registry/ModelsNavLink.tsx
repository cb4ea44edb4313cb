// The header's way to the model registry.
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import './registry.css';

export function ModelsNavLink(): JSX.Element {
  return <A href="/models" class="models-nav-link" activeClass="active">Models</A>;
}
