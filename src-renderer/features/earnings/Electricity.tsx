// Electricity: the GPUs' measured power draw priced with Settings → Costs, for the net figures.
import { KwhPrice } from '../../../src-shared/contract/index.ts';
import { useState } from 'react';
import type { Settings } from '../../../src-shared/contract/index.ts';
import { Card } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';

/** The GPUs' draw now (W) and the electricity cost per second at the saved price; null without a reading. */
export function useElectricity(settings: Settings | null): { watts: number | null; costPerSecond: number } {
  const latest = useGpuStore((s) => s.latest);
  const readings = latest?.gpus.map((g) => g.powerW).filter((w): w is number => w !== null) ?? [];
  if (readings.length === 0 || !settings) return { watts: null, costPerSecond: 0 };
  const watts = readings.reduce((s, w) => s + w, 0);
  return { watts, costPerSecond: (watts / 1000 / 3600) * Number(settings.costs.electricityPerKwh) };
}

export function Electricity({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const { watts, costPerSecond } = useElectricity(settings);
  const [price, setPrice] = useState<string | null>(null);
  const value = price ?? settings.costs.electricityPerKwh;
  const ok = KwhPrice.safeParse(value).success;
  return (
    <Card title="Electricity">
      <div className="form-row">
        <Field
          label="Electricity price per kWh"
          value={value}
          onChange={setPrice}
          suffix={settings.costs.currency}
          inputMode="decimal"
          error={ok ? null : 'A price like 0.30'}
        />
        <button
          type="button"
          className="button"
          disabled={!ok || value === settings.costs.electricityPerKwh}
          onClick={() =>
            void save({ costs: { ...settings.costs, electricityPerKwh: value } }).then(() => setPrice(null))
          }
        >
          Save price
        </button>
      </div>
      <p data-testid="electricity-cost">
        {watts === null
          ? 'No GPU power reading on this machine (no NVIDIA GPU found), so the electricity cost cannot be measured and the net leaves it out.'
          : `GPUs draw ${watts.toFixed(0)} W now: about ${(costPerSecond * 86_400).toFixed(2)} ${settings.costs.currency} per day at this price. Past rounds are charged at this draw too (the app keeps no power history).`}
      </p>
    </Card>
  );
}
