// Whether one wallet action is running (its button shows progress and the others wait).
import { useWalletStore, type WalletAction } from '../../state/wallet-store.ts';

export function useBusy(action: WalletAction): boolean {
  return useWalletStore((s) => s.busy === action);
}
