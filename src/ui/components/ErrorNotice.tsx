// A readable error: MLflow's error code and message, and for a filter error the offending token
// underlined in the text the user typed.
import { Show, type JSX } from 'solid-js';
import { MlflowError } from '../../sdk/index';

export function ErrorNotice(props: { error: unknown; source?: string }): JSX.Element {
  const err = () => props.error;
  const location = () => (err() instanceof MlflowError ? (err() as MlflowError).location : undefined);
  return (
    <div class="error-notice" role="alert">
      <strong>{err() instanceof MlflowError ? (err() as MlflowError).errorCode : 'Error'}</strong>{' '}
      <span class="error-message">{err() instanceof Error ? (err() as Error).message : String(err())}</span>
      <Show when={props.source !== undefined && location()}>
        {(loc) => (
          <pre class="error-source">
            {props.source!.slice(0, loc().start)}
            <mark class="error-token">{props.source!.slice(loc().start, loc().end) || ' '}</mark>
            {props.source!.slice(loc().end)}
          </pre>
        )}
      </Show>
    </div>
  );
}
