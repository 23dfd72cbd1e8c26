import { VigilError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { errorReply } from '../../replies.js';

export interface FormErrors {
  response_action: 'errors';
  errors: Record<string, string>;
}

/**
 * A use case's refusal shown in the form: next to the field it names (VigilError.field is a
 * block id, since block ids are field names), else next to `fallbackField`.
 */
export function formErrorResponse(error: unknown, fallbackField: string, logger: Logger): FormErrors {
  const field = error instanceof VigilError && error.field ? error.field : fallbackField;
  return { response_action: 'errors', errors: { [field]: errorReply(error, logger) } };
}
