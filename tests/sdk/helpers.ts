// Test helpers: a fresh, uniquely named workspace per test so tests never share state.
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';

let counter = 0;

export async function freshClient(): Promise<{ ws: Workspace; client: MlflowClient }> {
  const ws = await openWorkspace({ name: `test-${process.pid}-${Date.now()}-${counter++}` });
  return { ws, client: new MlflowClient(ws) };
}

export { expectMlflowError } from '../helpers/expect-mlflow-error';
