import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../../../domain/types.js';
import type { Declaration } from '../../../incidents/declareIncident.js';
import { PRIVATE_OPTION } from '../../blocks/declareModal.js';

/** The declare form's fields (see declareModal), with the messages shown next to each. */
export const declareFormSchema = z
  .object({
    title: z.string({ error: 'Give the incident a title.' }).max(150, 'Keep the title under 150 characters.'),
    description: z.string().max(3000, 'Keep the description under 3,000 characters.').optional(),
    severity: z.enum(SEVERITIES, { error: 'Choose a severity.' }),
    category: z.enum(CATEGORIES, { error: 'Choose a category.' }),
    modelName: z.string().max(100, 'Keep the model name under 100 characters.').optional(),
    modelVersion: z.string().max(100, 'Keep the version under 100 characters.').optional(),
    customerImpact: z.enum(['yes', 'no']).optional(),
    isPrivate: z.array(z.string()).optional(),
  })
  // Checked even when other fields are wrong, so the person sees every problem at once.
  .refine((form) => !form.modelVersion || form.modelName, { path: ['modelVersion'], message: 'Name the model this version belongs to.', when: () => true });

export type DeclareForm = z.infer<typeof declareFormSchema>;

export function declarationFrom(form: DeclareForm): Omit<Declaration, 'actor' | 'origin'> {
  return {
    title: form.title,
    ...(form.description ? { description: form.description } : {}),
    severity: form.severity,
    category: form.category,
    ...(form.modelName ? { model: { name: form.modelName, ...(form.modelVersion ? { version: form.modelVersion } : {}) } } : {}),
    ...(form.customerImpact ? { customerImpact: form.customerImpact === 'yes' } : {}),
    isPrivate: (form.isPrivate ?? []).includes(PRIVATE_OPTION),
  };
}
