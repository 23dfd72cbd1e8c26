import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/domain/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * SECOND],
    ['5m', 5 * MINUTE],
    ['2h', 2 * HOUR],
    ['1d', DAY],
    ['1w', 7 * DAY],
    ['1h30m', HOUR + 30 * MINUTE],
    ['1d2h3m4s', DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND],
    ['1h 5m', HOUR + 5 * MINUTE],
    [' 15m ', 15 * MINUTE],
    ['0m', 0],
    ['0', 0],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '   ', '5 minutes', '5', '-5m', '1.5h', '5M', '30m1h', '5ms', '1h1h', 'm', 'soon'])(
    'rejects %j',
    (text) => {
      expect(() => parseDuration(text)).toThrow(DurationError);
    },
  );

  it('says what was wrong and what to write instead', () => {
    expect(() => parseDuration('5 minutes')).toThrow('"5 minutes" is not a duration; use e.g. 30s, 5m, 2h, 1d');
    try {
      parseDuration('soon');
    } catch (error) {
      expect(error).toBeInstanceOf(DurationError);
      expect((error as DurationError).input).toBe('soon');
      expect((error as DurationError).code).toBe('invalid_duration');
    }
  });

  it('rejects values too large to represent exactly', () => {
    expect(() => parseDuration('99999999999999999999w')).toThrow(DurationError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45 * SECOND, '45s'],
    [5 * MINUTE, '5m'],
    [5 * MINUTE + 30 * SECOND, '5m 30s'],
    [7 * MINUTE + 59 * SECOND + 999, '7m 59s'],
    [HOUR + 5 * MINUTE, '1h 5m'],
    [HOUR + 5 * MINUTE + 59 * SECOND, '1h 5m'],
    [2 * DAY + 3 * HOUR, '2d 3h'],
    [DAY + 5 * MINUTE, '1d'],
    [10 * DAY, '10d'],
    [-7 * MINUTE, '-7m'],
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration for whole units', () => {
    for (const text of ['45s', '5m', '1h 5m', '2d 3h']) {
      expect(formatDuration(parseDuration(text))).toBe(text);
    }
  });

  it('refuses non-finite input', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
