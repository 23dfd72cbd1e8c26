/**
 * Errors the product means to say to a person. Each surface turns the code into its own form
 * (an HTTP status, an ephemeral Slack message, a modal field error) in one place.
 */
export type VigilErrorCode =
  | 'not_found'
  | 'not_in_incident_channel'
  | 'invalid_transition'
  | 'forbidden'
  | 'invalid_input'
  | 'conflict';

export class VigilError extends Error {
  override name = 'VigilError';
  constructor(
    readonly code: VigilErrorCode,
    message: string,
    /** For form surfaces: which field the message belongs to. */
    readonly field?: string,
  ) {
    super(message);
  }
}
