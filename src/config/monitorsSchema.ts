import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../domain/types.js';
import { DRIFT_TESTS, P_VALUE_TESTS, type DriftTestName } from '../domain/drift/driftTest.js';
import type { MonitorDefinition } from '../domain/drift/monitor.js';
import { parseDuration } from '../domain/duration.js';

// `monitors:` in the policy file: built-in drift monitors (issue 16). Every field is checked here
// so a bad definition stops the start with one line naming it.

// Its own duration reader (the policy schema's would be a circular import): "10m", "1h30m", "7d".
const durationText = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseDuration(String(value));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const positiveDuration = durationText.refine((ms) => ms > 0, 'must be longer than nothing');

const monitorSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'must be a simple name (letters, digits, . _ -)').max(100),
    model: z.string().min(1).max(200),
    feature: z.string().min(1).max(200),
    test: z.enum(['auto', ...DRIFT_TESTS]).default('auto'),
    baseline: z.union([z.string().min(1).max(200), z.strictObject({ rolling: positiveDuration })], {
      error: 'must be a stored baseline\'s name or { rolling: <duration> }',
    }),
    window: positiveDuration,
    every: durationText.refine((ms) => ms >= 10_000, 'must be at least 10s'),
    threshold: z.number().positive('must be above 0').optional(),
    minSamples: z.number().int().min(2, 'must be at least 2').default(100),
    consecutive: z.number().int().min(1).max(100).default(1),
    severity: z.enum(SEVERITIES).optional(),
    category: z.enum(CATEGORIES).optional(),
  })
  .superRefine((monitor, ctx) => {
    if (monitor.threshold !== undefined && P_VALUE_TESTS.has(monitor.test as DriftTestName) && monitor.threshold >= 1) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `is a p-value for ${monitor.test}: must be below 1` });
    }
  })
  .transform((monitor): MonitorDefinition => ({
    name: monitor.name,
    model: monitor.model,
    feature: monitor.feature,
    test: monitor.test,
    baseline: typeof monitor.baseline === 'string' ? { kind: 'named', name: monitor.baseline } : { kind: 'rolling', periodMs: monitor.baseline.rolling },
    windowMs: monitor.window,
    everyMs: monitor.every,
    ...(monitor.threshold !== undefined ? { threshold: monitor.threshold } : {}),
    minSamples: monitor.minSamples,
    consecutive: monitor.consecutive,
    ...(monitor.severity ? { severity: monitor.severity } : {}),
    ...(monitor.category ? { category: monitor.category } : {}),
  }));

export const monitorsSchema = z.array(monitorSchema).superRefine((monitors, ctx) => {
  const seen = new Set<string>();
  monitors.forEach((monitor, index) => {
    if (seen.has(monitor.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${monitor.name}" names another monitor too` });
    seen.add(monitor.name);
  });
});
