// The stakeholder templates, loaded once at start: ours from `templates/`, then a team's folder,
// where a file of the same name replaces ours. Every template is compiled and rendered with sample
// data here, so a broken one stops the start with its file and line rather than failing the first
// update of a real incident; except a text the build already checked that way (see
// writeCheckedTemplates): it is compiled at its first render instead.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { ConfigError } from '../config/env.js';
import { IMPACT_LEVELS, type Audience } from '../domain/stakeholderUpdates.js';
import { escapeDeep, type Surface } from './escape.js';
import { HELPER_NAMES, registerHelpers, type RenderContext } from './helpers.js';
import { bareSampleData, fullSampleData, sampleStatusPage } from './sampleData.js';
import { statusPageFields, type StatusPageData } from './statusPage.js';
import { templateError } from './templateErrors.js';
import {
  STATUS_PAGE_TEMPLATE,
  TEMPLATE_FILES,
  UPDATE_TEMPLATE_KEYS,
  templateFileName,
  type TemplateForm,
  type TemplateMoment,
  REVIEW_TEMPLATE,
} from './templateNames.js';
import type { UpdateTemplateData } from './updateData.js';
import { sampleReviewData, type ReviewTemplateData } from './reviewTemplateData.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILT_IN_FOLDER = path.resolve(HERE, '../../templates');
/** Written by `npm run build` beside the compiled loader (dist/comms/): the template texts it checked. */
export const CHECKED_AT_BUILD = path.join(HERE, 'checked-templates.json');

export interface Templates {
  /** An update or report for an audience, as Slack mrkdwn or Markdown, every value escaped for it. */
  render(moment: TemplateMoment, audience: Audience, form: TemplateForm, data: UpdateTemplateData): string;
  /** The public status page, as HTML. */
  renderStatusPage(data: StatusPageData): string;
  /** The post-incident review, as Markdown, every value escaped for it. */
  renderReview(data: ReviewTemplateData): string;
  /** The built-in files a team's folder replaced, for the start log. */
  readonly overridden: readonly string[];
}

type Render = (data: unknown, options: { data: RenderContext }) => string;

/** A template's text and the name a person would look for it by. */
interface Source {
  file: string;
  shownAs: string;
  text: string;
}

/** One Handlebars environment per surface: its own helpers, its own escaping. */
function environment(surface: Surface): typeof Handlebars {
  const env = Handlebars.create();
  registerHelpers(env, surface);
  return env;
}

/**
 * Handlebars' `compile` is lazy: the template is parsed at its first render, which is the dry run
 * that follows every compile here, so a syntax error or (with knownHelpersOnly) a misspelt helper
 * still stops the start with its line, and each template is compiled once, not twice.
 */
function compile(env: typeof Handlebars, source: Source, surface: Surface): Render {
  const options: CompileOptions = {
    // Slack and Markdown data is escaped before rendering (escape.ts); HTML keeps Handlebars' escaping.
    noEscape: surface !== 'html',
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((name) => [name, true])),
    knownHelpersOnly: true,
  };
  try {
    return env.compile(source.text, options) as Render;
  } catch (error) {
    throw templateError(source.shownAs, error);
  }
}

/** Render with sample data so runtime mistakes (a missing partial, a helper misused) surface now. */
function dryRun(source: Source, run: () => string): void {
  try {
    run();
  } catch (error) {
    throw templateError(source.shownAs, error);
  }
}

/** Blank lines left by `{{#if}}` blocks collapse to one; no trailing spaces. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

const CheckedStamp = z.object({ handlebars: z.string(), files: z.record(z.string(), z.string()) });

/**
 * The texts the build checked, as file name to sha256; none without a stamp (src/ run by the
 * tests has none) or with one written for another Handlebars.
 */
function readChecked(stampPath: string): Map<string, string> {
  if (!existsSync(stampPath)) return new Map();
  const stamp = CheckedStamp.safeParse(JSON.parse(readFileSync(stampPath, 'utf8')));
  if (!stamp.success || stamp.data.handlebars !== Handlebars.VERSION) return new Map();
  return new Map(Object.entries(stamp.data.files));
}

const isIgnored = (file: string): boolean => file.startsWith('.') || /^readme(\.|$)/i.test(file);

function readBuiltIn(): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const file of TEMPLATE_FILES) {
    const origin = path.join(BUILT_IN_FOLDER, file);
    if (!existsSync(origin)) throw new ConfigError(`templates: templates/${file}: missing from the built-in templates`);
    sources.set(file, { file, shownAs: `templates/${file}`, text: readFileSync(origin, 'utf8') });
  }
  return sources;
}

