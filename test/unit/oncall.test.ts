import { describe, expect, it } from 'vitest';
import { onCallAt, validateTimezone, type OnCallOverride, type Rotation } from '../../src/domain/oncall.js';

const utc = (iso: string): Date => new Date(iso);
const HOUR = 60 * 60 * 1000;

// Default since is Monday 2026-01-05, so hand-off 0 is 2026-01-05 09:00 CET = 08:00Z (alice).
const berlinWeekly: Rotation = {
  name: 'ml',
  members: ['alice', 'bob', 'carol'],
  handoff: { every: 'weekly', day: 'mon', at: '09:00', timezone: 'Europe/Berlin' },
};

describe('onCallAt without a hand-off schedule', () => {
  const statik: Rotation = { name: 'data', members: ['U03', 'U04', 'U05'] };

  it('keeps the first member primary and the second secondary, forever', () => {
    for (const at of ['2020-01-01T00:00:00Z', '2026-06-15T12:00:00Z', '2040-12-31T23:59:59Z']) {
      expect(onCallAt(statik, [], utc(at))).toEqual({ rotation: 'data', primary: 'U03', secondary: 'U04' });
    }
  });

  it('has no secondary with one member and nobody with none', () => {
    expect(onCallAt({ name: 'solo', members: ['U01'] }, [], utc('2026-01-01T00:00:00Z'))).toEqual({
      rotation: 'solo',
      primary: 'U01',
      secondary: undefined,
    });
    expect(onCallAt({ name: 'empty', members: [] }, [], utc('2026-01-01T00:00:00Z'))).toEqual({
      rotation: 'empty',
      primary: undefined,
      secondary: undefined,
    });
  });
});

describe('onCallAt with a weekly Monday 09:00 Europe/Berlin hand-off', () => {
  it('hands off exactly at 09:00 local (08:00Z in winter)', () => {
    const before = onCallAt(berlinWeekly, [], utc('2026-01-12T07:59:59.999Z'));
    expect(before).toMatchObject({ primary: 'alice', secondary: 'bob' });
    expect(before.nextChangeAt).toEqual(utc('2026-01-12T08:00:00Z'));

    const after = onCallAt(berlinWeekly, [], utc('2026-01-12T08:00:00Z'));
    expect(after).toMatchObject({ primary: 'bob', secondary: 'carol' });
    expect(after.nextChangeAt).toEqual(utc('2026-01-19T08:00:00Z'));
  });

  it('cycles back to the first member', () => {
    expect(onCallAt(berlinWeekly, [], utc('2026-01-19T08:00:00Z'))).toMatchObject({ primary: 'carol', secondary: 'alice' });
    expect(onCallAt(berlinWeekly, [], utc('2026-01-26T08:00:00Z'))).toMatchObject({ primary: 'alice', secondary: 'bob' });
  });

  it('stays at 09:00 local across the March 2026 spring-forward (07:00Z afterwards)', () => {
    const lastWinterHandoff = onCallAt(berlinWeekly, [], utc('2026-03-23T08:00:00Z'));
    expect(lastWinterHandoff.primary).toBe('carol');
    // 09:00 CEST is 07:00Z: the week is one hour shorter than 168h.
    expect(lastWinterHandoff.nextChangeAt).toEqual(utc('2026-03-30T07:00:00Z'));
    expect(lastWinterHandoff.nextChangeAt!.getTime() - utc('2026-03-23T08:00:00Z').getTime()).toBe(7 * 24 * HOUR - HOUR);

    expect(onCallAt(berlinWeekly, [], utc('2026-03-30T06:59:59Z')).primary).toBe('carol');
    // 07:30Z is 09:30 local: a fixed-168h count would still say carol here.
    expect(onCallAt(berlinWeekly, [], utc('2026-03-30T07:30:00Z')).primary).toBe('alice');
  });

  it('stays at 09:00 local across the October 2026 fall-back (08:00Z afterwards)', () => {
    const lastSummerHandoff = onCallAt(berlinWeekly, [], utc('2026-10-19T07:00:00Z'));
    expect(lastSummerHandoff.primary).toBe('carol');
    expect(lastSummerHandoff.nextChangeAt).toEqual(utc('2026-10-26T08:00:00Z'));
    expect(lastSummerHandoff.nextChangeAt!.getTime() - utc('2026-10-19T07:00:00Z').getTime()).toBe(7 * 24 * HOUR + HOUR);

    // 07:30Z is 08:30 local after the change: not yet 09:00, whatever a fixed-168h count says.
    expect(onCallAt(berlinWeekly, [], utc('2026-10-26T07:30:00Z')).primary).toBe('carol');
    expect(onCallAt(berlinWeekly, [], utc('2026-10-26T08:00:00Z')).primary).toBe('alice');
  });

  it('anchors a non-Monday hand-off on the first such day on or after since', () => {
    const wednesday: Rotation = {
      name: 'ml',
      members: ['alice', 'bob'],
      handoff: { every: 'weekly', day: 'wed', at: '10:00', timezone: 'UTC', since: '2026-01-05' },
    };
    expect(onCallAt(wednesday, [], utc('2026-01-07T10:00:00Z')).primary).toBe('alice');
    expect(onCallAt(wednesday, [], utc('2026-01-14T09:59:00Z')).primary).toBe('alice');
    expect(onCallAt(wednesday, [], utc('2026-01-14T10:00:00Z')).primary).toBe('bob');
  });
});

