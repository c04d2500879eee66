// Running costs: the reward service's gas-price ceiling and the electricity price (used by Earnings).
import { KwhPrice } from '../../../src-shared/contract/index.ts';
import { useState } from 'react';
import { formatGwei, parseGwei } from '../../../src-shared/domain/units.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { Card } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';

export function CostsSettingsCard() {
  const settings = useSettingsStore((s) => s.settings);
  const save = useSettingsStore((s) => s.save);
  const [gas, setGas] = useState<string | null>(null);
  const [kwh, setKwh] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  if (!settings) return null;
  const c = settings.costs;
  const gasText =
    gas ??
    (c.gasCeilingWei
      ? formatGwei(c.gasCeilingWei)
          .replace(/ gwei$/, '')
          .replace(/,/g, '')
      : '');
  const gasWei = gasText.trim() === '' ? null : parseGwei(gasText);
  const gasOk = gasText.trim() === '' || gasWei !== null;
  const kwhText = kwh ?? c.electricityPerKwh;
  const kwhOk = KwhPrice.safeParse(kwhText).success;
  const cur = currency ?? c.currency;
  return (
    <Card title="Costs">
      <div className="form-row">
        <Field
          label="Gas price ceiling for reward calls"
          value={gasText}
          onChange={setGas}
          suffix="gwei"
          inputMode="decimal"
          error={gasOk ? null : 'A gas price in gwei, like 0.1'}
          hint="The reward call waits while gas costs more. Empty: no ceiling. Applies when the reward service is next turned on."
        />
        <Field
          label="Electricity price per kWh"
          value={kwhText}
          onChange={setKwh}
          inputMode="decimal"
          error={kwhOk ? null : 'A price like 0.30'}
        />
        <Field label="Currency" value={cur} onChange={setCurrency} />
      </div>
      <button
        type="button"
        className="button primary"
        disabled={!gasOk || !kwhOk || cur.trim() === ''}
        onClick={() =>
          void save({
            costs: {
              gasCeilingWei: gasWei === null ? null : gasWei.toString(),
              electricityPerKwh: kwhText,
              currency: cur.trim(),
            },
          }).then(() => {
            setGas(null);
            setKwh(null);
            setCurrency(null);
          })
        }
      >
        Save costs
      </button>
    </Card>
  );
}