/** The team's files, each replacing the built-in of the same name; any other name is a typo. */
function readOverrides(folder: string, cwd: string): Source[] {
  const absolute = path.resolve(cwd, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new ConfigError(`stakeholders.templates: ${folder}: no such folder`);
  const shownFolder = folder.replace(/[/\\]+$/, '');
  return readdirSync(absolute)
    .filter((file) => !isIgnored(file))
    .sort()
    .map((file) => {
      const shownAs = `${shownFolder}/${file}`;
      if (!TEMPLATE_FILES.includes(file)) {
        throw new ConfigError(
          `templates: ${shownAs}: not a template name; use <moment>.<audience>.<slack|md>.hbs (moment initial, update, resolution or report; audience client, executive or internal) or ${STATUS_PAGE_TEMPLATE} or ${REVIEW_TEMPLATE}`,
        );
      }
      return { file, shownAs, text: readFileSync(path.join(absolute, file), 'utf8') };
    });
}

const SURFACE_OF_FORM: Record<TemplateForm, Surface> = { slack: 'slack', markdown: 'markdown' };

/**
 * Built-in templates, then the team's `overrideFolder` (relative to `cwd`): a file there replaces
 * ours of the same name. Throws ConfigError naming the file (and line) of any broken template,
 * except one whose exact text `checkedAtBuild` records as checked: that one compiles at first use.
 */
export function loadTemplates(overrideFolder?: string, cwd: string = process.cwd(), checkedAtBuild: string = CHECKED_AT_BUILD): Templates {
  const sources = readBuiltIn();
  const overrides = overrideFolder ? readOverrides(overrideFolder, cwd) : [];
  for (const source of overrides) sources.set(source.file, source);
  const checked = readChecked(checkedAtBuild);
  const trusted = new Set([...sources.values()].filter((source) => checked.get(source.file) === textHash(source.text)).map((source) => source.file));
  // Compiling and dry-running every template costs about half a second of CPU. A process that
  // starts Vigil more than once (the end-to-end tests start hundreds) compiles each set of
  // sources once; a changed or added file is a new set, checked afresh.
  const key = JSON.stringify([...sources.values()].map((source) => [source.file, source.shownAs, source.text, trusted.has(source.file)]));
  const known = compiledSets.get(key);
  if (known) return known;
  const templates = compileTemplates(sources, overrides, trusted);
  if (compiledSets.size >= MAX_COMPILED_SETS) compiledSets.delete(compiledSets.keys().next().value!);
  compiledSets.set(key, templates);
  return templates;
}

/**
 * For `npm run build`: check every built-in template as a start would (compile, then render with
 * sample data) and record their texts in `stampPath`. A start then skips that check for the very
 * same texts, about half a second of CPU and 20 MB it would pay every time for templates that
 * cannot have changed; a team's template, or a built-in edited after the build, is still checked
 * at start. A broken built-in template fails the build with its file and line.
 */
export function writeCheckedTemplates(stampPath: string = CHECKED_AT_BUILD): void {
  const sources = readBuiltIn();
  compileTemplates(sources, [], new Set());
  const files = Object.fromEntries([...sources.values()].map((source) => [source.file, textHash(source.text)]));
  writeFileSync(stampPath, JSON.stringify({ handlebars: Handlebars.VERSION, files }, null, 2) + '\n');
}

const MAX_COMPILED_SETS = 16;
const compiledSets = new Map<string, Templates>();

/** Compile every source (lazily: Handlebars compiles at first render) and dry-run those not in `trusted`. */
function compileTemplates(sources: Map<string, Source>, overrides: Source[], trusted: ReadonlySet<string>): Templates {
  const sourceOf = (file: string): Source => sources.get(file)!;
  const check = (source: Source, ...renders: Array<() => string>): void => {
    if (trusted.has(source.file)) return;
    for (const render of renders) dryRun(source, render);
  };

  const envs: Record<Surface, typeof Handlebars> = { slack: environment('slack'), markdown: environment('markdown'), html: environment('html') };

  const renderUpdate = (compiled: Render, surface: Surface, data: UpdateTemplateData): string =>
    tidy(compiled(escapeDeep(data, surface), { data: { timeZone: data.timeZone, now: data.now } })) + (surface === 'markdown' ? '\n' : '');

  const updates = new Map<string, Render>();
  for (const { moment, audience, form } of UPDATE_TEMPLATE_KEYS) {
    const surface = SURFACE_OF_FORM[form];
    const source = sourceOf(templateFileName(moment, audience, form));
    const compiled = compile(envs[surface], source, surface);
    check(
      source,
      () => renderUpdate(compiled, surface, fullSampleData(moment, audience)),
      () => renderUpdate(compiled, surface, bareSampleData(moment, audience)),
    );
    updates.set(source.file, compiled);
  }

  const statusSource = sourceOf(STATUS_PAGE_TEMPLATE);
  const statusPage = compile(envs.html, statusSource, 'html');
  const renderStatusPage = (data: StatusPageData): string => {
    // Only client-facing fields reach the page, whatever the caller passed.
    const shown = (list: StatusPageData['open']) => list.map((incident) => ({ ...incident, updates: incident.updates.map((u) => ({ ...u, fields: statusPageFields(u.fields) })) }));
    // The banner takes the colour of the worst open incident.
    const worstImpact = IMPACT_LEVELS[Math.max(-1, ...data.open.map((incident) => IMPACT_LEVELS.indexOf(incident.impact)))];
    return statusPage({ ...data, worstImpact, open: shown(data.open), resolved: shown(data.resolved) }, { data: { timeZone: data.timeZone, now: data.generatedAt } });
  };
  check(
    statusSource,
    () => renderStatusPage(sampleStatusPage()),
    () => renderStatusPage(sampleStatusPage(true)),
  );

  const reviewSource = sourceOf(REVIEW_TEMPLATE);
  const review = compile(envs.markdown, reviewSource, 'markdown');
  const renderReview = (data: ReviewTemplateData): string => tidy(review(escapeDeep(data, 'markdown'), { data: { timeZone: 'UTC', now: new Date() } })) + '\n';
  check(
    reviewSource,
    () => renderReview(sampleReviewData(true)),
    () => renderReview(sampleReviewData(false)),
  );

  return {
    renderReview,
    render(moment, audience, form, data) {
      const file = templateFileName(moment, audience, form);
      const compiled = updates.get(file);
      if (!compiled) throw new RangeError(`no template ${file}`);
      return renderUpdate(compiled, SURFACE_OF_FORM[form], data);
    },
    renderStatusPage,
    overridden: overrides.map((source) => source.file),
  };
}
