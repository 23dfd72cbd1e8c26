import type { KnownBlock } from '@slack/types';
import type { StakeholderUpdateRow } from '../../db/schema/index.js';
import { AUDIENCE_WORDS } from '../../domain/stakeholderUpdates.js';
import type { EffectPayloads } from '../../effects/effectKinds.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { ACTIONS, snoozeActionId, type DraftUpdateValue, type SnoozeValue } from './actionIds.js';
import { channelLink, md, mention, plain, slackTime } from './format.js';
import { textSections } from './updatePreview.js';

const quoted = (text: string): KnownBlock[] => textSections(text).map((section): KnownBlock => ({ type: 'section', text: md(section) }));

/** The approval message's headline, by where the update stands. */
function approvalHeadline(update: StakeholderUpdateRow, channel: string | undefined): string {
  const audience = AUDIENCE_WORDS[update.audience];
  if (update.status === 'posted') {
    return `:white_check_mark: *${audience} update approved by ${mention(update.approvedBy)}* and posted${channel ? ` in ${channelLink(channel)}` : ''}.`;
  }
  if (update.status === 'draft') return `:pencil2: *${audience} update being edited by ${mention(update.author)}*; the new draft follows when it is sent.`;
  return `:memo: *${audience} update drafted by ${mention(update.author)}*: only approval sends it${channel ? ` to ${channelLink(channel)}` : ''}.`;
}

/** A drafted update in the incident channel; while it waits, the commander's Approve and Edit buttons. */
export function approvalBlocks(update: StakeholderUpdateRow, channel: string | undefined): { text: string; blocks: KnownBlock[] } {
  const headline = approvalHeadline(update, channel);
  const buttons: KnownBlock[] =
    update.status === 'awaiting_approval'
      ? [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: ACTIONS.approveUpdate,
                text: plain('Approve and post', 75),
                style: 'primary',
                value: String(update.id),
                confirm: {
                  title: plain('Post this update?', 100),
                  text: plain(`It goes to the ${update.audience} audience as shown.`, 300),
                  confirm: plain('Post it', 30),
                  deny: plain('Not yet', 30),
                },
              },
              { type: 'button', action_id: ACTIONS.editUpdate, text: plain('Edit', 75), value: String(update.id) },
            ],
          },
        ]
      : [];
  return { text: headline, blocks: [{ type: 'section', text: md(headline) }, ...quoted(update.slackText), ...buttons] };
}

const draftValue = (incidentId: number): string => JSON.stringify({ incidentId } satisfies DraftUpdateValue);
const snoozeValue = (incidentId: number, minutes: number): string => JSON.stringify({ incidentId, minutes } satisfies SnoozeValue);

/** The cadence's nudge to the comms lead (else the commander), with Draft update and Snooze. */
export function reminderBlocks(incidentId: number, reminder: EffectPayloads['update.reminder'], remind: string | undefined): { text: string; blocks: KnownBlock[] } {
  const who = remind ? mention(remind) : 'Nobody holds Comms or Commander yet: take the Comms role to own updates.';
  const due = reminder.dueAt ? slackTime(new Date(reminder.dueAt)) : undefined;
  const headline =
    reminder.reminder === 'prompt'
      ? `:loudspeaker: *Stakeholders should hear about this* (${escapeMrkdwn(reminder.reason ?? 'a change')}). ${who}`
      : reminder.reminder === 'overdue'
        ? `:alarm_clock: *Stakeholder update overdue*: it was due ${due}. ${who}`
        : `:hourglass_flowing_sand: *Stakeholder update due* ${due}. ${who}`;
  return {
    text: headline,
    blocks: [
      { type: 'section', text: md(headline) },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: ACTIONS.draftUpdate, text: plain('Draft update', 75), style: 'primary', value: draftValue(incidentId) },
          { type: 'button', action_id: snoozeActionId(15), text: plain('Snooze 15 min', 75), value: snoozeValue(incidentId, 15) },
          { type: 'button', action_id: snoozeActionId(30), text: plain('Snooze 30 min', 75), value: snoozeValue(incidentId, 30) },
        ],
      },
    ],
  };
}
