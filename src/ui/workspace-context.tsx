// The open workspace and its client, provided once by the app shell to every view.
import { createContext, useContext, type JSX } from 'solid-js';
import type { MlflowClient, Workspace } from '../sdk/index';

export interface WorkspaceContextValue {
  workspace: Workspace;
  client: MlflowClient;
}

const WorkspaceContext = createContext<WorkspaceContextValue>();

export function WorkspaceProvider(props: WorkspaceContextValue & { children: JSX.Element }): JSX.Element {
  return (
    <WorkspaceContext.Provider value={{ workspace: props.workspace, client: props.client }}>
      {props.children}
    </WorkspaceContext.Provider>
  );
}

export function useWorkspace(): WorkspaceContextValue {
  const ctx = useContext(WorkspaceContext);
  if (!ctx) throw new Error('useWorkspace() outside <WorkspaceProvider>');
  return ctx;
}
