// A page's tabs as links: each has its own address (?tab=), a click switches in place without a
// history step (Back leaves the page rather than flipping tabs).
import { For, type JSX } from 'solid-js';

export function TabNav<T extends string>(props: {
  label: string;
  tabs: ReadonlyArray<{ id: T; label: string }>;
  current: T;
  href: (tab: T) => string;
  onSelect: (tab: T) => void;
}): JSX.Element {
  return (
    <nav class="registry-tabs" aria-label={props.label}>
      <For each={props.tabs}>
        {(t) => (
          <a
            href={props.href(t.id)}
            data-tab={t.id}
            aria-current={props.current === t.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              props.onSelect(t.id);
            }}
          >
            {t.label}
          </a>
        )}
      </For>
    </nav>
  );
}
