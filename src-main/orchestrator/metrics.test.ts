// The metrics text: go-livepeer's names and labels, cumulative histogram buckets, bounded error codes.
import { describe, expect, it } from 'vitest';
import { createNodeMetrics, errorCode, MAX_SENDER_SERIES } from './metrics.ts';

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('node metrics', () => {
  it('exports counters, gauges and the transcode histogram in Prometheus text format', () => {
    const m = createNodeMetrics(
      'rig-1',
      () => ({ current: 2, max: 10 }),
      () => 'native',
    );
    const base = 'node_id="rig-1",node_type="orch"';
    m.segmentEmerged();
    m.segmentTranscoded(0.6, 3_000_000n);
    m.segmentTranscoded(1.2, 1_000_000n);
    m.segmentTranscodeFailed('OrchestratorBusy');
    m.ticketsReceived('0xAbC', 3, 24e9, 1);
    m.paymentError('0xAbC', 'invalid ticket senderNonce: already seen sender=0xAbC nonce=4');
    const text = m.render();
    expect(sample(text, `livepeer_segment_source_emerged_total{${base}}`)).toBe(1);
    expect(sample(text, `livepeer_segment_transcoded_total{${base}}`)).toBe(2);
    expect(sample(text, `livepeer_mil_pixels_processed{${base}}`)).toBe(4);
    expect(sample(text, `livepeer_segment_transcode_failed_total{${base},error_code="OrchestratorBusy"}`)).toBe(1);
    expect(sample(text, `livepeer_tickets_recv{${base},sender="0xAbC"}`)).toBe(3);
    expect(sample(text, `livepeer_ticket_value_recv{${base},sender="0xAbC"}`)).toBe(24e9);
    expect(sample(text, `livepeer_winning_tickets_recv{${base},sender="0xAbC"}`)).toBe(1);
    expect(
      sample(text, `livepeer_payment_recv_errors{${base},sender="0xAbC",error_code="invalid ticket senderNonce"}`),
    ).toBe(1);
    expect(sample(text, `livepeer_current_sessions_total{${base}}`)).toBe(2);
    expect(sample(text, `livepeer_max_sessions_total{${base}}`)).toBe(10);
    expect(sample(text, `livepeer_signature_recovery_info{${base},path="native"}`)).toBe(1);
    expect(sample(text, `livepeer_transcode_time_seconds_bucket{${base},le="0.5"}`)).toBe(0);
    expect(sample(text, `livepeer_transcode_time_seconds_bucket{${base},le="0.75"}`)).toBe(1);
    expect(sample(text, `livepeer_transcode_time_seconds_bucket{${base},le="1.25"}`)).toBe(2);
    expect(sample(text, `livepeer_transcode_time_seconds_bucket{${base},le="+Inf"}`)).toBe(2);
    expect(sample(text, `livepeer_transcode_time_seconds_count{${base}}`)).toBe(2);
    expect(sample(text, `livepeer_transcode_time_seconds_sum{${base}}`)).toBeCloseTo(1.8);
    // Every sample line is `name{labels} value`, every family typed once.
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) livepeer_\w+ .+|livepeer_\w+\{[^}]*\} [-+0-9.e]+)$/);
    }
  });

  it('keeps error codes short and free of addresses', () => {
    expect(errorCode('deposit and reserve for sender 0x12 is set to unlock soon')).toBe(
      'deposit and reserve for sender <hex> is set to unlock soon',
    );
    expect(errorCode('invalid ticket senderNonce: too many values sender=0x1 nonce=2')).toBe(
      'invalid ticket senderNonce',
    );
    expect(errorCode('')).toBe('unknown');
  });
  it('bounds the series that unauthenticated senders and their errors can create', () => {
    const m = createNodeMetrics('rig-1', () => ({ current: 0, max: 1 }));
    for (let i = 0; i < 1_000; i++) {
      const sender = `0x${i.toString(16).padStart(40, '0')}`;
      m.paymentError(sender, `orchestrator ${sender} is inactive in round ${i}, cannot process payments`);
    }
    const series = m
      .render()
      .split('\n')
      .filter((l) => l.startsWith('livepeer_payment_recv_errors{'));
    expect(series).toHaveLength(MAX_SENDER_SERIES + 1);
    expect(series.filter((l) => l.includes('sender="other"'))).toHaveLength(1);
    const other = series.find((l) => l.includes('"other"'))!;
    expect(Number(other.slice(other.lastIndexOf(' ') + 1))).toBe(1_000 - MAX_SENDER_SERIES);
    expect(new Set(series.map((l) => /error_code="([^"]*)"/.exec(l)?.[1])).size).toBe(1);
  });
});
