import type { z } from 'zod';

/** A form's private_metadata (JSON we wrote when opening it), checked; undefined if it is not what we wrote. */
export function readPrivateMetadata<T>(schema: z.ZodType<T>, text: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text || '{}'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
