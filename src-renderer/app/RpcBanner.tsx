// The chain RPC's trouble, above every page: rate-limited (with a countdown to the retry), on the
// backup RPC, or down. Nothing while all is well. Follows the chain.rpc event (rpc-store).
import { useEffect, useState } from 'react';
import type { ChainRpcState } from '../../src-shared/contract/index.ts';
import { useRpcStore } from '../state/rpc-store.ts';

/** "retrying in 20 s" / "in 2 min" / "now". */
export function retryIn(retryAt: number, now: number): string {
  const s = Math.max(0, Math.ceil((retryAt - now) / 1000));
  if (s === 0) return 'retrying now';
  return s < 120 ? `retrying in ${s} s` : `retrying in ${Math.round(s / 60)} min`;
}

export function rpcBannerText(rpc: ChainRpcState, now: number): string | null {
  switch (rpc.state) {
    case 'ok':
      return null;
    case 'rate-limited':
      return `RPC rate-limited, ${rpc.retryAt === null ? 'retrying' : retryIn(rpc.retryAt, now)}. Chain requests wait and nothing is lost.`;
    case 'fallback':
      return `Using the backup RPC while the main one is rate-limited or down${rpc.retryAt === null ? '' : `; ${retryIn(rpc.retryAt, now).replace('retrying', 'trying it again')}`}.`;
    case 'down':
      return `The chain RPC is not answering${rpc.reason ? ` (${rpc.reason})` : ''}. ${rpc.hasFallback ? 'Neither RPC answers.' : 'Add a backup RPC URL in Settings → Network.'}`;
  }
}

export function RpcBanner() {
  const rpc = useRpcStore((s) => s.rpc);
  // The clock ticks only while a countdown shows; the first frame uses the render's own time.
  const [now, setNow] = useState(() => Date.now());
  const counting = rpc !== null && rpc.state !== 'ok' && rpc.retryAt !== null;
  useEffect(() => {
    if (!counting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000); // the countdown only, no request
    return () => clearInterval(timer);
  }, [counting, rpc?.retryAt]);
  if (!rpc) return null;
  const text = rpcBannerText(rpc, Math.max(now, rpc.since));
  if (!text) return null;
  const tone = rpc.state === 'down' ? 'banner-bad' : rpc.state === 'fallback' ? 'banner-info' : 'banner-warn';
  return (
    <div className={`banner ${tone}`} role="status" data-rpc-state={rpc.state}>
      {text}
    </div>
  );
}
