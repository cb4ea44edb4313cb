// Counters, gauges and one latency histogram, rendered as Prometheus text (exposition format
// 0.0.4). Small on purpose: a client library would be a dependency for forty lines.

type Labels = Record<string, string>;
const key = (labels?: Labels) =>
  labels ? Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, '_')}"`).join(',') : '';

class Counter {
  private values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(n = 1, labels?: Labels) {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + n);
  }
  get(labels?: Labels) {
    return this.values.get(key(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  private counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly name: string, readonly help: string, readonly buckets: number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(v: number) {
    this.sum += v;
    this.count += 1;
    this.buckets.forEach((b, i) => {
      if (v <= b) this.counts[i] = (this.counts[i] as number) + 1;
    });
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

export class Metrics {
  readonly connectionsTotal = new Counter('orchard_relay_connections_total', 'WebSocket connections accepted (token valid).');
  readonly closes = new Counter('orchard_relay_closes_total', 'WebSocket closes initiated by the relay, by close code.');
  readonly bytesIn = new Counter('orchard_relay_bytes_in_total', 'Bytes received: WebSocket frames and blob uploads.');
  readonly bytesOut = new Counter('orchard_relay_bytes_out_total', 'Bytes sent: WebSocket frames and blob downloads.');
  readonly messagesIn = new Counter('orchard_relay_messages_in_total', 'WebSocket messages received from clients.');
  readonly stored = new Counter('orchard_relay_stored_updates_total', 'Update records appended (fsynced) to document logs.');
  readonly storeErrors = new Counter('orchard_relay_store_errors_total', 'Failed appends (retried).');
  readonly compactions = new Counter('orchard_relay_compactions_total', 'Document logs rewritten as one snapshot.');
  readonly blobsStored = new Counter('orchard_relay_blobs_stored_total', 'Blobs written.');
  readonly storeSeconds = new Histogram('orchard_relay_store_seconds', 'Time to append and fsync one batch of updates.', [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);

  constructor(private readonly gauges: () => Record<string, { help: string; value: number }>) {}

  render(): string {
    const parts = [this.connectionsTotal, this.closes, this.bytesIn, this.bytesOut, this.messagesIn, this.stored, this.storeErrors, this.compactions, this.blobsStored, this.storeSeconds].map((m) => m.render());
    const heap = process.memoryUsage();
    const gauges = {
      ...this.gauges(),
      nodejs_heap_size_used_bytes: { help: 'V8 heap in use (documents are mostly here).', value: heap.heapUsed },
      nodejs_heap_size_total_bytes: { help: 'V8 heap reserved.', value: heap.heapTotal },
      nodejs_external_memory_bytes: { help: 'Memory outside the V8 heap held by JS objects (Buffers, typed arrays).', value: heap.external },
    };
    for (const [name, g] of Object.entries(gauges)) parts.push(`# HELP ${name} ${g.help}\n# TYPE ${name} gauge\n${name} ${g.value}`);
    return `${parts.join('\n')}\n`;
  }
}
