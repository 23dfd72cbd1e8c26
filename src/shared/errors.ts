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

/**
 * The facts behind an error, for a surface that says more than the message: who holds a role,
 * which command would help. The message itself is plain words that suit every surface.
 */
export type VigilErrorDetail =
  /** The incident is resolved and must be reopened before this. */
  | { reason: 'reopen_first'; incidentId: number }
  /** The incident is resolved already (by that person, when known). */
  | { reason: 'already_resolved'; incidentId: number; resolvedBy: string | null }
  /** Someone else holds the role; taking it over is a deliberate assignment. */
  | { reason: 'role_held'; role: string; roleTitle: string; holder: string }
  /** Every planned escalation step has run; a person must name whom to page. */
  | { reason: 'escalation_exhausted' }
  /** The policy's permission list does not include the person. */
  | { reason: 'not_permitted'; permission: string; action: string; advice?: string }
  /** An update that needs approval: the incident's commander approves (none yet: take the role). */
  | { reason: 'commander_approves'; commander: string | null };

export class VigilError extends Error {
  override name = 'VigilError';
  constructor(
    readonly code: VigilErrorCode,
    message: string,
    /** For form surfaces: which field the message belongs to. */
    readonly field?: string,
    readonly detail?: VigilErrorDetail,
  ) {
    super(message);
  }
}
