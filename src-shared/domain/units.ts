// Amounts and ratios for people: wei ↔ LPT/ETH/gwei and ppm ↔ %, exact with bigint. Amounts cross
// the contract as decimal strings of base units; floats never touch them (a float would silently
// round 0.1 LPT). Pure so the renderer, the CLI and tests share one implementation.

export const WEI_DECIMALS = 18;
export const GWEI_DECIMALS = 9;
/** The protocol's ratios (reward cut, fee share) are parts per million. */
export const PPM_DECIMALS = 4; // 1 % = 10 000 ppm, so % has 4 decimals of ppm

const TEN = 10n;

function toBig(value: bigint | string | number): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`Not a whole number: ${value}`);
  return BigInt(value);
}

/** Groups the integer digits with thin commas: 1234567 → 1,234,567. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `units` (e.g. wei) with `decimals` as a decimal string, cut (not rounded) to `maxFraction`
 * digits, trailing zeros dropped. A non-zero amount smaller than the last shown digit shows as
 * "<0.0001" so dust never reads as zero.
 */
export function formatUnits(
  units: bigint | string | number,
  decimals: number,
  maxFraction = 4,
  options: { grouping?: boolean } = {},
): string {
  const value = toBig(units);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = TEN ** BigInt(decimals);
  const whole = abs / base;
  const frac = abs % base;
  let fracText = decimals > 0 ? frac.toString().padStart(decimals, '0').slice(0, maxFraction) : '';
  fracText = fracText.replace(/0+$/, '');
  if (whole === 0n && fracText === '' && frac !== 0n) {
    const smallest = maxFraction > 0 ? `0.${'0'.repeat(maxFraction - 1)}1` : '1';
    return `${negative ? '>-' : '<'}${smallest}`;
  }
  const wholeText = options.grouping === false ? whole.toString() : group(whole.toString());
  return `${negative ? '-' : ''}${wholeText}${fracText ? `.${fracText}` : ''}`;
}

/** A decimal string typed by a person ("12.5", "1,000") → base units; null when it is not a number or has too many decimals. */
export function parseUnits(text: string, decimals: number): bigint | null {
  const clean = text.trim().replace(/[,_\s]/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return null;
  const [, whole = '', frac = ''] = match;
  if (frac.length > decimals) return null;
  return BigInt(whole || '0') * TEN ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

export const formatLpt = (wei: bigint | string, maxFraction = 4): string =>
  `${formatUnits(wei, WEI_DECIMALS, maxFraction)} LPT`;
export const formatEth = (wei: bigint | string, maxFraction = 6): string =>
  `${formatUnits(wei, WEI_DECIMALS, maxFraction)} ETH`;
export const formatGwei = (wei: bigint | string, maxFraction = 3): string =>
  `${formatUnits(wei, GWEI_DECIMALS, maxFraction)} gwei`;
export const parseToken = (text: string): bigint | null => parseUnits(text, WEI_DECIMALS);
export const parseGwei = (text: string): bigint | null => parseUnits(text, GWEI_DECIMALS);

/** ppm → "12.5 %" (exact: 1 ppm = 0.0001 %). */
export function formatPpm(ppm: bigint | string | number): string {
  return `${formatUnits(ppm, PPM_DECIMALS, 4)} %`;
}

/** "12.5" (percent) → ppm, or null when outside 0–100 % or finer than 1 ppm. */
export function percentToPpm(text: string): bigint | null {
  const ppm = parseUnits(text.replace(/%\s*$/, ''), PPM_DECIMALS);
  if (ppm === null || ppm > 1_000_000n) return null;
  return ppm;
}

/** `part / whole` as a percentage string with `digits` decimals, exact (rounded half up). */
export function sharePercent(part: bigint | string, whole: bigint | string, digits = 2): string {
  const p = toBig(part);
  const w = toBig(whole);
  if (w === 0n) return '0 %';
  const scale = TEN ** BigInt(digits);
  const scaled = (p * 100n * scale * 2n + w) / (w * 2n); // half up
  return `${formatUnits(scaled, digits, digits)} %`;
}

/** A short address for tables: 0x1234…abcd (the full one goes in a title attribute). */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Price per pixel in wei as a human line: "1,000 wei per 1 pixel" → also per 1080p minute for intuition. */
/**
 * The ceiling many gateways set with -maxPricePerUnit (go-livepeer issue #2609: 1200 wei per pixel);
 * an orchestrator priced above it is skipped by them, so the dashboard warns.
 */
export const COMMON_GATEWAY_MAX_WEI_PER_PIXEL = 1200n;

/** Whether pricePerUnit / pixelsPerUnit is above what gateways commonly accept. */
export function priceAboveCommonCeiling(pricePerUnit: bigint | string, pixelsPerUnit: bigint | string): boolean {
  const pixels = toBig(pixelsPerUnit);
  return pixels > 0n && toBig(pricePerUnit) > COMMON_GATEWAY_MAX_WEI_PER_PIXEL * pixels;
}

export function pricePerPixelWei(
  pricePerUnit: bigint | string,
  pixelsPerUnit: bigint | string,
): { perPixel: string; per1080pMinuteEth: string } {
  const price = toBig(pricePerUnit);
  const pixels = toBig(pixelsPerUnit);
  if (pixels === 0n) return { perPixel: '—', per1080pMinuteEth: '—' };
  // 1920×1080 at 30 fps for 60 s, one rendition.
  const pixelsPerMinute = 1920n * 1080n * 30n * 60n;
  const perMinuteWei = (price * pixelsPerMinute) / pixels;
  return {
    perPixel: `${formatUnits((price * 1000n) / pixels, 3, 3)} wei`,
    per1080pMinuteEth: formatEth(perMinuteWei, 8),
  };
}
