// The empty-state lesson: the few lines that log a first run from this page's console.
import type { JSX } from 'solid-js';

export function SdkSnippet(props: { experimentName?: string }): JSX.Element {
  const name = () => JSON.stringify(props.experimentName ?? 'my-experiment');
  return (
    <pre class="snippet">{`// Open the browser console on this page and run:
const { mlflow } = window.orchard;
await mlflow.setExperiment(${name()});
await mlflow.startRun({ runName: 'first-run' });
await mlflow.logParams({ lr: 0.01, epochs: 5 });
for (let step = 0; step < 5; step++) mlflow.logMetric('loss', 1 / (step + 1), step);
await mlflow.logText('hello from the browser', 'notes.txt');
await mlflow.endRun();`}</pre>
  );
}
