import type { AlertDigest, DigestAlert } from '../../incidents/alertDigest.js';
import { escapeMrkdwn, truncate } from '../format/mrkdwn.js';
import { slackTime } from './format.js';

const MAX_GROUPS = 12;
const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;
const model = (name: string | null): string => (name ? ` on _${escapeMrkdwn(truncate(name, 80))}_` : '');

const alertText = (alert: DigestAlert): string =>
  `_${escapeMrkdwn(truncate(alert.title, 200))}_ (\`${escapeMrkdwn(alert.signal)}\`${model(alert.modelName)}${alert.status === 'resolved' ? ', cleared' : ''})`;

/** The digest message, edited in place: how many alerts this incident has, by signal and model. */
export function digestText(digest: AlertDigest): string {
  const cleared = digest.total - digest.firing;
  const head =
    `:inbox_tray: *Alert digest:* ${plural(digest.total, 'alert')} in this incident (${count(digest.firing)} firing` +
    `${cleared > 0 ? `, ${count(cleared)} cleared` : ''})` +
    `${digest.repeats > 0 ? `, and ${plural(digest.repeats, 'repeat delivery', 'repeat deliveries')}` : ''}.` +
    `${digest.lastReceivedAt ? ` Last alert ${slackTime(digest.lastReceivedAt)}.` : ''}`;
  const lines = digest.groups
    .slice(0, MAX_GROUPS)
    .map((g) => `• \`${escapeMrkdwn(g.signal)}\`${model(g.modelName)}: ${count(g.alerts)} (${count(g.firing)} firing)`);
  const more = digest.groups.length > MAX_GROUPS ? [`• …and ${plural(digest.groups.length - MAX_GROUPS, 'more group')}`] : [];
  const latest = digest.latest ? [`Latest: ${alertText(digest.latest)}`] : [];
  const footer = 'Routine alerts joining this incident are counted here and listed in the thread; a new kind of signal, another model or a worse severity is announced on its own. Every alert is on `/incident timeline`.';
  return [head, ...lines, ...more, ...latest, footer].join('\n');
}

/** The thread reply under the digest: what joined since its last edit. */
export function digestThreadText(digest: AlertDigest): string {
  const rest = digest.newCount - digest.newAlerts.length;
  return [
    `:heavy_plus_sign: ${plural(digest.newCount, 'alert')} joined since the last digest:`,
    ...digest.newAlerts.map((alert) => `• ${alertText(alert)}`),
    ...(rest > 0 ? [`…and ${count(rest)} more (\`/incident timeline\` lists every one).`] : []),
  ].join('\n');
}
