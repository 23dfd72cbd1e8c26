import { describeSlackFailure, type SlackCallFailure } from '../slack/slackCallFailure.js';
import { ok, problem, warning, type Finding } from './finding.js';
import { byId, type PolicyReferences } from './policyReferences.js';
import type { WorkspaceProbe } from './workspaceProbe.js';

// The checks that ask the workspace: the token, its scopes, and every id the policy names.

export interface WorkspaceCheckInput {
  references: PolicyReferences;
  /** The bot scopes manifest.yml asks for. */
  manifestScopes: readonly string[];
  appToken?: string;
  /** Where the policy came from, to name it in findings. */
  policyLabel: string;
  /** e.g. "https://slack.com/api/", for the unreachable finding. */
  apiUrl: string;
}

const REINSTALL = "add them under OAuth & Permissions → Bot Token Scopes (or paste manifest.yml again under App Manifest), then Reinstall to Workspace and copy the new xoxb- token";
const INVITE = 'in Slack, /invite @vigil in that channel';
const CHANNEL_ID = "open the channel in Slack, click its name: the Channel ID (C...) is at the bottom of About";
const MEMBER_ID = "open the person's profile in Slack, ⋯ → Copy member ID (U...)";

const where = (paths: readonly string[]): string => (paths.length === 1 ? paths[0]! : `${paths[0]} (and ${paths.length - 1} more)`);

/** A failed call that is not about the thing asked for: no scope to ask, Slack down. */
function callProblem(failure: SlackCallFailure, asking: string): Finding | undefined {
  if (failure.kind === 'refused' && failure.error === 'missing_scope') {
    return problem(`cannot check ${asking}: the token lacks ${failure.needed ?? 'a scope'}`, REINSTALL);
  }
  if (failure.kind !== 'refused') return problem(`cannot check ${asking}: Slack ${describeSlackFailure(failure)}`, 'run the doctor again once Slack answers');
  return undefined;
}

function tokenProblem(failure: SlackCallFailure, apiUrl: string): Finding {
  if (failure.kind === 'unreachable') {
    return problem(`cannot reach Slack at ${apiUrl} (${failure.cause})`, 'check the network and any proxy (HTTPS_PROXY), or SLACK_API_URL if you set it');
  }
  if (failure.kind === 'http') return problem(`Slack answered HTTP ${failure.status} at ${apiUrl}`, 'check SLACK_API_URL (it ends in /api/), or try again later');
  return problem(`Slack refused SLACK_BOT_TOKEN (${failure.error})`, "copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions; if the app was uninstalled, install it again");
}

async function checkScopes(granted: string[] | undefined, wanted: readonly string[]): Promise<Finding> {
  if (!granted) return warning("Slack did not say which scopes the token has (no x-oauth-scopes header)", 'compare OAuth & Permissions → Bot Token Scopes with manifest.yml by hand');
  const missing = wanted.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) return problem(`the bot token lacks ${missing.length} scope${missing.length === 1 ? '' : 's'} manifest.yml asks for: ${missing.join(', ')}`, REINSTALL);
  return ok(`the bot token has every scope manifest.yml asks for (${wanted.length})`);
}

async function checkAppToken(probe: WorkspaceProbe, appToken: string): Promise<Finding> {
  const allowed = await probe.socketModeAllowed(appToken);
  if (allowed.ok) return ok('SLACK_APP_TOKEN may open a Socket Mode connection');
  const failure = allowed.failure;
  if (failure.kind !== 'refused') return problem(`cannot check SLACK_APP_TOKEN: Slack ${describeSlackFailure(failure)}`, 'run the doctor again once Slack answers');
  return problem(
    `Slack refused SLACK_APP_TOKEN for Socket Mode (${failure.error})`,
    'under Basic Information → App-Level Tokens, generate a token with the connections:write scope (xapp-...), and turn Socket Mode on under Settings → Socket Mode',
  );
}

