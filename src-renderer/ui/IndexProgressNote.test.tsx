// @vitest-environment happy-dom
// The "partial history" line: shown with its progress while the index backfills, from the first
// answer and then from chain.index events; gone once the history is whole.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainIndexProgress } from '../../src-shared/contract/index.ts';
import { createFakeTransport } from '../api/testing/fake-transport.ts';
import { connect } from '../state/connect.ts';
import { useIndexProgressStore } from '../state/index-progress-store.ts';
import { IndexProgressNote, indexProgressText } from './IndexProgressNote.tsx';

const O = '0x1111111111111111111111111111111111111111';
const progress = (over: Partial<ChainIndexProgress>): ChainIndexProgress => ({
  orchestrator: O,
  state: 'syncing',
  message: '',
  startBlock: 5_856_357,
  indexedBlock: 120_000_000,
  headBlock: 280_000_000,
  percent: 41.7,
  complete: false,
  ...over,
});

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  useIndexProgressStore.setState({ byOrchestrator: {} });
});

describe('IndexProgressNote', () => {
  it('says how far the backfill is, and nothing once complete', () => {
    expect(indexProgressText(progress({}))).toBe(
      'Indexing history: 41 % (block 120,000,000 of 280,000,000). Figures below are partial until it finishes.',
    );
    expect(indexProgressText(progress({ state: 'paused' }))).toContain('paused');
    expect(indexProgressText(progress({ complete: true, percent: 100 }))).toBeNull();
  });

  it('loads the progress, follows chain.index events and disappears when the history is whole', async () => {
    const transport = createFakeTransport();
    transport.answer('chain.indexProgress', () => progress({}));
    stop = connect(transport);
    const host = document.createElement('div');
    const root = createRoot(host);
    await act(async () => root.render(<IndexProgressNote orchestrator={O} />));
    expect(host.textContent).toContain('41 % (block 120,000,000 of 280,000,000)');
    await act(async () => transport.emit('chain.index', progress({ percent: 87.2, indexedBlock: 250_000_000 })));
    expect(host.textContent).toContain('87 % (block 250,000,000 of 280,000,000)');
    await act(async () =>
      transport.emit('chain.index', progress({ percent: 100, indexedBlock: 280_000_000, complete: true })),
    );
    expect(host.textContent).toBe('');
    act(() => root.unmount());
  });
});
