import { z } from 'zod';

/**
 * An ISO 8601 time with an offset that is also a real instant: the format check alone lets
 * through strings that `new Date` turns into Invalid Date, which would fail only at storage.
 * A string that fails the format is reported once, not again by the instant check.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true, abort: true, error: 'must be an ISO 8601 date and time with an offset, like 2026-11-22T16:00:23Z' })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'is not a valid date and time' });
