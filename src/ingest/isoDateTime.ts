import { z } from 'zod';

/**
 * An ISO 8601 time with an offset that is also a real instant: the format check alone lets
 * through strings that `new Date` turns into Invalid Date, which would fail only at storage.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'is not a valid date and time' });
