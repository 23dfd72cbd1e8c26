// Runbooks are data (runbooks/*.yaml) so responders can improve them without a code change.
// This module validates one parsed document and turns its steps into checklist items; reading
// the files from disk belongs to the caller.

import { z } from 'zod';
import { CATEGORIES, type Category, type ChecklistItem } from './types.js';

/**
 * Names are at most 50 characters so that step ids `rb-<name>-<n>` stay within 60 characters
 * (Slack action ids are built from them) even with two-digit step numbers.
 */
const MAX_NAME_LENGTH = 50;
const MAX_STEPS = 30;

const text = z.string().trim().min(1, 'must not be empty');

// Strict objects: a misspelt key (`symptom:`) is reported instead of silently dropping content.
export const runbookSchema = z.strictObject({
  name: z
    .string()
    .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like model-quality-degradation'),
  title: text,
  categories: z
    .array(z.enum(CATEGORIES))
    .min(1, 'must name at least one category')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a category'),
  symptoms: z.array(text).min(1, 'must list at least one symptom'),
  steps: z.array(text).min(1, 'must list at least one step').max(MAX_STEPS, `must have at most ${MAX_STEPS} steps`),
  rollbackVsRetrain: text,
});

export type Runbook = z.infer<typeof runbookSchema>;

/** `runbooks/data-pipeline-failure.yaml` -> `data-pipeline-failure`; undefined if not a YAML file. */
function fileStem(origin: string): string | undefined {
  const match = /([^/\\]+)\.ya?ml$/i.exec(origin);
  return match?.[1];
}

/**
 * A validated runbook. `origin` (usually the file path) is named in every error together with
 * the offending field, so a broken file is found without a debugger. When the origin is a YAML
 * file its name must equal the runbook's `name`, which catches copied files left unrenamed.
 */
export function parseRunbook(doc: unknown, origin: string): Runbook {
  const result = runbookSchema.safeParse(doc);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(document)';
      return `${field}: ${issue.message}`;
    });
    throw new Error(`invalid runbook ${origin}: ${problems.join('; ')}`);
  }

  const stem = fileStem(origin);
  if (stem !== undefined && stem !== result.data.name) {
    throw new Error(`invalid runbook ${origin}: name: "${result.data.name}" must match the file name "${stem}"`);
  }
  return result.data;
}

/** The runbook's steps as checklist items `rb-<name>-1`, `rb-<name>-2`, ... in order. */
export function runbookSteps(runbook: Runbook): ChecklistItem[] {
  return runbook.steps.map((step, index) => ({
    id: `rb-${runbook.name}-${index + 1}`,
    section: 'runbook',
    text: step,
  }));
}

/** The first runbook serving the category, so the caller's order expresses preference. */
export function runbookForCategory(runbooks: readonly Runbook[], category: Category): Runbook | undefined {
  return runbooks.find((runbook) => runbook.categories.includes(category));
}
