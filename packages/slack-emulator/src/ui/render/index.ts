/**
 * The renderer's parts, and their source for the page. The server renders the first paint with
 * these functions and the page re-renders every poll with the very same code, embedded from
 * `Function.prototype.toString()`, so the two cannot drift apart and the unit tests cover both.
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

/**
 * Script text declaring `RENDER_PARTS` in the page. Each part is bound to its key, so a name the
 * compiler gave the function does not matter.
 */
export function rendererSource(): string {
  const parts = Object.entries(RENDER_PARTS).map(([key, fn]: [string, unknown]) => `  ${key}: ${String(fn)},`);
  return [
    // tsx (esbuild with keepNames) wraps nested functions in __name(fn, "name") calls, which
    // only exist in the module they were compiled in; in the page they only need to hand fn back.
    'var __name = function (fn) { return fn; };',
    'var RENDER_PARTS = {',
    ...parts,
    '};',
  ].join('\n');
}
