import { describe, it as base, type ExpectStatic } from 'vitest';
import { PEOPLE } from '../support/testPolicy.js';
import { ProcessRig } from '../support/processRig.js';

// Each test has its own emulator, database and Vigil process, so the two run side by side: most
// of a test is waiting for a process to start, twice.
const it = base.extend<{ rig: ProcessRig }>({
  rig: async ({}, use) => {
    const rig = await ProcessRig.create();
    try {
      await use(rig);
    } finally {
      await rig.destroy();
    }
  },
});

/** Everything a new incident must produce in Slack, each exactly once. */
async function expectCompleteIncidentExactlyOnce(rig: ProcessRig, expect: ExpectStatic): Promise<void> {
  const { emulator } = rig;
  const channel = await emulator.waitFor(() => emulator.channels().find((c) => c.name.startsWith('inc-1-')), 20_000);
  const posts = () => emulator.messages(channel.id);
  await emulator.waitFor(() => posts().some((m) => m.text.includes('L1: paged')) && emulator.dmsTo(PEOPLE.mlPrimary).length > 0, 20_000);
  // Count only once the outbox is empty: every effect has been delivered, so a duplicate would be in Slack by now.
  await rig.delivered();
  expect(emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
  expect(posts().filter((m) => m.text.startsWith('INC-1 SEV1'))).toHaveLength(1);
  expect(posts().filter((m) => m.text === 'Triage checklist')).toHaveLength(1);
  expect(posts().filter((m) => m.text.includes('L1: paged'))).toHaveLength(1);
  expect(emulator.dmsTo(PEOPLE.mlPrimary)).toHaveLength(1);
  expect(emulator.messages('C0ANNOUNCE')).toHaveLength(1);
  expect(channel.pins).toHaveLength(1);
  expect(channel.members).toContain(PEOPLE.mlPrimary);
}

// Real processes start slowly on a busy machine: a minute per test, not the default half.
describe.concurrent('a crash mid-delivery loses nothing and doubles nothing', { timeout: 60_000 }, () => {
  it('killed while Slack was posting the summary: after restart every effect is delivered once', async ({ rig, expect }) => {
    const { emulator, vigil } = rig;
    await vigil.start();
    emulator.injectFault('chat.postMessage', { hang: true });
    const accepted = await rig.fireAlertmanager();
    expect(accepted.status).toBe(202);
    // Slack has stored the summary but Vigil never hears back: kill it right there.
    await emulator.waitFor(() => emulator.callsTo('chat.postMessage').length === 1, 10_000);
    await vigil.kill();
    expect(emulator.channels().find((c) => c.name.startsWith('inc-1-'))!.pins).toHaveLength(0);

    await vigil.start();
    await expectCompleteIncidentExactlyOnce(rig, expect);
  });

  // One process pair for both claims (each start of a real process costs seconds of CPU): a
  // workspace of one page would take the same path, stopping at the first page.
  it('killed while Slack was creating the channel, in a workspace of more than a page of channels: after restart it follows the cursor and adopts that channel instead of making a second', async ({ rig, expect }) => {
    const { emulator, vigil } = rig;
    // Slack lists at most 1,000 channels a page; ours comes after 1,200 others.
    for (let i = 0; i < 1200; i++) emulator.addChannel({ name: `team-${String(i).padStart(4, '0')}` });
    await vigil.start();
    // Slack creates the channel but Vigil never hears back: kill it there, start it again, expect one channel.
    emulator.injectFault('conversations.create', { hang: true });
    expect((await rig.fireAlertmanager()).status).toBe(202);
    await emulator.waitFor(() => emulator.callsTo('conversations.create').length === 1, 10_000);
    await vigil.kill();

    await vigil.start();
    await expectCompleteIncidentExactlyOnce(rig, expect);
    expect(emulator.callsTo('conversations.create')).toHaveLength(1);
    const pages = emulator.callsTo('conversations.list');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.some((call) => typeof call.args['cursor'] === 'string' && call.args['cursor'] !== '')).toBe(true);
  });
});