describe('onCallAt with a daily 09:00 America/New_York hand-off', () => {
  const newYorkDaily: Rotation = {
    name: 'infra',
    members: ['ann', 'ben'],
    handoff: { every: 'daily', at: '09:00', timezone: 'America/New_York', since: '2026-03-01' },
  };

  it('hands off every local day, following the March 8 2026 DST change', () => {
    // 2026-03-07 is day 6 (ann) at 09:00 EST = 14:00Z.
    expect(onCallAt(newYorkDaily, [], utc('2026-03-07T13:59:00Z')).primary).toBe('ben');
    const saturday = onCallAt(newYorkDaily, [], utc('2026-03-07T14:00:00Z'));
    expect(saturday).toMatchObject({ primary: 'ann', secondary: 'ben' });
    // Sunday 09:00 EDT is 13:00Z: 23h later, not 24h.
    expect(saturday.nextChangeAt).toEqual(utc('2026-03-08T13:00:00Z'));
    expect(onCallAt(newYorkDaily, [], utc('2026-03-08T13:30:00Z')).primary).toBe('ben');
  });
});

describe('onCallAt east of UTC', () => {
  // Tokyo is UTC+9 with no DST: the 07:00 hand-off on 2026-01-05 is 2026-01-04T22:00Z.
  const tokyoDaily: Rotation = {
    name: 'ml',
    members: ['aiko', 'ken', 'yui'],
    handoff: { every: 'daily', at: '07:00', timezone: 'Asia/Tokyo', since: '2026-01-05' },
  };

  it('counts by the local date, not the UTC date', () => {
    // Still 2026-01-04 in UTC, already the since date in Tokyo.
    expect(onCallAt(tokyoDaily, [], utc('2026-01-04T22:00:00Z')).primary).toBe('aiko');
    expect(onCallAt(tokyoDaily, [], utc('2026-01-05T21:59:59Z')).primary).toBe('aiko');
    expect(onCallAt(tokyoDaily, [], utc('2026-01-05T22:00:00Z')).primary).toBe('ken');
    // Local 2026-01-05 06:59: the previous day's shift, counted backwards from since.
    expect(onCallAt(tokyoDaily, [], utc('2026-01-04T21:59:59Z')).primary).toBe('yui');
  });
});

