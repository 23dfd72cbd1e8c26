import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import Handlebars from 'handlebars';
import { loadTemplates, writeCheckedTemplates } from '../../src/comms/loadTemplates.js';
import { TEMPLATE_FILES } from '../../src/comms/templateNames.js';
import { data, RESPONDERS } from './commsFixtures.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'vigil-templates-'));
  mkdirSync(path.join(cwd, 'custom'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const write = (file: string, text: string): void => writeFileSync(path.join(cwd, 'custom', file), text);

/** The ConfigError message loadTemplates throws, or a failure when it does not throw one. */
function loadError(folder = './custom', checkedAtBuild?: string): string {
  try {
    loadTemplates(folder, cwd, checkedAtBuild);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadTemplates to throw');
}

describe('built-in templates', () => {
  it('are all 26 and all compile (24 updates and reports, the status page, the review)', () => {
    expect(TEMPLATE_FILES).toHaveLength(26);
    expect(loadTemplates().overridden).toEqual([]);
  });
});

describe('a team folder', () => {
  it('replaces the built-in template of the same name and leaves the others', () => {
    write('initial.client.slack.hbs', 'ACME NOTICE {{update.fields.headline}}; next word by {{time update.nextUpdateAt}}\n');
    const templates = loadTemplates('./custom', cwd);
    expect(templates.overridden).toEqual(['initial.client.slack.hbs']);
    expect(templates.render('initial', 'client', 'slack', data('initial', 'client'))).toBe(
      'ACME NOTICE Churn risk scores less accurate than usual; next word by 15:00 UTC',
    );
    expect(templates.render('initial', 'client', 'markdown', data('initial', 'client'))).toContain('### What you may notice');
  });

  it('can replace the status page', () => {
    write('status-page.html.hbs', '<h1>{{title}}</h1>{{#each open}}<p>{{headline}}</p>{{/each}}');
    const html = loadTemplates('./custom', cwd).renderStatusPage({ title: 'A & B', generatedAt: new Date(), timeZone: 'UTC', open: [], resolved: [] });
    expect(html).toBe('<h1>A &amp; B</h1>');
  });

  it('is read relative to the working directory given, and ignores dotfiles and a README', () => {
    write('.DS_Store', 'x');
    write('README.md', 'our templates');
    write('update.internal.md.hbs', 'custom');
    expect(loadTemplates('custom/', cwd).overridden).toEqual(['update.internal.md.hbs']);
  });

  it('a custom template gets the same escaping and helpers', () => {
    write('update.internal.slack.hbs', '{{person contact}} {{#each roles}}{{person userId}} {{/each}}{{update.fields.headline}} {{metricChange incident.metric}} {{duration incident.durationMs}}');
    write('update.internal.md.hbs', '{{person contact}} {{update.fields.headline}}');
    const templates = loadTemplates('./custom', cwd);
    const d = data('update', 'internal', undefined, { roles: { ...RESPONDERS, comms: 'U1> <!here' } });
    d.update.fields.headline = '<!channel> [x](y)';
    expect(templates.render('update', 'internal', 'slack', d)).toBe(
      'U1&gt; &lt;!here <@U0ALICE> U1&gt; &lt;!here <@U0BOB> &lt;!channel&gt; [x](y) accuracy 62% (threshold 85%) 35 min',
    );
    expect(templates.render('update', 'internal', 'markdown', d)).toBe('U1&gt; &lt;!here &lt;!channel&gt; \\[x\\](y)\n');
  });
});

describe('a broken template stops the start with its file and line', () => {
  it('a syntax error', () => {
    write('initial.client.slack.hbs', 'Hello\n\n{{update.fields.headline}\n');
    expect(loadError()).toMatch(/^templates: \.\/custom\/initial\.client\.slack\.hbs line 3: Parse error: Expecting .*got 'INVALID'$/);
  });

  it('a block left open', () => {
    write('resolution.executive.md.hbs', 'a\n{{#if update.fields.workaround}}\nb\n');
    expect(loadError()).toMatch(/^templates: \.\/custom\/resolution\.executive\.md\.hbs line \d+: Parse error: .*got 'EOF'$/);
  });

  it('mismatched blocks', () => {
    write('update.client.md.hbs', 'a\n\n{{#each roles}}\n{{/if}}');
    expect(loadError()).toBe("templates: ./custom/update.client.md.hbs line 3: each doesn't match if");
  });

  it('a misspelt helper', () => {
    write('update.client.slack.hbs', 'a\n{{durration incident.durationMs}}');
    expect(loadError()).toBe('templates: ./custom/update.client.slack.hbs line 2: You specified knownHelpersOnly, but used the unknown helper durration');
  });

  it('a helper given the wrong kind of value, found by the render at load', () => {
    write('update.client.slack.hbs', '{{duration update.fields.headline}}');
    expect(loadError()).toMatch(/^templates: \.\/custom\/update\.client\.slack\.hbs: duration: expected milliseconds/);
  });

  it('a partial that does not exist', () => {
    write('status-page.html.hbs', '{{> header}}');
    expect(loadError()).toBe('templates: ./custom/status-page.html.hbs: The partial header could not be found');
  });

  it('a file name that is no template (a typo)', () => {
    write('intial.client.slack.hbs', 'x');
    expect(loadError()).toMatch(/^templates: \.\/custom\/intial\.client\.slack\.hbs: not a template name/);
  });

  it('a folder that does not exist', () => {
    expect(loadError('./nope')).toBe('stakeholders.templates: ./nope: no such folder');
  });
});

describe('templates the build checked (npm run build writes the stamp)', () => {
  const stampAt = (): string => path.join(cwd, 'checked-templates.json');
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
  /** A stamp saying the build checked `text` as `file`, as writeCheckedTemplates writes one. */
  const stampFor = (file: string, text: string, handlebars = Handlebars.VERSION): string => {
    writeFileSync(stampAt(), JSON.stringify({ handlebars, files: { [file]: sha256(text) } }));
    return stampAt();
  };

  it('records every built-in template by its text, and a start with it renders the same', () => {
    writeCheckedTemplates(stampAt());
    const stamp = JSON.parse(readFileSync(stampAt(), 'utf8')) as { handlebars: string; files: Record<string, string> };
    expect(stamp.handlebars).toBe(Handlebars.VERSION);
    expect(Object.keys(stamp.files).sort()).toEqual([...TEMPLATE_FILES].sort());
    // Checked at the build, compiled at first use: the words are the same as a fully checked load's.
    const trusted = loadTemplates(undefined, cwd, stampAt());
    const checked = loadTemplates();
    expect(trusted.render('update', 'internal', 'slack', data('update', 'internal'))).toBe(checked.render('update', 'internal', 'slack', data('update', 'internal')));
    expect(trusted.render('report', 'executive', 'markdown', data('report', 'executive'))).toBe(checked.render('report', 'executive', 'markdown', data('report', 'executive')));
  });

  it('a team template is still checked at start, with its line, whatever the stamp says of the built-in of that name', () => {
    writeCheckedTemplates(stampAt());
    write('update.client.slack.hbs', 'a\n{{durration incident.durationMs}}');
    expect(loadError('./custom', stampAt())).toBe('templates: ./custom/update.client.slack.hbs line 2: You specified knownHelpersOnly, but used the unknown helper durration');
    write('update.client.slack.hbs', '{{duration update.fields.headline}}');
    expect(loadError('./custom', stampAt())).toMatch(/^templates: \.\/custom\/update\.client\.slack\.hbs: duration: expected milliseconds/);
  });

  it('trusts only the exact text it names, for the Handlebars that checked it', () => {
    const misuse = '{{duration update.fields.headline}} ';
    write('update.client.slack.hbs', misuse);
    // The stamp names this very text: not rendered at load, so the mistake shows at first use.
    const templates = loadTemplates('./custom', cwd, stampFor('update.client.slack.hbs', misuse));
    expect(() => templates.render('update', 'client', 'slack', data('update', 'client'))).toThrow(/duration: expected milliseconds/);
    // One character more, or a stamp from another Handlebars: checked at load again.
    write('update.client.slack.hbs', misuse + ' ');
    expect(loadError('./custom', stampFor('update.client.slack.hbs', misuse))).toMatch(/duration: expected milliseconds/);
    write('update.client.slack.hbs', misuse);
    expect(loadError('./custom', stampFor('update.client.slack.hbs', misuse, '3.0.0'))).toMatch(/duration: expected milliseconds/);
  });
});
