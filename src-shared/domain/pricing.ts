// Whether an orchestrator's price is in the network's range: what gateways commonly accept
// (COMMON_GATEWAY_MAX_WEI_PER_PIXEL) bounds it above, zero (free work) below. A price outside it
// is allowed, but only after the user confirms the warning.
import { COMMON_GATEWAY_MAX_WEI_PER_PIXEL, formatUnits, pricePerPixelWei } from './units.ts';

/** Above this many times the common ceiling the price is far outside the network's range (likely a typo). */
export const FAR_ABOVE_FACTOR = 10n;

export interface PriceWarning {
  kind: 'free' | 'above' | 'far-above';
  text: string;
}

/** A warning to confirm for a price outside the network's range, or null when it is in range. */
export function priceWarning(pricePerUnit: bigint | string, pixelsPerUnit: bigint | string): PriceWarning | null {
  const price = BigInt(pricePerUnit);
  const pixels = BigInt(pixelsPerUnit);
  if (pixels <= 0n) return null;
  if (price === 0n)
    return { kind: 'free', text: 'A price of 0 means gateways pay nothing: your GPU would work for free.' };
  const ceiling = COMMON_GATEWAY_MAX_WEI_PER_PIXEL * pixels;
  if (price <= ceiling) return null;
  const shown = pricePerPixelWei(price, pixels);
  const common = `${formatUnits(COMMON_GATEWAY_MAX_WEI_PER_PIXEL, 0)} wei per pixel`;
  const times = price / ceiling;
  if (times >= FAR_ABOVE_FACTOR)
    return {
      kind: 'far-above',
      text: `${shown.perPixel} per pixel (≈ ${shown.per1080pMinuteEth} per minute of 1080p) is ${formatUnits(times, 0)} times the ${common} most gateways accept: no gateway will send you work. Is it a typo?`,
    };
  return {
    kind: 'above',
    text: `${shown.perPixel} per pixel (≈ ${shown.per1080pMinuteEth} per minute of 1080p) is above the ${common} most gateways accept: many will skip your node.`,
  };
}
