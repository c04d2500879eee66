// The staking building blocks shared by the Staking page and the first-run guide: bond (with the
// approve step when the allowance is short), the orchestrator's terms with what delegators see,
// the service URI, and the off-chain price.
import { useRef, useState } from 'react';
import type { ChainAccountState } from '../../../src-shared/contract/index.ts';
import { formatLpt, formatPpm, parseToken, percentToPpm, pricePerPixelWei } from '../../../src-shared/domain/units.ts';
import { priceWarning } from '../../../src-shared/domain/pricing.ts';
import { api } from '../../api/index.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { Field } from '../../ui/Field.tsx';
import { TxAction } from '../../ui/TxFlow.tsx';

export function BondForm({
  account,
  defaultTo,
  allowOtherTarget,
}: {
  account: ChainAccountState;
  defaultTo: string;
  allowOtherTarget: boolean;
}) {
  const [amount, setAmount] = useState('');
  const [to, setTo] = useState(defaultTo);
  const sent = useRef<'approve' | 'bond' | null>(null);
  const wei = parseToken(amount);
  // Staking 0 with another orchestrator moves the existing stake to it (bond(0, newOrchestrator))
  const moving =
    BigInt(account.delegator.bondedAmount) > 0n && to.toLowerCase() !== account.delegator.delegate.toLowerCase();
  const amountError =
    amount === ''
      ? null
      : wei === null || (wei === 0n && !moving)
        ? 'Enter an amount of LPT, like 100 or 12.5'
        : wei > BigInt(account.lptBalance)
          ? `You have ${formatLpt(account.lptBalance)}`
          : null;
  const needsApproval = wei !== null && wei > BigInt(account.bondingAllowance);
  const toOk = /^0x[0-9a-fA-F]{40}$/.test(to);
  const valid = wei !== null && (wei > 0n || moving) && !amountError && toOk;
  return (
    <div className="form-stack">
      <Field
        label="Amount to stake"
        value={amount}
        onChange={setAmount}
        suffix="LPT"
        inputMode="decimal"
        error={amountError}
        hint={
          wei === 0n && moving
            ? `0 moves your ${formatLpt(account.delegator.bondedAmount)} of stake to this orchestrator`
            : `Available: ${formatLpt(account.lptBalance)}`
        }
      />
      {allowOtherTarget && (
        <Field
          label="Orchestrator to stake with"
          value={to}
          onChange={setTo}
          error={to && !toOk ? 'An address: 0x and 40 hex digits' : null}
          hint={
            to.toLowerCase() === account.address.toLowerCase()
              ? 'Yourself (self-stake)'
              : 'You delegate to this orchestrator'
          }
        />
      )}
      {needsApproval && (
        <p className="hint">
          Step 1 of 2: allow the staking contract to move {formatLpt(wei ?? 0n)} from your account.
        </p>
      )}
      {/* One instance for both steps, so its outcome survives the allowance changing under it. */}
      <TxAction
        from={account.address}
        label={needsApproval ? 'Approve LPT' : 'Stake LPT'}
        disabled={!valid}
        onDone={() => {
          if (sent.current === 'bond') setAmount('');
        }}
        action={() => {
          sent.current = needsApproval ? 'approve' : 'bond';
          return needsApproval
            ? { kind: 'approve', amount: (wei ?? 0n).toString() }
            : { kind: 'bond', amount: (wei ?? 0n).toString(), to };
        }}
      />
    </div>
  );
}

/** Reward cut and fee cut as the orchestrator thinks of them, with the delegators' side spelled out. */
export function TermsForm({ account }: { account: ChainAccountState }) {
  const t = account.transcoder;
  const [rewardCut, setRewardCut] = useState(termsSet(account) ? ppmToText(t.rewardCut) : '10');
  const [feeCut, setFeeCut] = useState(termsSet(account) ? ppmToText(String(1_000_000 - Number(t.feeShare))) : '50');
  const rewardPpm = percentToPpm(rewardCut);
  const feeCutPpm = percentToPpm(feeCut);
  const valid = rewardPpm !== null && feeCutPpm !== null;
  return (
    <div className="form-stack">
      <div className="form-row">
        <Field
          label="Reward cut"
          value={rewardCut}
          onChange={setRewardCut}
          suffix="%"
          inputMode="decimal"
          error={rewardPpm === null ? 'A percentage from 0 to 100' : null}
          hint="Share of each round's LPT reward you keep"
        />
        <Field
          label="Fee cut"
          value={feeCut}
          onChange={setFeeCut}
          suffix="%"
          inputMode="decimal"
          error={feeCutPpm === null ? 'A percentage from 0 to 100' : null}
          hint="Share of the ETH fees you keep"
        />
      </div>
      {valid && (
        <p className="callout" data-testid="delegators-see">
          Delegators will see: they keep <strong>{formatPpm(1_000_000n - rewardPpm)}</strong> of the LPT rewards and{' '}
          <strong>{formatPpm(1_000_000n - feeCutPpm)}</strong> of the ETH fees earned on their stake.
        </p>
      )}
      <TxAction
        from={account.address}
        label="Save reward and fee cut"
        disabled={!valid || BigInt(account.delegator.bondedAmount) === 0n}
        action={() =>
          valid
            ? {
                kind: 'transcoder',
                rewardCut: rewardPpm.toString(),
                feeShare: (1_000_000n - feeCutPpm).toString(),
              }
            : 'Fix the percentages first'
        }
      />
      {BigInt(account.delegator.bondedAmount) === 0n && (
        <p className="hint">Stake some LPT to yourself first; registering needs a self-stake.</p>
      )}
    </div>
  );
}

