import { z } from 'zod';
import type { Resolution } from '../../../incidents/resolveIncident.js';

/** The resolve form's fields (see resolveModal), with the messages shown next to each. */
export const resolveFormSchema = z.object({
  summary: z.string({ error: 'Say in a sentence what resolved it.' }).max(3000, 'Keep it under 3,000 characters.'),
  rootCause: z.string().max(3000, 'Keep it under 3,000 characters.').optional(),
  modelRolledBack: z.enum(['yes', 'no'], { error: 'Say whether the model was rolled back.' }),
  /** Unix seconds, as Slack's datetimepicker sends them. */
  customerImpactEndedAt: z.number().int().positive().optional(),
});

export function resolutionFrom(form: z.infer<typeof resolveFormSchema>): Resolution {
  return {
    summary: form.summary,
    ...(form.rootCause ? { rootCause: form.rootCause } : {}),
    modelRolledBack: form.modelRolledBack === 'yes',
    ...(form.customerImpactEndedAt ? { customerImpactEndedAt: new Date(form.customerImpactEndedAt * 1000) } : {}),
  };
}
