import { describe, expect, it } from 'vitest';
import { clock, count, duration, plural } from '../../../src/ui/harvest/format';

describe('how the harvest panel words figures', () => {
  it('says durations the way a person would', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(44_600)).toBe('45 s');
    expect(duration(180_000)).toBe('3 min');
    expect(duration(200_000)).toBe('3 min 20 s');
    expect(duration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 05 min');
    expect(duration(76 * 3600_000)).toBe('3 days 4 h');
  });

  it('says times today as a clock, other days with their date', () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0);
    expect(clock(now + 65_000, now)).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(clock(now + 3 * 86_400_000, now)).toMatch(/Dec 2026 \d{2}:\d{2}$/);
  });

  it('counts with separators and plurals', () => {
    expect(count(100_000)).toBe('100,000');
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(1200, 'paper')).toBe('1,200 papers');
  });
});