/** Bonding to yourself registers you with 0 % / 0 %; the terms count as set once either is non-zero. */
export function termsSet(account: ChainAccountState): boolean {
  return account.transcoder.registered && (account.transcoder.rewardCut !== '0' || account.transcoder.feeShare !== '0');
}

function ppmToText(ppm: string): string {
  return formatPpm(ppm).replace(/ %$/, '');
}

/** The service URI gateways dial, saved on-chain; a reachability check needs the node service (not in this build). */
export function ServiceUriForm({ account }: { account: ChainAccountState }) {
  const [uri, setUri] = useState(account.transcoder.serviceUri || 'https://127.0.0.1:8935');
  const ok = /^https:\/\/[^\s/]+(:\d{1,5})?\/?$/.test(uri.trim());
  return (
    <div className="form-stack">
      <Field
        label="Service URI"
        value={uri}
        onChange={setUri}
        inputMode="url"
        error={uri && !ok ? 'https://host:port, the public address gateways reach your node at' : null}
        hint={
          account.transcoder.serviceUri
            ? `On-chain now: ${account.transcoder.serviceUri}`
            : 'Gateways find you at this address. Open the port on your router.'
        }
      />
      <p className="hint" data-testid="reachability-note">
        Whether gateways reach this address, and what to do when they do not: the reachability check in{' '}
        <a href="#/settings">Settings</a> (and on the dashboard when it fails).
      </p>
      <TxAction
        from={account.address}
        label="Save service URI"
        disabled={!ok || uri.trim() === account.transcoder.serviceUri}
        action={() => ({ kind: 'setServiceUri', uri: uri.trim() })}
        // The node advertises the same address to gateways (rendition URLs, discovery).
        onDone={() => void api.orchestrator.updateConfig({ serviceUri: uri.trim() }).catch(() => undefined)}
      />
    </div>
  );
}

export function PriceForm() {
  const settings = useSettingsStore((s) => s.settings);
  const save = useSettingsStore((s) => s.save);
  const [price, setPrice] = useState<string | null>(null);
  // A price outside the network's range saves only once the user confirms its warning.
  const [confirmed, setConfirmed] = useState(false);
  if (!settings) return <p className="muted">Loading…</p>;
  const value = price ?? settings.orchestratorTerms.pricePerUnitWei;
  const ok = /^\d{1,30}$/.test(value);
  const shown = ok ? pricePerPixelWei(value, settings.orchestratorTerms.pixelsPerUnit) : null;
  const changed = value !== settings.orchestratorTerms.pricePerUnitWei;
  const warning = ok && changed ? priceWarning(value, settings.orchestratorTerms.pixelsPerUnit) : null;
  return (
    <div className="form-stack">
      <Field
        label="Price per pixel"
        value={value}
        onChange={(next) => {
          setPrice(next);
          setConfirmed(false);
        }}
        suffix="wei"
        inputMode="decimal"
        error={ok ? null : 'A whole number of wei'}
        hint={
          shown
            ? `≈ ${shown.per1080pMinuteEth} per minute of 1080p30 video, per rendition. Gateways skip orchestrators priced above their maximum.`
            : undefined
        }
      />
      {warning && (
        <div className="callout warning" role="alert" data-testid="price-warning">
          <p>{warning.text}</p>
          <label className="check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Save this
            price anyway
          </label>
        </div>
      )}
      <button
        type="button"
        className="button"
        disabled={!ok || !changed || (warning !== null && !confirmed)}
        onClick={() =>
          void save({ orchestratorTerms: { ...settings.orchestratorTerms, pricePerUnitWei: value } })
            // The node quotes gateways from its own service configuration: keep it in step.
            .then(() =>
              api.orchestrator.updateConfig({
                pricePerUnit: value,
                pixelsPerUnit: settings.orchestratorTerms.pixelsPerUnit,
              }),
            )
            .then(
              () => {
                setPrice(null);
                setConfirmed(false);
              },
              () => undefined,
            )
        }
      >
        Save price
      </button>
    </div>
  );
}
