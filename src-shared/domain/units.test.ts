import { describe, expect, it } from 'vitest';
import { formatUnits as ethersFormat, parseUnits as ethersParse } from 'ethers';
import {
  formatEth,
  formatGwei,
  formatLpt,
  formatPpm,
  formatUnits,
  parseToken,
  parseUnits,
  percentToPpm,
  priceAboveCommonCeiling,
  pricePerPixelWei,
  sharePercent,
} from './units.ts';

describe('units', () => {
  it('formats wei exactly, cutting not rounding, with grouping', () => {
    expect(formatLpt('1000000000000000000000')).toBe('1,000 LPT');
    expect(formatLpt('1234567890123456789')).toBe('1.2345 LPT');
    expect(formatEth('100000000000000000')).toBe('0.1 ETH');
    expect(formatGwei('1500000000')).toBe('1.5 gwei');
    expect(formatLpt('0')).toBe('0 LPT');
    expect(formatLpt('1')).toBe('<0.0001 LPT');
    expect(formatLpt('500000000000000000', 0)).toBe('<1 LPT');
    expect(formatUnits(-1500n, 3)).toBe('-1.5');
  });

  it('keeps every digit of amounts beyond 2^53', () => {
    const big = '123456789012345678901234567890';
    expect(formatUnits(big, 18, 18, { grouping: false })).toBe(ethersFormat(BigInt(big), 18));
  });

  it('parses typed amounts like ethers does', () => {
    for (const text of ['0', '1', '0.1', '12.5', '1000.000000000000000001', '.5']) {
      expect(parseToken(text)).toBe(ethersParse(text.startsWith('.') ? `0${text}` : text, 18));
    }
    expect(parseToken('1,000')).toBe(10n ** 21n);
    expect(parseToken('1.0000000000000000001')).toBeNull();
    expect(parseToken('abc')).toBeNull();
    expect(parseToken('')).toBeNull();
    expect(parseToken('-1')).toBeNull();
    expect(parseUnits('2.5', 9)).toBe(2_500_000_000n);
  });

  it('converts percent and ppm both ways', () => {
    expect(formatPpm('100000')).toBe('10 %');
    expect(formatPpm('1')).toBe('0.0001 %');
    expect(percentToPpm('12.5')).toBe(125_000n);
    expect(percentToPpm('100')).toBe(1_000_000n);
    expect(percentToPpm('100.0001')).toBeNull();
    expect(percentToPpm('0.00001')).toBeNull();
  });

  it('computes shares exactly, rounding half up', () => {
    expect(sharePercent(1n, 3n)).toBe('33.33 %');
    expect(sharePercent(2n, 3n)).toBe('66.67 %');
    expect(sharePercent(5n, 0n)).toBe('0 %');
    expect(sharePercent(10n ** 24n, 10n ** 24n)).toBe('100 %');
  });

  it('shows a price per pixel and per 1080p minute', () => {
    const p = pricePerPixelWei('1200', '1');
    expect(p.perPixel).toBe('1,200 wei');
    // 1920*1080*30*60 px × 1200 wei = 4,478,976,000,000 wei
    expect(p.per1080pMinuteEth).toBe('0.00000447 ETH');
  });

  it('tells a price above the common gateway ceiling of 1200 wei per pixel', () => {
    expect(priceAboveCommonCeiling('1200', '1')).toBe(false);
    expect(priceAboveCommonCeiling('1201', '1')).toBe(true);
    // 2,400,000 wei per 1000 pixels = 2400 wei per pixel
    expect(priceAboveCommonCeiling('2400000', '1000')).toBe(true);
    expect(priceAboveCommonCeiling('1199999', '1000')).toBe(false);
    expect(priceAboveCommonCeiling('5', '0')).toBe(false);
  });
});
