import { describe, expect, it } from 'vitest';
import { createLogThrottle } from './log-throttle.ts';

describe('log throttle', () => {
  it('logs the first few per window and sums up the rest when the next window starts', () => {
    const lines: string[] = [];
    let t = 0;
    const throttle = createLogThrottle({
      write: (m) => lines.push(m),
      perWindow: 3,
      windowMs: 1000,
      now: () => t,
      what: 'refusals',
    });
    for (let i = 0; i < 2500; i++) throttle.note(`refused ${i}`);
    expect(lines).toEqual(['refused 0', 'refused 1', 'refused 2 (further ones in this window are only counted)']);
    t = 1000;
    throttle.note('refused later');
    expect(lines.slice(3)).toEqual(['2497 more refusals in the last 1 s (not logged one by one)', 'refused later']);
  });
});
