// The service worker's side of serving: answers ping/version itself, forwards invocations to an
// open tab over a MessageChannel, and says clearly when no tab is open.
import { expect, test } from 'vitest';
import { forwardScoring, isScoringPath, type ScoringMessage, type ScoringReply, type WindowFinder } from '../../src/app/scoring-bridge';

const clientsWith = (windows: Array<{ postMessage: (m: ScoringMessage, t: Transferable[]) => void }>): WindowFinder => ({ matchAll: async () => windows });

test('routes that belong to the scoring server', () => {
  expect(isScoringPath('/ping')).toBe(true);
  expect(isScoringPath('/run/abc/model/invocations')).toBe(true);
  expect(isScoringPath('/model/iris/1/invocations')).toBe(true);
  expect(isScoringPath('/runs/abc')).toBe(false);
  expect(isScoringPath('/experiments/0')).toBe(false);
});

test('ping and version need no tab; invocations without a tab get 503', async () => {
  const none = clientsWith([]);
  expect(await (await forwardScoring(new Request('http://x/ping'), none, '3.6.0')).text()).toBe('\n');
  expect(await (await forwardScoring(new Request('http://x/version'), none, '3.6.0')).text()).toBe('3.6.0');
  const r = await forwardScoring(new Request('http://x/run/a/m/invocations', { method: 'POST', body: '{}' }), none, '3.6.0');
  expect(r.status).toBe(503);
  expect(((await r.json()) as { error_code: string }).error_code).toBe('TEMPORARILY_UNAVAILABLE');
});

test('invocations are forwarded to the tab and its answer returned as is', async () => {
  const tab = {
    postMessage(message: ScoringMessage, transfer: Transferable[]) {
      const port = transfer[0] as MessagePort | undefined;
      const reply: ScoringReply = { status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify({ predictions: [message.body.length] }) };
      port?.postMessage(reply);
    },
  };
  const r = await forwardScoring(new Request('http://x/run/a/m/invocations', { method: 'POST', body: '{"inputs": [1]}' }), clientsWith([tab]), '3.6.0');
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ predictions: [15] });
});
