import { declareModal } from '../blocks/declareModal.js';
import { openModal } from './openModal.js';
import type { Subcommand } from './subcommand.js';

/** Slack sends command text with & < > as entities; the form shows what the person typed. */
const typedText = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const declareSubcommand: Subcommand = {
  name: 'declare',
  usage: '/incident declare [title]',
  example: '/incident declare Fraud model flags nothing since 14:00',
  description: 'Open an incident by hand: a form for title, severity, category, model, impact and privacy',
  needsIncident: false,
  run: async (request, deps) => {
    const title = typedText(request.args.trim());
    await openModal(deps.client, request.triggerId, declareModal({ channelId: request.channelId }, title || undefined));
  },
};
