// Compare runs (issue #3): being built. Receives ?runs=<id>,<id>,...
import type { JSX } from 'solid-js';

export function ComparePage(): JSX.Element {
  return <section class="compare-page"><h2>Compare runs</h2></section>;
}
