/**
 * The renderer's parts. The server renders the first paint with these functions and the page
 * (browser/page.ts, bundled) re-renders every poll with the very same modules, so the two cannot
 * drift apart and the unit tests cover both.
 */
import { blocksToHtml } from './blocks.js';
import { escapeHtml, kitFor } from './kit.js';
import { modalToHtml } from './modal.js';
import { mrkdwnToHtml } from './mrkdwn.js';
import type { RenderParts } from './types.js';
import { channelHtml, defaultSelection, sidebarHtml, userOptionsHtml } from './workspace.js';

export const RENDER_PARTS: RenderParts = {
  escapeHtml,
  mrkdwnToHtml,
  blocksToHtml,
  modalToHtml,
  sidebarHtml,
  channelHtml,
  userOptionsHtml,
  defaultSelection,
  kitFor,
};
