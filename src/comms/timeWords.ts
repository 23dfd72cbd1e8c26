// Times in the reader's time zone. A client in New York reads "09:30 EST", not a UTC timestamp
// they must convert; the zone is always named, so a forwarded message stays unambiguous.

import { DateTime, IANAZone } from 'luxon';

// luxon builds a new Intl.DateTimeFormat (about a millisecond each) for every zone check and every
// zone abbreviation; a render asks for several. Zones do not change while Vigil runs, so the check
// is remembered per zone and the formatter per zone and locale.
const validZones = new Map<string, boolean>();

/** Whether a policy file's zone is one luxon (and so the rendering) knows. */
export function isValidTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    validZones.set(zone, valid);
  }
  return valid;
}

const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();

/** luxon's `ZZZZ` ("EST", "GMT+5:30"): the same Intl options as its parseZoneInfo, with the formatter kept. */
function zoneAbbreviation(at: DateTime, locale: string): string {
  if (at.zone.type !== 'iana') return at.setLocale(locale).toFormat('ZZZZ');
  const key = `${locale} ${at.zone.name}`;
  let format = abbreviationFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: at.zone.name,
    });
    abbreviationFormats.set(key, format);
  }
  return format.formatToParts(at.toJSDate()).find((part) => part.type.toLowerCase() === 'timezonename')?.value ?? '';
}

/**
 * The date in the zone, or in UTC when the zone is unknown: a time that is correct and says
 * "UTC" beats a stopped render. The policy loader should refuse an unknown zone at start.
 */
function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone: isValidTimeZone(zone) ? zone : 'UTC' });
}

/**
 * "EST" or "CET" where a locale knows an abbreviation for the zone, else "GMT+5:30": American
 * English names American zones, British English European ones; neither names the other's.
 */
function zoneLabel(at: DateTime): string {
  const names = ['en-US', 'en-GB'].map((locale) => zoneAbbreviation(at, locale));
  return names.find((name) => !/^GMT[+-]/.test(name)) ?? names[0]!;
}

/**
 * "14:30 UTC" on the day of `today`; "Wed 4 Mar, 14:30 UTC" on another day, so a next update
 * promised for tomorrow morning is not read as this morning.
 */
export function timeWords(at: Date, zone: string, today: Date): string {
  const local = inZone(at, zone);
  const time = `${local.toFormat('HH:mm')} ${zoneLabel(local)}`;
  return local.hasSame(inZone(today, zone), 'day') ? time : `${local.setLocale('en-GB').toFormat('ccc d LLL')}, ${time}`;
}

/** "3 Mar 2026, 14:30 UTC": for records read later (reports, the status page's history). */
export function dateTimeWords(at: Date, zone: string): string {
  const local = inZone(at, zone);
  return `${local.setLocale('en-GB').toFormat('d LLL yyyy')}, ${local.toFormat('HH:mm')} ${zoneLabel(local)}`;
}

/** "3 Mar 2026": a day, for promises such as when the review will be shared. */
export const dateWords = (at: Date, zone: string): string => inZone(at, zone).setLocale('en-GB').toFormat('d LLL yyyy');
