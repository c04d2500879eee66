// Send unstaked LPT to another address (livepeer_cli's "transfer"), previewed like every transaction.
import { useState } from 'react';
import { ChainAddress } from '../../../src-shared/contract/index.ts';
import { formatLpt, parseToken } from '../../../src-shared/domain/units.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { Card } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { TxAction } from '../../ui/TxFlow.tsx';

export function SendLptCard() {
  const account = useChainStore((s) => s.account);
  const [amount, setAmount] = useState('');
  const [to, setTo] = useState('');
  if (!account) return null;
  const wei = parseToken(amount);
  const balance = BigInt(account.lptBalance);
  const amountError =
    amount === ''
      ? null
      : wei === null || wei === 0n
        ? 'An amount of LPT, like 12.5'
        : wei > balance
          ? `You have ${formatLpt(balance)} unstaked`
          : null;
  const toOk = ChainAddress.safeParse(to.trim()).success;
  return (
    <Card title="Send LPT">
      <p className="hint">Unstaked LPT only ({formatLpt(balance)} now). Staked LPT must be unstaked first.</p>
      <div className="form-row">
        <Field
          label="Amount to send"
          value={amount}
          onChange={setAmount}
          suffix="LPT"
          inputMode="decimal"
          error={amountError}
        />
        <Field
          label="Recipient address"
          value={to}
          onChange={setTo}
          placeholder="0x…"
          error={to && !toOk ? 'An Ethereum address (0x + 40 hex digits)' : null}
        />
      </div>
      <TxAction
        from={account.address}
        label="Send LPT"
        disabled={amountError !== null || amount === '' || !toOk}
        action={() => ({ kind: 'transfer', amount: (wei ?? 0n).toString(), to: to.trim() })}
        onDone={() => setAmount('')}
      />
    </Card>
  );
}
