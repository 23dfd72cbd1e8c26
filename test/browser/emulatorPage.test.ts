import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Harness, SIGNING_SECRET, fixture } from '../support/harness.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { PEOPLE } from '../support/testPolicy.js';
import { readManifest } from '../../src/slack/manifest.js';

// The emulator's page in a real headless Chromium (Debian's `chromium`, driven by playwright-core;
// .ci/run installs it), against a real Vigil: what a newcomer does on their first visit, by
// clicking and typing as they would. CHROMIUM_PATH names another browser binary.

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const executablePath = CANDIDATES.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
const manifest = readManifest();
const TIMEOUT = 20_000;

describe.skipIf(!executablePath)(`the emulator page in Chromium${executablePath ? '' : ' (skipped: no Chromium here; apt-get install chromium, as .ci/run does, or set CHROMIUM_PATH)'}`, () => {
  let browser: Browser;
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    // Chromium refuses its sandbox as root, which is how CI containers run.
    browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
    h = await Harness.start();
    h.emulator.connectApp(
      { eventsUrl: `${h.url}/slack/events`, signingSecret: SIGNING_SECRET },
      { shortcuts: manifest.messageShortcuts, homeTab: manifest.homeTab, hints: ['curl -s -X POST .../webhooks/alertmanager'] },
    );
    expect((await h.webhook('alertmanager', fixture('alertmanager-firing.json'))).status).toBe(202);
    await h.settle();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${h.emulator.baseUrl}/`);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const channelId = () => h.incidentChannel(1)!.id;
  const messages = () => page.locator('#messages');

  it('acknowledges from the page DM, as the paged person', async () => {
    const dm = h.emulator.dmsTo(PEOPLE.mlPrimary)[0]!;
    await page.click(`#sidebar [data-goto="${dm.channel}"]`);
    // Opening a DM acts as the person it was sent to.
    await expect.poll(() => page.inputValue('#actas')).toBe(PEOPLE.mlPrimary);
    await messages().getByRole('button', { name: 'Acknowledge' }).first().click();
    await expect.poll(() => timelineOf(h, 'incident.acknowledged').length, { timeout: TIMEOUT }).toBe(1);
    expect(timelineOf(h, 'incident.acknowledged')[0]!.actor).toBe(PEOPLE.mlPrimary);
  });

  it('ticks a checklist item in the incident channel', async () => {
    await page.click(`#sidebar [data-goto="${channelId()}"]`);
    await messages().getByRole('button', { name: 'Mark done' }).first().click();
    await expect.poll(() => timelineOf(h, 'checklist.checked').length, { timeout: TIMEOUT }).toBe(1);
    await messages().getByRole('button', { name: 'Undo' }).first().waitFor();
  });

  it('types /incident role scribe @name: the mention reaches Vigil and the reply scrolls into view', async () => {
    // Reading the top of a long channel: the reply is far below, and must be brought into view.
    expect(await messages().evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await messages().evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.fill('#composer-input', `/incident role scribe @${PEOPLE.lead.toLowerCase()}`);
    await page.press('#composer-input', 'Enter');
    await expect.poll(() => timelineOf(h, 'role.assigned').at(-1)?.data['userId'], { timeout: TIMEOUT }).toBe(PEOPLE.lead);
    const reply = messages().locator('.msg.eph').last();
    await reply.waitFor();
    // In view: the reply's box lies inside the scrolled message list. Polled, because the page
    // redraws the list as messages arrive, and a box read mid-redraw is of no element (null).
    const inView = async (): Promise<boolean> => {
      const [box, list] = await Promise.all([reply.boundingBox(), messages().boundingBox()]);
      return box !== null && list !== null && box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1;
    };
    await expect.poll(inView, { timeout: TIMEOUT }).toBe(true);
    expect(await page.inputValue('#composer-input')).toBe('');
  });

  it('puts a message on the timeline with 📌 and with the message shortcut', async () => {
    await page.fill('#composer-input', 'Rolled back to 2026-10-20, watching accuracy');
    await page.press('#composer-input', 'Enter');
    const mine = messages().locator('.msg', { hasText: 'Rolled back to 2026-10-20' }).last();
    await mine.waitFor();
    await mine.hover();
    await mine.locator('[data-react="pushpin"]').click();
    await expect.poll(() => timelineOf(h, 'message.captured').length, { timeout: TIMEOUT }).toBe(1);
    await mine.hover();
    // "Star for the review", the manifest's second message shortcut.
    await mine.locator('[data-shortcut="star_for_review"]').click();
    await expect.poll(() => timelineOf(h, 'event.starred').length, { timeout: TIMEOUT }).toBe(1);
  });

  it("opens Vigil's Home tab", async () => {
    await page.click('#sidebar [data-goto="app-home"]');
    await messages().getByText('INC-1', { exact: false }).first().waitFor();
    expect(await page.isHidden('#composer')).toBe(true);
  });

  it('resolves through the modal: the channel and the pinned summary say how', async () => {
    await page.click(`#sidebar [data-goto="${channelId()}"]`);
    await messages().getByRole('button', { name: 'Resolve' }).first().click();
    const form = page.locator('form.modal');
    await form.waitFor();
    await form.locator('[data-block="summary"]').fill('Rolled back to 2026-10-20; accuracy back to 0.91');
    await form.locator('[data-block="rootCause"]').fill('A feature table stopped updating');
    await form.locator('[data-block="modelRolledBack"] input[value="yes"]').check();
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => timelineOf(h, 'incident.resolved').length, { timeout: TIMEOUT }).toBe(1);
    await messages().getByText('A feature table stopped updating').first().waitFor();
    expect(await messages().locator('.msg.pinned').innerText()).toContain('Rolled back to 2026-10-20; accuracy back to 0.91');
  });
});
