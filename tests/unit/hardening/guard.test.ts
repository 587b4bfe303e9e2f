import { afterEach, describe, expect, it, vi } from 'vitest';
import { guard } from '../../../src/overlay/guard';

describe('overlay entry points are guarded', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an exception is reported to the console with a "Paperlens:" prefix, never thrown into the page', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cleanup = () => {};
    const out = guard(
      'arXiv overlay',
      (): (() => void) => {
        throw new TypeError('page broke something');
      },
      cleanup,
    );
    expect(out).toBe(cleanup);
    expect(error).toHaveBeenCalledWith('Paperlens: arXiv overlay failed:', expect.any(TypeError));
  });

  it('still returns the fallback when the page broke console itself', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {
      throw new Error('console is gone');
    });
    expect(
      guard(
        'x',
        () => {
          throw new Error('boom');
        },
        7,
      ),
    ).toBe(7);
    expect(guard('x', () => 3, 7)).toBe(3);
  });
});
