// Makes fake-indexeddb refuse writes the way a full disk does in a browser: the put request fails
// with a QuotaExceededError DOMException, which (uncaught) aborts its transaction. The failure goes
// through fake-indexeddb's own request path (_execRequestAsync), so earlier writes of the same
// transaction have happened and must be rolled back. Test-only.
import 'fake-indexeddb/auto';

interface FakeTransaction {
  /** fake-indexeddb's internal request queue (FDBTransaction._execRequestAsync) */
  _execRequestAsync(request: { operation: () => unknown; source: IDBObjectStore }): IDBRequest;
}

export interface QuotaFault {
  /** puts/adds refused so far */
  refused: number;
  restore(): void;
}

/**
 * From now on, writes into `storeName` after the first `allow` succeed-then-fail: the first
 * `allow` puts/adds go through, every later one fails with QuotaExceededError.
 */
export function failWritesTo(storeName: string, allow = 0): QuotaFault {
  const proto = IDBObjectStore.prototype;
  const { put, add } = proto;
  let seen = 0;
  const fault: QuotaFault = {
    refused: 0,
    restore: () => {
      proto.put = put;
      proto.add = add;
    },
  };
  const refuse = (original: typeof put) =>
    function (this: IDBObjectStore, value: unknown, key?: IDBValidKey): IDBRequest<IDBValidKey> {
      if (this.name !== storeName || seen++ < allow) return original.call(this, value, key);
      fault.refused++;
      const tx = this.transaction as IDBTransaction & FakeTransaction;
      return tx._execRequestAsync({
        operation: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
        source: this,
      }) as IDBRequest<IDBValidKey>;
    };
  proto.put = refuse(put);
  proto.add = refuse(add);
  return fault;
}
