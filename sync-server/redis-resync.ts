// Redis pub/sub delivers at most once: a message published while a relay's Redis connection is
// down (or slow enough to be retried away) is simply gone, and Hocuspocus's Redis extension only
// exchanges state when a document changes again. So two relays can sit diverged until the next
// edit. Repair it the way Yjs repairs everything: re-announce each loaded document's state vector
// (a sync step 1, through the extension's own public onChange) whenever the subscriber connection
// becomes ready again and every `intervalMs`; peers answer with exactly what is missing.
import type { Hocuspocus, onChangePayload } from '@hocuspocus/server';
import type { Redis } from '@hocuspocus/extension-redis';
import { errorFields, type Logger } from './log';

export function keepRelaysInSync(redis: Redis, hocuspocus: Hocuspocus, intervalMs: number, log: Logger): () => void {
  const announceAll = () => {
    for (const [documentName, document] of hocuspocus.documents) {
      // No transactionOrigin: the extension treats it as a local change and publishes step 1.
      void Promise.resolve(redis.onChange({ documentName, document } as onChangePayload)).catch((e) => log.debug('resync publish failed', errorFields(e)));
    }
  };
  let readyBefore = false;
  const onReady = () => {
    if (readyBefore) log.info('redis reconnected: resyncing loaded documents', { docs: hocuspocus.getDocumentsCount() });
    readyBefore = true;
    announceAll();
  };
  redis.sub.on('ready', onReady);
  const timer = setInterval(announceAll, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    redis.sub.off('ready', onReady);
  };
}
