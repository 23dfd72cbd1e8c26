import { deploymentById } from '../../incidents/deployments/deploymentQueries.js';
import { loadIncidentView } from '../../incidents/readModel.js';
import { deploymentMessage } from '../blocks/operatorActionBlocks.js';
import { incidentChannel } from './channelHandlers.js';
import type { EffectHandler } from './deliveryContext.js';
import { postSized } from './postSized.js';

/** A deployment of the incident's model, posted in its channel. */
export const postDeploymentNotice: EffectHandler<'deployment.notice'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const deployment = deploymentById(ctx.db, attempt.effect.payload.deploymentId);
  if (!deployment) return { skipped: 'no such deployment' };
  const posted = await postSized(ctx, attempt, { channel, ...deploymentMessage(deployment, loadIncidentView(ctx.db, incidentId)) });
  return { ts: posted.ts };
};
