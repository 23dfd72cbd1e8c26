import type { EffectKind } from '../../effects/effectKinds.js';
import type { Attempt, DeliveryContext, EffectHandler } from './deliveryContext.js';
import { createChannel, inviteUsers, setTopic } from './channelHandlers.js';
import { postAnnouncement, postChecklist, postNotice, postSummary, refreshChecklist, refreshSummary } from './messageHandlers.js';
import { refreshPages, sendPageDm, sendUsergroupPage } from './pageHandlers.js';
import { publishHome } from './homeHandler.js';
import { confirmDeclared } from './confirmHandler.js';
import { captureReactedMessage } from './captureHandler.js';
import { updateDigest } from './digestHandler.js';
import { postUpdate, refreshApproval, remindUpdate, requestApproval } from './updateHandlers.js';
import { remindReview, uploadReview } from './reviewHandlers.js';
import { uploadMonitorChart } from './monitorChartHandler.js';
import { postOrRefreshActionList, refreshActionReminder, remindActionItem } from './actionItemHandlers.js';
import { postDeploymentNotice } from './deploymentHandlers.js';
import { postOperatorActionNotice, sendOperatorAction } from './operatorActionHandlers.js';
import { acknowledgeAtPager, resolveAtPager, triggerPager } from '../../pagers/pagerHandlers.js';

/**
 * Every effect kind and the code that makes Slack show it, each typed by its kind's payload. The
 * type makes a missing kind, or a handler given another kind's payload, a compile error.
 */
export const EFFECT_HANDLERS: { [K in EffectKind]: EffectHandler<K> } = {
  'channel.create': createChannel,
  'channel.topic': setTopic,
  'channel.invite': inviteUsers,
  'summary.post': postSummary,
  'summary.refresh': refreshSummary,
  'checklist.post': postChecklist,
  'checklist.refresh': refreshChecklist,
  'channel.notice': postNotice,
  'alerts.digest': updateDigest,
  'announce.post': postAnnouncement,
  'page.dm': sendPageDm,
  'page.usergroup': sendUsergroupPage,
  'pages.refresh': refreshPages,
  'home.publish': publishHome,
  'declare.confirm': confirmDeclared,
  'message.capture': captureReactedMessage,
  'update.post': postUpdate,
  'update.approval': requestApproval,
  'update.approval_refresh': refreshApproval,
  'update.reminder': remindUpdate,
  'review.upload': uploadReview,
  'review.reminder': remindReview,
  'actions.list': postOrRefreshActionList,
  'action.reminder': remindActionItem,
  'action.reminder_refresh': refreshActionReminder,
  'monitor.chart': uploadMonitorChart,
  'deployment.notice': postDeploymentNotice,
  'operator_action.send': sendOperatorAction,
  'operator_action.notice': postOperatorActionNotice,
  // Not Slack: pages outside it, delivered by src/pagers/ with the same retries and lanes.
  'pager.trigger': triggerPager,
  'pager.acknowledge': acknowledgeAtPager,
  'pager.resolve': resolveAtPager,
};

/** Run the handler of the attempt's kind. */
export function runHandler<K extends EffectKind>(attempt: Attempt<K>, ctx: DeliveryContext): Promise<Record<string, unknown> | void> {
  const handler: EffectHandler<K> = EFFECT_HANDLERS[attempt.effect.kind];
  return handler(attempt, ctx);
}
