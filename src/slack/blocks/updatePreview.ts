import type { KnownBlock, ModalView } from '@slack/types';
import type { StakeholderUpdateRow } from '../../db/schema/index.js';
import { AUDIENCE_WORDS } from '../../domain/stakeholderUpdates.js';
import type { AudiencePolicy } from '../../config/policy.js';
import { VIEWS } from './callbackIds.js';
import { channelLink, md, plain } from './format.js';
import { fitView } from './limits.js';

/** What the preview hands back to its submission listener. */
export interface UpdatePreviewMetadata {
  updateId: number;
}

/** Where it will go, in words: the audience's channel, the incident channel, and who approves first. */
function destination(update: StakeholderUpdateRow, audience: AudiencePolicy): string {
  const places = [audience.channel ? channelLink(audience.channel) : undefined, !audience.channel || update.alsoInIncidentChannel ? 'this incident channel' : undefined].filter(Boolean);
  const approval = audience.approval === 'commander' ? ' once the incident commander approves it' : '';
  return `Will be posted in ${places.join(' and ')}${approval}.`;
}

/** A section holds 3,000 characters: a long update is shown whole, in several, split at lines. */
export function textSections(text: string, size = 2900): string[] {
  const sections: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const room = size - current.length - (current ? 1 : 0);
      if (rest.length <= room) {
        current = current ? `${current}\n${rest}` : rest;
        break;
      }
      if (current) {
        sections.push(current);
        current = '';
        continue;
      }
      sections.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
  }
  if (current) sections.push(current);
  return sections;
}

/**
 * The update exactly as it will be posted (the stored Slack text, rendered from the template
 * when the form was submitted), pushed above the form: Back returns to the form, the submit
 * button posts it or sends it for approval.
 */
export function updatePreview(update: StakeholderUpdateRow, audience: AudiencePolicy): ModalView {
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [md(`*${AUDIENCE_WORDS[update.audience]} ${update.moment}* · ${destination(update, audience)}`)] },
    { type: 'divider' },
    ...textSections(update.slackText).map((text): KnownBlock => ({ type: 'section', text: md(text) })),
  ];
  return fitView({
    type: 'modal',
    callback_id: VIEWS.updatePreview,
    title: plain('Preview update', 24),
    submit: plain(audience.approval === 'commander' ? 'Send for approval' : 'Post update', 24),
    close: plain('Back', 24),
    private_metadata: JSON.stringify({ updateId: update.id } satisfies UpdatePreviewMetadata),
    blocks,
  });
}
