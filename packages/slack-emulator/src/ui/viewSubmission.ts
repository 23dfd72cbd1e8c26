/** The request Slack sends when a person submits a modal, shaped like test/fixtures/slack/view_submission.json. */
import type { Person, Team } from './slackPayloads.js';
import type { StateValues } from './viewState.js';

export function viewSubmissionPayload(p: {
  team: Team;
  user: Person;
  /** The view as the emulator stores it (id, callback_id, private_metadata, blocks, hash...). */
  view: Record<string, unknown>;
  values: StateValues;
  triggerId: string;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: p.team.id, domain: p.team.domain },
    user: { id: p.user.id, username: p.user.name, name: p.user.name, team_id: p.team.id },
    api_app_id: 'A0VIGILAPP',
    token: 'verification_token',
    trigger_id: p.triggerId,
    view: { ...p.view, state: { values: p.values } },
    response_urls: [],
  };
}