describe('onCallAt before since', () => {
  it('counts backwards consistently (modulo the member count)', () => {
    // Hand-off -1 is 2025-12-29 09:00 CET = 08:00Z -> members[-1 mod 3] = carol.
    expect(onCallAt(berlinWeekly, [], utc('2026-01-04T12:00:00Z'))).toMatchObject({ primary: 'carol', secondary: 'alice' });
    expect(onCallAt(berlinWeekly, [], utc('2025-12-29T08:00:00Z')).primary).toBe('carol');
    expect(onCallAt(berlinWeekly, [], utc('2025-12-29T07:59:59Z')).primary).toBe('bob');
    expect(onCallAt(berlinWeekly, [], utc('2025-12-22T07:59:59Z')).primary).toBe('alice');
    expect(onCallAt(berlinWeekly, [], utc('2026-01-04T12:00:00Z')).nextChangeAt).toEqual(utc('2026-01-05T08:00:00Z'));
  });
});

describe('onCallAt with a hand-off in a daylight-saving gap', () => {
  it('moves a nonexistent 02:30 forward to 03:30 local, as luxon does', () => {
    const nightly: Rotation = {
      name: 'ml',
      members: ['alice', 'bob'],
      handoff: { every: 'daily', at: '02:30', timezone: 'Europe/Berlin', since: '2026-03-28' },
    };
    // 2026-03-29 02:30 does not exist in Berlin; 03:30 CEST is 01:30Z.
    expect(onCallAt(nightly, [], utc('2026-03-29T01:29:00Z')).primary).toBe('alice');
    const afterGap = onCallAt(nightly, [], utc('2026-03-29T01:30:00Z'));
    expect(afterGap.primary).toBe('bob');
    expect(afterGap.nextChangeAt).toEqual(utc('2026-03-30T00:30:00Z'));
  });
});

describe('onCallAt with a single member and a hand-off', () => {
  it('keeps that member primary, with no secondary and no next change', () => {
    const solo: Rotation = { ...berlinWeekly, members: ['alice'] };
    const now = onCallAt(solo, [], utc('2026-05-05T12:00:00Z'));
    expect(now).toEqual({ rotation: 'ml', primary: 'alice', secondary: undefined });
  });

  it('lets an override take over, the member backing them up', () => {
    const solo: Rotation = { ...berlinWeekly, members: ['alice'] };
    const cover: OnCallOverride = {
      rotation: 'ml',
      userId: 'dave',
      startsAt: utc('2026-05-05T00:00:00Z'),
      endsAt: utc('2026-05-06T00:00:00Z'),
    };
    const now = onCallAt(solo, [cover], utc('2026-05-05T12:00:00Z'));
    expect(now).toMatchObject({ primary: 'dave', secondary: 'alice', overriddenBy: cover });
    expect(now.nextChangeAt).toEqual(utc('2026-05-06T00:00:00Z'));
  });
});