async function checkChannels(probe: WorkspaceProbe, input: WorkspaceCheckInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [id, paths] of byId(input.references.channels)) {
    const at = `${input.policyLabel}: ${where(paths)} ${id}`;
    const answer = await probe.channel(id);
    if (!answer.ok) {
      const other = callProblem(answer.failure, at);
      if (other) findings.push(other);
      else if (answer.failure.kind === 'refused' && answer.failure.error === 'channel_not_found') {
        findings.push(problem(`${at}: no such channel, or a private one Vigil is not in`, `${CHANNEL_ID}; for a private channel, ${INVITE} first`));
      } else findings.push(problem(`${at}: Slack says ${describeSlackFailure(answer.failure)}`, CHANNEL_ID));
      continue;
    }
    const channel = answer.value;
    if (channel.isArchived) findings.push(problem(`${at} is #${channel.name}, which is archived`, 'unarchive it in Slack, or name another channel'));
    else if (!channel.isMember) findings.push(warning(`${at} is #${channel.name}; Vigil is not in it yet (it joins a public channel at its first post)`, INVITE));
    else findings.push(ok(`${at} is #${channel.name}, and Vigil is in it`));
  }
  return findings;
}

async function checkUsers(probe: WorkspaceProbe, input: WorkspaceCheckInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  const found: string[] = [];
  for (const [id, paths] of byId(input.references.users)) {
    const at = `${input.policyLabel}: ${where(paths)} ${id}`;
    const answer = await probe.user(id);
    if (!answer.ok) {
      const other = callProblem(answer.failure, at);
      if (other) {
        findings.push(other);
        if (answer.failure.kind !== 'refused' || answer.failure.error === 'missing_scope') break; // the same for every other user
      } else findings.push(problem(`${at}: no such person in this workspace (${describeSlackFailure(answer.failure)})`, MEMBER_ID));
      continue;
    }
    if (answer.value.deleted) findings.push(problem(`${at} is @${answer.value.name}, whose account is deactivated`, 'name someone else'));
    else if (answer.value.isBot) findings.push(warning(`${at} is @${answer.value.name}, a bot: nobody reads its pages`, 'name a person'));
    else found.push(`@${answer.value.name}`);
  }
  if (found.length > 0) findings.push(ok(`${found.length} ${found.length === 1 ? 'person' : 'people'} named in ${input.policyLabel} exist: ${found.slice(0, 8).join(', ')}${found.length > 8 ? ', ...' : ''}`));
  return findings;
}

async function checkUsergroups(probe: WorkspaceProbe, input: WorkspaceCheckInput): Promise<Finding[]> {
  const wanted = byId(input.references.usergroups);
  if (wanted.size === 0) return [];
  const answer = await probe.usergroups();
  if (!answer.ok) return [callProblem(answer.failure, 'user groups') ?? problem(`cannot list user groups: ${describeSlackFailure(answer.failure)}`, 'check the usergroups:read scope')];
  const groups = new Map(answer.value.map((g) => [g.id, g]));
  const findings: Finding[] = [];
  for (const [id, paths] of wanted) {
    const at = `${input.policyLabel}: ${where(paths)} ${id}`;
    const group = groups.get(id);
    if (!group) findings.push(problem(`${at}: no such user group`, 'in Slack, People → User groups → the group → ⋯ → Copy group ID (S...)'));
    else if (group.disabled) findings.push(problem(`${at} is @${group.handle}, which is disabled`, 'enable it in Slack, or name another group'));
    else findings.push(ok(`${at} is @${group.handle}`));
  }
  return findings;
}

/** Everything the workspace can confirm; stops after the token when the token does not work. */
export async function checkWorkspace(probe: WorkspaceProbe, input: WorkspaceCheckInput): Promise<Finding[]> {
  const identity = await probe.identity();
  if (!identity.ok) return [tokenProblem(identity.failure, input.apiUrl)];
  const me = identity.value;
  const findings: Finding[] = [ok(`SLACK_BOT_TOKEN works: @${me.botUser} in ${me.team} (${me.teamId})`)];
  findings.push(await checkScopes(me.scopes, input.manifestScopes));
  if (input.appToken) findings.push(await checkAppToken(probe, input.appToken));
  findings.push(...(await checkChannels(probe, input)));
  findings.push(...(await checkUsers(probe, input)));
  findings.push(...(await checkUsergroups(probe, input)));
  return findings;
}
