// The orchestrator's Prometheus metrics in the text exposition format, named as go-livepeer's
// monitor/census.go exports them (namespace livepeer, labels node_id and node_type="orch", plus
// sender on ticket metrics), so existing Grafana dashboards read them. Served on the admin port
// by the host (later), never on the public service port. Our own additions are named livepeer_miner_*.
import type { SenderReadCounts } from './payments/sender-read-budget.ts';

/** go-livepeer's transcode_time_seconds buckets. */
const TRANSCODE_BUCKETS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 10];

export interface NodeMetrics {
  segmentEmerged(): void;
  segmentTranscoded(seconds: number, pixels: bigint): void;
  segmentTranscodeFailed(error: string): void;
  ticketsReceived(sender: string, count: number, valueWei: number, winners: number): void;
  paymentError(sender: string, error: string): void;
  render(): string;
}

type Labels = Record<string, string>;

/** A short, bounded error code from an error text (no addresses or nonces in label values). */
export function errorCode(message: string): string {
  const head = (message.split(/[:=]/)[0] ?? '').replace(/0x[0-9a-f]*/gi, '<hex>').replace(/\d+/g, 'N');
  return head.trim().slice(0, 60) || 'unknown';
}

/** Distinct senders one counter labels; further ones (senders are unauthenticated) count as "other". */
export const MAX_SENDER_SERIES = 100;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const fmt = (labels: Labels) =>
  `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;

/** The unknown-sender read budget (payments/sender-read-budget.ts) as /metrics shows it. */
export interface SenderReadsState extends SenderReadCounts {
  readonly available: number;
}

export function createNodeMetrics(
  nodeId: string,
  sessions: () => { current: number; max: number },
  /** Which libsecp256k1 build checks signatures ('native' or 'wasm'), so a slow path shows. */
  signatureRecovery?: () => string,
  senderReads?: () => SenderReadsState,
): NodeMetrics {
  const base: Labels = { node_id: nodeId, node_type: 'orch' };
  const counters = new Map<
    string,
    { help: string; series: Map<string, { labels: Labels; value: number }>; senders: Set<string> }
  >();
  const count = (name: string, help: string, labels: Labels, by: number) => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = { help, series: new Map(), senders: new Set() }));
    const sender = labels['sender'];
    if (sender !== undefined && !c.senders.has(sender)) {
      if (c.senders.size < MAX_SENDER_SERIES) c.senders.add(sender);
      else labels = { ...labels, sender: 'other' };
    }
    const all = { ...base, ...labels };
    const key = fmt(all);
    const s = c.series.get(key) ?? { labels: all, value: 0 };
    s.value += by;
    c.series.set(key, s);
  };
  const buckets = TRANSCODE_BUCKETS.map(() => 0);
  let transcodeSum = 0;
  let transcodeCount = 0;

  return {
    segmentEmerged: () => count('segment_source_emerged_total', 'Segments received', {}, 1),
    segmentTranscoded(seconds, pixels) {
      count('segment_transcoded_total', 'Segments transcoded', {}, 1);
      count('mil_pixels_processed', 'Million pixels processed', {}, Number(pixels) / 1e6);
      TRANSCODE_BUCKETS.forEach((le, i) => {
        if (seconds <= le) buckets[i] = (buckets[i] ?? 0) + 1;
      });
      transcodeSum += seconds;
      transcodeCount++;
    },
    segmentTranscodeFailed: (error) =>
      count('segment_transcode_failed_total', 'Segments that failed to transcode', { error_code: errorCode(error) }, 1),
    ticketsReceived(sender, n, value, winners) {
      count('tickets_recv', 'Tickets received', { sender }, n);
      count('ticket_value_recv', 'Expected value of tickets received, wei', { sender }, value);
      if (winners) count('winning_tickets_recv', 'Winning tickets received', { sender }, winners);
    },
    paymentError: (sender, error) =>
      count('payment_recv_errors', 'Payment errors', { sender, error_code: errorCode(error) }, 1),
    render() {
      const lines: string[] = [];
      for (const [name, c] of [...counters].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`# HELP livepeer_${name} ${c.help}`, `# TYPE livepeer_${name} counter`);
        for (const s of c.series.values()) lines.push(`livepeer_${name}${fmt(s.labels)} ${s.value}`);
      }
      const { current, max } = sessions();
      for (const [name, help, v] of [
        ['current_sessions_total', 'Transcode sessions running', current],
        ['max_sessions_total', 'Transcode sessions allowed', max],
      ] as const) {
        lines.push(
          `# HELP livepeer_${name} ${help}`,
          `# TYPE livepeer_${name} gauge`,
          `livepeer_${name}${fmt(base)} ${v}`,
        );
      }
      if (signatureRecovery) {
        lines.push(
          '# HELP livepeer_signature_recovery_info Signature recovery build in use (native libsecp256k1 or WebAssembly)',
          '# TYPE livepeer_signature_recovery_info gauge',
          `livepeer_signature_recovery_info${fmt({ ...base, path: signatureRecovery() })} 1`,
        );
      }
      if (senderReads) {
        // Chain reads for senders the node does not know yet: one series per outcome (bounded).
        const r = senderReads();
        lines.push(
          '# HELP livepeer_miner_sender_reads_total Chain reads of ticket senders, by outcome: admitted (an unknown sender, drawn from the budget), refused (budget spent, answered busy), known (not budgeted)',
          '# TYPE livepeer_miner_sender_reads_total counter',
          ...(['admitted', 'refused', 'known'] as const).map(
            (result) => `livepeer_miner_sender_reads_total${fmt({ ...base, result })} ${r[result]}`,
          ),
          '# HELP livepeer_miner_sender_reads_available Reads of unknown senders the budget allows right now',
          '# TYPE livepeer_miner_sender_reads_available gauge',
          `livepeer_miner_sender_reads_available${fmt(base)} ${r.available}`,
        );
      }
      lines.push(
        '# HELP livepeer_transcode_time_seconds Transcode time',
        '# TYPE livepeer_transcode_time_seconds histogram',
      );
      TRANSCODE_BUCKETS.forEach((le, i) =>
        lines.push(`livepeer_transcode_time_seconds_bucket${fmt({ ...base, le: String(le) })} ${buckets[i] ?? 0}`),
      );
      lines.push(
        `livepeer_transcode_time_seconds_bucket${fmt({ ...base, le: '+Inf' })} ${transcodeCount}`,
        `livepeer_transcode_time_seconds_sum${fmt(base)} ${transcodeSum}`,
        `livepeer_transcode_time_seconds_count${fmt(base)} ${transcodeCount}`,
      );
      return lines.join('\n') + '\n';
    },
  };
}