describe('onCallAt with overrides', () => {
  // Week 0: alice primary, bob secondary, until 2026-01-12T08:00Z.
  const daveCovers: OnCallOverride = {
    rotation: 'ml',
    userId: 'dave',
    startsAt: utc('2026-01-06T00:00:00Z'),
    endsAt: utc('2026-01-07T00:00:00Z'),
  };

  it('replaces the primary while in effect; the scheduled primary becomes secondary', () => {
    const now = onCallAt(berlinWeekly, [daveCovers], utc('2026-01-06T12:00:00Z'));
    expect(now).toEqual({
      rotation: 'ml',
      primary: 'dave',
      secondary: 'alice',
      overriddenBy: daveCovers,
      nextChangeAt: utc('2026-01-07T00:00:00Z'),
    });
  });

  it('starts inclusive and ends exclusive', () => {
    expect(onCallAt(berlinWeekly, [daveCovers], utc('2026-01-06T00:00:00Z')).primary).toBe('dave');
    const expired = onCallAt(berlinWeekly, [daveCovers], utc('2026-01-07T00:00:00Z'));
    expect(expired).toMatchObject({ primary: 'alice', secondary: 'bob' });
    expect(expired.overriddenBy).toBeUndefined();
    expect(expired.nextChangeAt).toEqual(utc('2026-01-12T08:00:00Z'));
  });

  it('reports an upcoming override as the next change', () => {
    expect(onCallAt(berlinWeekly, [daveCovers], utc('2026-01-05T12:00:00Z')).nextChangeAt).toEqual(
      utc('2026-01-06T00:00:00Z'),
    );
  });

  it('ignores overrides for other rotations', () => {
    const elsewhere = { ...daveCovers, rotation: 'data' };
    expect(onCallAt(berlinWeekly, [elsewhere], utc('2026-01-06T12:00:00Z'))).toMatchObject({
      primary: 'alice',
      secondary: 'bob',
    });
  });

  it('makes the next member secondary when the scheduled secondary takes over', () => {
    const bobCovers = { ...daveCovers, userId: 'bob' };
    expect(onCallAt(berlinWeekly, [bobCovers], utc('2026-01-06T12:00:00Z'))).toMatchObject({
      primary: 'bob',
      secondary: 'carol',
      overriddenBy: bobCovers,
    });
  });

  it('lets the latest-starting of overlapping overrides win', () => {
    const erinLater: OnCallOverride = { ...daveCovers, userId: 'erin', startsAt: utc('2026-01-06T06:00:00Z') };
    expect(onCallAt(berlinWeekly, [erinLater, daveCovers], utc('2026-01-06T12:00:00Z')).primary).toBe('erin');
    expect(onCallAt(berlinWeekly, [erinLater, daveCovers], utc('2026-01-06T03:00:00Z')).primary).toBe('dave');
  });

  it('skips boundaries that leave the same person primary when computing nextChangeAt', () => {
    // alice is scheduled until 2026-01-12T08:00Z and covers through to 2026-01-13: the pager stays with her.
    const aliceExtends: OnCallOverride = {
      rotation: 'ml',
      userId: 'alice',
      startsAt: utc('2026-01-09T00:00:00Z'),
      endsAt: utc('2026-01-13T00:00:00Z'),
    };
    expect(onCallAt(berlinWeekly, [aliceExtends], utc('2026-01-05T12:00:00Z')).nextChangeAt).toEqual(
      utc('2026-01-13T00:00:00Z'),
    );
    const during = onCallAt(berlinWeekly, [aliceExtends], utc('2026-01-12T12:00:00Z'));
    // The scheduled primary is now bob; alice's override keeps her primary and bob backs her up.
    expect(during).toMatchObject({ primary: 'alice', secondary: 'bob', nextChangeAt: utc('2026-01-13T00:00:00Z') });
  });

  it('gives a static rotation a next change only at override boundaries', () => {
    const statik: Rotation = { name: 'ml', members: ['alice', 'bob'] };
    expect(onCallAt(statik, [], utc('2026-01-05T12:00:00Z')).nextChangeAt).toBeUndefined();
    expect(onCallAt(statik, [daveCovers], utc('2026-01-05T12:00:00Z')).nextChangeAt).toEqual(utc('2026-01-06T00:00:00Z'));
    expect(onCallAt(statik, [daveCovers], utc('2026-01-06T12:00:00Z')).nextChangeAt).toEqual(utc('2026-01-07T00:00:00Z'));
    expect(onCallAt(statik, [daveCovers], utc('2026-01-07T12:00:00Z')).nextChangeAt).toBeUndefined();
  });
});

describe('schedule validation', () => {
  it('rejects a bad time zone or hand-off time', () => {
    const badZone: Rotation = { ...berlinWeekly, handoff: { every: 'daily', at: '09:00', timezone: 'Mars/Olympus' } };
    expect(() => onCallAt(badZone, [], utc('2026-01-05T12:00:00Z'))).toThrow(RangeError);
    const badTime: Rotation = { ...berlinWeekly, handoff: { every: 'daily', at: '9am', timezone: 'UTC' } };
    expect(() => onCallAt(badTime, [], utc('2026-01-05T12:00:00Z'))).toThrow(RangeError);
  });
});

describe('validateTimezone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Asia/Tokyo', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['Berlin', false],
  ])('%j -> %s', (tz, valid) => {
    expect(validateTimezone(tz)).toBe(valid);
  });
});
