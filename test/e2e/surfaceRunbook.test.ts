import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { timelineOf } from '../support/surfacePayloads.js';

const RUNBOOK_TITLE = 'Runbook: Model quality degradation';

async function openIncident(h: Harness) {
  await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
  await h.settle();
  return { summary: h.channelMessages(1)[0]!, channel: h.incidentChannel(1)!.id };
}

const runbookMessages = (h: Harness, title = RUNBOOK_TITLE) => h.channelMessages(1).filter((m) => m.text === title);
const replyText = (res: { body: unknown }) => (res.body as { text: string }).text;

describe('runbooks in an incident', () => {
  let h: Harness;
  let teamFolder: string | undefined;
  afterEach(async () => {
    await h.close();
    if (teamFolder) rmSync(teamFolder, { recursive: true, force: true });
    teamFolder = undefined;
  });

  it("/incident runbook posts the category's runbook as numbered steps with symptoms and rollback guidance", async () => {
    h = await Harness.start();
    const { channel } = await openIncident(h);
    const res = await h.command('runbook', { channel });
    expect(replyText(res)).toContain('Posted *Model quality degradation* (10 steps)');
    await h.settle();

    const [message] = runbookMessages(h);
    const text = messageText(message!);
    expect(text).toContain('0 of 10 done');
    expect(text).toContain('1. Confirm the signal is real');
    expect(text).toContain('10. Note which monitor would have caught this earlier');
    expect(text).toContain('*Symptoms*');
    expect(text).toContain('0.95 on everything is broken too');
    expect(text).toContain('*Roll back or retrain?*');
    expect(text).toContain('checklist:toggle:rb-model-quality-degradation-1');
    expect(timelineOf(h, 'runbook.posted')).toMatchObject([{ actor: PEOPLE.responder, data: { runbook: 'model-quality-degradation', steps: 10 } }]);

    const again = await h.command('runbook model-quality-degradation', { channel });
    expect(replyText(again)).toContain('already posted');
    await h.settle();
    expect(runbookMessages(h)).toHaveLength(1);
    expect(timelineOf(h, 'runbook.posted')).toHaveLength(1);
  });

  it("the summary's runbook button posts it; ticking a step records it and updates the message", async () => {
    h = await Harness.start();
    const { summary } = await openIncident(h);
    await h.click(summary, 'incident:runbook', { user: PEOPLE.mlPrimary });
    await h.settle();
    const posted = runbookMessages(h)[0]!;
    expect(timelineOf(h, 'runbook.posted')[0]!.actor).toBe(PEOPLE.mlPrimary);

    await h.click(posted, 'checklist:toggle:rb-model-quality-degradation-1', { user: PEOPLE.mlPrimary });
    await h.settle();
    const updated = runbookMessages(h)[0]!;
    expect(messageText(updated)).toContain('1 of 10 done');
    expect(messageText(updated)).toContain(`done by <@${PEOPLE.mlPrimary}>`);
    expect(messageText(updated)).toContain('*Symptoms*');
    expect(timelineOf(h, 'checklist.checked')).toMatchObject([
      { actor: PEOPLE.mlPrimary, data: { itemId: 'rb-model-quality-degradation-1', list: 'runbook:model-quality-degradation' } },
    ]);

    // A second click on the summary's button posts nothing new and says so privately.
    await h.click(summary, 'incident:runbook', { user: PEOPLE.mlPrimary });
    const note = await h.emulator.waitFor(() => h.emulator.ephemerals.find((e) => e.user === PEOPLE.mlPrimary));
    expect(note.text).toContain('already posted');
    expect(runbookMessages(h)).toHaveLength(1);
  });

  it('posts another runbook by name, lists the runbooks for an unknown name, and refuses outside an incident channel', async () => {
    h = await Harness.start();
    const { channel } = await openIncident(h);
    const unknown = await h.command('runbook reboot-everything', { channel });
    expect(replyText(unknown)).toContain('There is no runbook `reboot-everything`');
    for (const name of ['model-quality-degradation', 'inference-latency-spike', 'retrieval-quality-failure', 'data-pipeline-failure', 'emergency-model-rollback', 'emergency-retraining']) {
      expect(replyText(unknown)).toContain(`\`${name}\``);
    }
    const twoNames = await h.command('runbook emergency-model-rollback emergency-retraining', { channel });
    expect(replyText(twoNames)).toContain('Name one runbook.\nUsage: `/incident runbook [name]`');
    const named = await h.command('runbook Emergency-Model-Rollback', { channel });
    expect(replyText(named)).toContain('Posted *Emergency model rollback*');
    await h.settle();
    expect(runbookMessages(h, 'Runbook: Emergency model rollback')).toHaveLength(1);

    const elsewhere = await h.command('runbook');
    expect(replyText(elsewhere)).toContain('works inside an incident channel');
  });

  it("a team's runbook from the policy folder replaces ours, and its text is escaped", async () => {
    teamFolder = mkdtempSync(path.join(tmpdir(), 'vigil-runbooks-'));
    writeFileSync(
      path.join(teamFolder, 'model-quality-degradation.yaml'),
      [
        'name: model-quality-degradation',
        'title: Our model playbook',
        'categories: [model]',
        'symptoms: ["<!channel> approvals at 100%"]',
        'steps: ["Page the fraud analysts", "Switch to the rules engine"]',
        'rollbackVsRetrain: Always roll back first.',
      ].join('\n'),
    );
    h = await Harness.start({ policy: `runbooks: { folder: "${teamFolder}" }\n` });
    const { channel } = await openIncident(h);
    expect(messageText(h.channelMessages(1)[0]!)).toContain('Runbook: Our model playbook');
    expect(replyText(await h.command('runbook', { channel }))).toContain('Posted *Our model playbook* (2 steps)');
    await h.settle();
    const text = messageText(runbookMessages(h, 'Runbook: Our model playbook')[0]!);
    expect(text).toContain('2. Switch to the rules engine');
    expect(text).toContain('&lt;!channel&gt; approvals');
    expect(text).not.toContain('<!channel>');
  });
});
