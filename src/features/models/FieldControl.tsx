// One input of the Try-it form: a control chosen by the column's MLflow type (signature-form.ts),
// labelled with the column name and type, and marked when schema enforcement refused its value.
import { createUniqueId, Match, Show, Switch, type JSX } from 'solid-js';
import type { FormField, FormValues } from './signature-form';

export function FieldControl(props: { field: FormField; key: string; values: FormValues; invalid: boolean; set: (key: string, value: string) => void }): JSX.Element {
  const value = () => props.values[props.key] ?? '';
  // Column names may hold spaces or markup; ids must not, so the label is tied by a generated id.
  const id = `try-field-${createUniqueId()}`;
  const set = (text: string): void => props.set(props.key, text);
  const invalid = () => (props.invalid ? 'true' : undefined);
  return (
    <div class="form-field" classList={{ invalid: props.invalid, wide: props.field.wide === true }} data-field={props.field.name}>
      <label for={id}>
        <span class="field-name">{props.field.label}</span>{' '}
        <code class="field-type">{props.field.type}</code>
        <Show when={!props.field.required}><span class="muted"> optional</span></Show>
      </label>
      <Switch>
        <Match when={props.field.control === 'checkbox'}>
          <input id={id} type="checkbox" aria-invalid={invalid()} checked={value() === 'true'} onChange={(e) => set(String(e.currentTarget.checked))} />
        </Match>
        <Match when={props.field.control === 'json'}>
          <textarea id={id} rows={props.field.wide ? 8 : 3} spellcheck={false} aria-invalid={invalid()} placeholder={props.field.placeholder} value={value()} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
        <Match when={props.field.control === 'number' || props.field.control === 'integer'}>
          <input id={id} type="number" step={props.field.control === 'integer' ? '1' : 'any'} aria-invalid={invalid()} value={value()} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
        <Match when={props.field.control === 'text'}>
          <input id={id} type="text" aria-invalid={invalid()} placeholder={props.field.placeholder} value={value()} onInput={(e) => set(e.currentTarget.value)} />
        </Match>
      </Switch>
    </div>
  );
}
