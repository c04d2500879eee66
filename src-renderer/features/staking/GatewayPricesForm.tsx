// Prices for specific gateways (livepeer_cli "Set price for broadcaster", go-livepeer
// -pricePerBroadcaster): a listed gateway is quoted its own price per pixel, every other gateway the
// default one. Saved in the node's service configuration; a change applies to new sessions.
import { useEffect, useState } from 'react';
import type { BroadcasterPrice } from '../../../src-shared/contract/index.ts';
import { MAX_BROADCASTER_PRICES } from '../../../src-shared/contract/index.ts';
import { shortAddress } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { Field } from '../../ui/Field.tsx';
import styles from './GatewayPricesForm.module.css';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const WEI = /^\d{1,30}$/;

/** "1200 wei" per pixel, or the fraction when the price was set per several pixels. */
function priceText(b: BroadcasterPrice): string {
  return b.pixelsPerUnit === '1' ? `${b.pricePerUnit} wei` : `${b.pricePerUnit} wei / ${b.pixelsPerUnit} pixels`;
}

export function GatewayPricesForm() {
  const [list, setList] = useState<BroadcasterPrice[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [price, setPrice] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  // setState only in the callbacks: the effect itself sets nothing synchronously.
  const load = () =>
    api.orchestrator.config({}).then(
      (c) => {
        setLoadError(null);
        setList(c.broadcasterPrices);
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
  useEffect(() => {
    void load();
  }, []);

  if (loadError)
    return (
      <div className={`form-stack ${styles.gatewayPrices}`}>
        <p className="field-error" role="alert">
          Could not read the gateway prices: {loadError}
        </p>
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  if (!list)
    return (
      <p className={`muted ${styles.gatewayPrices}`} role="status">
        Loading gateway prices…
      </p>
    );

  const addr = address.trim();
  const wei = price.trim();
  const duplicate = list.some((b) => b.address.toLowerCase() === addr.toLowerCase());
  const addressError =
    addr === ''
      ? null
      : !ADDRESS.test(addr)
        ? 'A gateway address: 0x and 40 hex digits'
        : duplicate
          ? 'This gateway already has its own price: remove it first to change it'
          : null;
  const priceError = wei === '' ? null : WEI.test(wei) ? null : 'A whole number of wei (0 = free for this gateway)';
  const full = list.length >= MAX_BROADCASTER_PRICES;
  const canAdd = addr !== '' && wei !== '' && !addressError && !priceError && !full && !busy;

  async function save(next: BroadcasterPrice[], done: string): Promise<boolean> {
    setBusy(true);
    setStatus(null);
    try {
      const saved = await api.orchestrator.updateConfig({ broadcasterPrices: next });
      setList(saved.broadcasterPrices);
      setStatus({ ok: true, text: done });
      return true;
    } catch (err) {
      setStatus({ ok: false, text: `Not saved: ${err instanceof Error ? err.message : String(err)}` });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={`form-stack ${styles.gatewayPrices}`} data-testid="gateway-prices">
      <h3 className="group-title">Price for specific gateways</h3>
      <p className="hint">
        A gateway listed here is quoted its own price per pixel instead of the one above (go-livepeer{' '}
        <span className="mono">-pricePerBroadcaster</span>). Changes apply to its new sessions.
      </p>
      {list.length === 0 ? (
        <p className="muted" data-testid="gateway-prices-empty">
          No gateway has its own price: every gateway pays the price above.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Gateway</th>
              <th scope="col">Price per pixel</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.address.toLowerCase()}>
                <td className="mono" title={b.address}>
                  {shortAddress(b.address)}
                </td>
                <td>{priceText(b)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    aria-label={`Remove the price for ${b.address}`}
                    onClick={() =>
                      void save(
                        list.filter((x) => x !== b),
                        `Removed: ${shortAddress(b.address)} pays the price above again.`,
                      )
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-row">
        <Field
          label="Gateway address"
          value={address}
          onChange={(v) => {
            setAddress(v);
            setStatus(null);
          }}
          placeholder="0x…"
          error={addressError}
        />
        <Field
          label="Gateway's price per pixel"
          value={price}
          onChange={(v) => {
            setPrice(v);
            setStatus(null);
          }}
          suffix="wei"
          inputMode="decimal"
          error={priceError}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={!canAdd}
          onClick={() =>
            void save(
              [...list, { address: addr, pricePerUnit: wei, pixelsPerUnit: '1' }],
              `Saved: ${shortAddress(addr)} is quoted ${wei} wei per pixel.`,
            ).then((ok) => {
              if (ok) {
                setAddress('');
                setPrice('');
              }
            })
          }
        >
          Add gateway price
        </button>
        {full && <p className="hint">At most {MAX_BROADCASTER_PRICES} gateways can have their own price.</p>}
        {status && (
          <p className={status.ok ? 'saved' : 'field-error'} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </p>
        )}
      </div>
    </div>
  );
}
