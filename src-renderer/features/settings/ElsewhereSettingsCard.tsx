// Settings that live beside what they affect, shown here too so nobody has to hunt for them:
// the FFmpeg in use (GPUs page, where it is tested) and the wallet's auto-lock (Wallet → Security).
import { useEffect } from 'react';
import { useGpuStore } from '../../state/gpu-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Card } from '../../ui/Page.tsx';

export function ElsewhereSettingsCard() {
  const probe = useGpuStore((s) => s.probe);
  const probing = useGpuStore((s) => s.probing);
  const config = useGpuStore((s) => s.config);
  const ensureLoaded = useGpuStore((s) => s.ensureLoaded);
  const wallet = useWalletStore((s) => s.status);
  useEffect(() => ensureLoaded(), [ensureLoaded]);
  const ffmpeg = probe?.chosen
    ? `${probe.chosen.path} (${probe.chosen.encoder})`
    : probing
      ? 'Testing…'
      : probe
        ? 'No working FFmpeg found'
        : '—';
  return (
    <Card title="FFmpeg and wallet lock">
      <dl className="facts" data-testid="elsewhere-settings">
        <dt>FFmpeg in use</dt>
        <dd>
          <span className="mono" data-live>
            {ffmpeg}
          </span>
          {config?.ffmpegPath ? ' · your own path is set' : ''} · <a href="#/gpus">Change on the GPUs page</a>
        </dd>
        <dt>Wallet auto-lock</dt>
        <dd>
          {!wallet
            ? '—'
            : wallet.autoLockMinutes === 0
              ? 'Never'
              : `After ${wallet.autoLockMinutes} minutes without use`}{' '}
          · <a href="#/wallet">Change in Wallet → Security</a>
        </dd>
      </dl>
    </Card>
  );
}
