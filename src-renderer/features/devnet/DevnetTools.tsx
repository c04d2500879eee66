// Devnet-only helpers: the faucet, "next round" and the ETH/USD price, so a newcomer can practise every step offline.
import { useState } from 'react';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { describeError } from '../../api/describe-error.ts';
import { usePriceStore } from '../../state/price-store.ts';
import { Field } from '../../ui/Field.tsx';

const FAUCET_ETH = 10n * 10n ** 18n;
const FAUCET_LPT = 1000n * 10n ** 18n;

export function FaucetButton({ address }: { address: string }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; ok: boolean }>({
    busy: false,
    message: null,
    ok: true,
  });
  async function fund(): Promise<void> {
    setState({ busy: true, message: null, ok: true });
    try {
      await api.devnet.fund({ address, eth: FAUCET_ETH.toString(), lpt: FAUCET_LPT.toString() });
      setState({
        busy: false,
        ok: true,
        message: `Received ${formatEth(FAUCET_ETH)} and ${formatLpt(FAUCET_LPT)} (devnet money).`,
      });
      await useChainStore.getState().refresh();
    } catch (err) {
      setState({ busy: false, ok: false, message: describeError(err) });
    }
  }
  return (
    <div className="form-stack">
      <button type="button" className="button" disabled={state.busy} onClick={() => void fund()}>
        {state.busy
          ? 'Asking the faucet…'
          : `Devnet faucet: get ${formatEth(FAUCET_ETH, 0)} + ${formatLpt(FAUCET_LPT, 0)}`}
      </button>
      {state.message && (
        <p className={state.ok ? 'note-ok' : 'note-error'} role={state.ok ? 'status' : 'alert'}>
          {state.message}
        </p>
      )}
    </div>
  );
}

export function NextRoundButton() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  async function advance(): Promise<void> {
    setBusy(true);
    setMessage(null);
    try {
      const { round } = await api.devnet.advanceRound();
      setMessage(`Now in round ${round}.`);
      await useChainStore.getState().refresh();
    } catch (err) {
      setMessage(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="form-stack">
      <button type="button" className="button" disabled={busy} onClick={() => void advance()}>
        {busy ? 'Mining…' : 'Skip to the next round'}
      </button>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
    </div>
  );
}

/** The devnet ETH/USD price feed's answer, settable, so money figures can be tried out offline. */
export function EthUsdPriceField({ current }: { current: number | null }) {
  const [value, setValue] = useState('');
  const [state, setState] = useState<{ busy: boolean; message: string | null; ok: boolean }>({
    busy: false,
    message: null,
    ok: true,
  });
  const ok = /^\d{1,9}(\.\d{1,8})?$/.test(value) && Number(value) > 0;
  async function save(): Promise<void> {
    setState({ busy: true, message: null, ok: true });
    try {
      await api.devnet.setEthUsdPrice({ usd: value });
      await usePriceStore.getState().load(true);
      setState({ busy: false, ok: true, message: `The devnet ETH/USD feed now answers ${value} USD.` });
      setValue('');
    } catch (err) {
      setState({ busy: false, ok: false, message: describeError(err) });
    }
  }
  return (
    <form
      className="form-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) void save();
      }}
    >
      <Field
        label="Devnet ETH price"
        value={value}
        onChange={setValue}
        suffix="USD"
        inputMode="decimal"
        placeholder={current === null ? '3000' : String(current)}
        error={value === '' || ok ? null : 'A positive price like 3456.78'}
        hint="Sets the devnet's ETH/USD price feed (a new feed round on the chain)."
      />
      <button type="submit" className="button" disabled={!ok || state.busy}>
        {state.busy ? 'Setting…' : 'Set price'}
      </button>
      {state.message && (
        <p className={state.ok ? 'note-ok' : 'note-error'} role={state.ok ? 'status' : 'alert'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
