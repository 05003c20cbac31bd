import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
  const clock = (start = 1_000_000) => {
    const c = { at: start, now: () => c.at };
    return c;
  };

  it('lets max failures through a window, then says how long to wait, then forgets', () => {
    const c = clock();
    const limiter = new FailureLimiter({ max: 3, windowMs: 60_000 }, 100, c.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('ip')).toBe(0);
      limiter.charge('ip');
    }
    expect(limiter.retryAfter('ip')).toBe(60);
    expect(limiter.retryAfter('other')).toBe(0);
    c.at += 59_500;
    expect(limiter.retryAfter('ip')).toBe(1);
    c.at += 500;
    expect(limiter.retryAfter('ip')).toBe(0);
  });

  it('refunds a success, so only failures count', () => {
    const limiter = new FailureLimiter({ max: 1, windowMs: 60_000 }, 100, clock().now);
    limiter.charge('device');
    expect(limiter.retryAfter('device')).toBe(60);
    limiter.refund('device');
    expect(limiter.retryAfter('device')).toBe(0);
    limiter.refund('device'); // never below zero
    limiter.charge('device');
    expect(limiter.retryAfter('device')).toBe(60);
  });

  it('keeps at most maxKeys windows, dropping ended ones first and then the oldest', () => {
    const c = clock();
    const limiter = new FailureLimiter({ max: 1, windowMs: 1000 }, 2, c.now);
    limiter.charge('a');
    c.at += 2000;
    limiter.charge('b');
    limiter.charge('c'); // 'a' had ended and made room
    expect([limiter.retryAfter('b'), limiter.retryAfter('c')]).toEqual([1, 1]);
    limiter.charge('d'); // both still counting: the oldest, 'b', goes
    expect([limiter.retryAfter('b'), limiter.retryAfter('c'), limiter.retryAfter('d')]).toEqual([0, 1, 1]);
  });
});
