// Which local workspace this browser opens. The choice lives in localStorage (per browser
// profile, read before any database opens) and switching reloads the page, so every module —
// the views, the fluent `mlflow` API on window.orchard, the sync session — starts over on the
// new workspace instead of having to let go of the old one.

const KEY = 'orchard.workspace';
export const DEFAULT_WORKSPACE = 'default';

/** Names a person can type and a URL can carry: letters, digits, `.`, `_`, `-`, up to 64. */
export function isWorkspaceName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
}

/** The workspace this page should open (the default when none was chosen or the choice is odd). */
export function chosenWorkspaceName(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string {
  const stored = storage?.getItem(KEY) ?? null;
  return stored !== null && isWorkspaceName(stored) ? stored : DEFAULT_WORKSPACE;
}

/** Remembers `name` as this browser's workspace and reloads the app on it at `path`. */
export function switchToWorkspace(name: string, path = '/'): void {
  if (!isWorkspaceName(name)) throw new Error(`"${name}" is not a workspace name: use letters, digits, ".", "_" or "-" (up to 64).`);
  localStorage.setItem(KEY, name);
  location.assign(path);
}
