// The helpers templates use to say things in a reader's words. One set per surface, registered
// on that surface's own Handlebars environment so nothing leaks into the global one.
//
// How escaping meets helpers: in the Slack and Markdown environments the data was escaped for the
// surface before rendering (escape.ts), so a string argument arrives already safe; an object or a
// list arrives as an escaped copy whose original rawOf recovers. Each helper computes its words
// from raw values, escapes them itself, and returns a SafeString so the HTML environment does not
// escape them twice. A helper given the wrong kind of value throws: the dry render at load
// (loadTemplates.ts) turns that into an error naming the template, at start, not at first use.

import type Handlebars from 'handlebars';
import type { EventPart } from '../incidents/describeEvent.js';
import { durationWords } from './durationWords.js';
import { escapeFor, rawOf, type Surface } from './escape.js';
import { eventText } from './eventText.js';
import { isMetricChange, metricChangeWords } from './metricWords.js';
import { SLACK_USER_ID } from './people.js';
import { dateTimeWords, dateWords, timeWords } from './timeWords.js';
import { impactEmoji, impactWord, listWords, stateWord } from './words.js';

type HandlebarsEnv = typeof Handlebars;

/**
 * What a render passes beside the data (Handlebars' `@data`): the reader's zone and "today", raw,
 * because a zone such as America/New_York would not survive Markdown escaping.
 */
export interface RenderContext {
  timeZone: string;
  now: Date;
}

/** The names templates may call; compiling with knownHelpersOnly rejects any other at load. */
export const HELPER_NAMES = [
  'duration',
  'time',
  'dateTime',
  'date',
  'metricChange',
  'stateWord',
  'impactWord',
  'impactEmoji',
  'list',
  'person',
  'eventText',
  'eq',
] as const;
export type HelperName = (typeof HELPER_NAMES)[number];

/** A helper's arguments without Handlebars' trailing options object, and that object. */
function split(args: unknown[]): { params: unknown[]; options: Handlebars.HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as Handlebars.HelperOptions };
}

function renderContext(options: Handlebars.HelperOptions): RenderContext {
  const data = (options.data ?? {}) as Partial<RenderContext>;
  return { timeZone: typeof data.timeZone === 'string' ? data.timeZone : 'UTC', now: data.now instanceof Date ? data.now : new Date() };
}

const isAbsent = (value: unknown): value is null | undefined => value === undefined || value === null;

function expectDate(helper: string, value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  throw new TypeError(`${helper}: expected a date, got ${JSON.stringify(value)}`);
}

function expectString(helper: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`${helper}: expected text, got ${JSON.stringify(value)}`);
}

function expectStrings(helper: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw new TypeError(`${helper}: expected a list of text, got ${JSON.stringify(value)}`);
}

/** Register every helper on `env`, saying things for `surface`. */
export function registerHelpers(env: HandlebarsEnv, surface: Surface): void {
  const escape = (text: string): string => escapeFor(surface, text);
  /** A string argument is already escaped where the data was (Slack, Markdown), raw in HTML. */
  const safeArgument = (text: string): string => (surface === 'html' ? escape(text) : text);

  /** A helper returning words already safe for the surface; absent input says nothing. */
  const words = (name: HelperName, say: (value: unknown, params: unknown[], options: Handlebars.HelperOptions) => string): void => {
    env.registerHelper(name, (...args: unknown[]) => {
      const { params, options } = split(args);
      const value = params[0];
      if (isAbsent(value)) return '';
      return new env.SafeString(say(value, params, options));
    });
  };

  words('duration', (ms) => {
    if (typeof ms !== 'number') throw new TypeError(`duration: expected milliseconds, got ${JSON.stringify(ms)}`);
    return escape(durationWords(ms));
  });
  words('time', (at, _params, options) => {
    const { timeZone, now } = renderContext(options);
    return escape(timeWords(expectDate('time', at), timeZone, now));
  });
  words('dateTime', (at, _params, options) => escape(dateTimeWords(expectDate('dateTime', at), renderContext(options).timeZone)));
  words('date', (at, _params, options) => escape(dateWords(expectDate('date', at), renderContext(options).timeZone)));
  words('metricChange', (metric) => {
    const raw = rawOf(metric);
    if (!isMetricChange(raw)) throw new TypeError(`metricChange: expected { name, value }, got ${JSON.stringify(raw)}`);
    return escape(
      metricChangeWords({
        name: raw.name,
        value: raw.value,
        ...(typeof raw.baseline === 'number' ? { baseline: raw.baseline } : {}),
        ...(typeof raw.threshold === 'number' ? { threshold: raw.threshold } : {}),
      }),
    );
  });
  words('stateWord', (state) => safeArgument(stateWord(expectString('stateWord', state))));
  words('impactWord', (impact) => safeArgument(impactWord(expectString('impactWord', impact))));
  words('impactEmoji', (impact) => safeArgument(impactEmoji(expectString('impactEmoji', impact))));
  // `{{list components}}`, or `{{list components conjunction="or"}}`.
  words('list', (items, _params, options) => {
    const conjunction = typeof options.hash['conjunction'] === 'string' ? (options.hash['conjunction'] as string) : 'and';
    return escape(listWords(expectStrings('list', rawOf(items)), conjunction));
  });
  words('person', (id) => {
    const text = expectString('person', id);
    // In Slack the id arrives escaped, which leaves a real user id unchanged: a mention only for one.
    if (surface === 'slack') return SLACK_USER_ID.test(text) ? `<@${text}>` : text;
    return safeArgument(text);
  });
  words('eventText', (parts) => {
    const raw = rawOf(parts);
    if (!Array.isArray(raw)) throw new TypeError(`eventText: expected an event's parts, got ${JSON.stringify(raw)}`);
    return eventText(raw as EventPart[], surface);
  });
  // For `{{#if (eq update.state "resolved")}}`: enum values are the same escaped or not.
  env.registerHelper('eq', (...args: unknown[]) => {
    const { params } = split(args);
    return params[0] === params[1];
  });
}
