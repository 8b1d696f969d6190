//! Free slots, as pure arithmetic: a store's weekly hours in its local time
//! (Asia/Riyadh, through the bundled tz database, so a zone with daylight
//! saving would also be right), cut into slots, minus blocked periods, minus
//! bays already held, within the lead time and the horizon. A booking spans
//! as many consecutive slots of one opening interval as its duration needs,
//! and keeps one bay for all of them (a car does not change bays mid-wash),
//! which is exactly what the `booking_bay_free` exclusion constraint checks.
//!
//! Times are unix seconds; the service converts at its edges.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// The stores' time zone.
pub const ZONE: &str = "Asia/Riyadh";

pub fn zone() -> TimeZone {
    TimeZone::get(ZONE).expect("the bundled tz database has Asia/Riyadh")
}

/// An opening interval: ISO weekday (1 = Monday), minutes from midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub weekday: i8,
    pub start: i32,
    pub end: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub slot_minutes: i32,
    pub capacity: i32,
    pub lead_minutes: i32,
    pub horizon_days: i32,
    pub hours: Vec<Hours>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Once {
        from: i64,
        to: i64,
    },
    Weekly {
        weekday: i8,
        start: i32,
        end: i32,
    },
    /// A whole local day, every year.
    Yearly {
        month: i8,
        day: i8,
    },
}

/// A bay held over `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub bay: i32,
    pub from: i64,
    pub to: i64,
}

/// A start the chosen services can be booked at, with its free bays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Free {
    pub date: Date,
    /// Local minutes from midnight.
    pub minute: i32,
    pub from: i64,
    pub to: i64,
    pub bays: Vec<i32>,
}

/// How many minutes a booking of `minutes` holds: whole slots.
pub fn span(slot_minutes: i32, minutes: i32) -> i32 {
    let slot = slot_minutes.max(1);
    ((minutes.max(1) + slot - 1) / slot) * slot
}

/// Unix seconds of a local date and minute (1440 is the next midnight).
pub fn local_to_unix(tz: &TimeZone, date: Date, minute: i32) -> i64 {
    let (date, minute) = if minute >= 1440 {
        (date.tomorrow().unwrap_or(date), minute - 1440)
    } else {
        (date, minute)
    };
    let dt: DateTime = date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
    dt.to_zoned(tz.clone())
        .map(|z| z.timestamp().as_second())
        .unwrap_or_default()
}

/// The local date and minute of a unix second.
pub fn unix_to_local(tz: &TimeZone, at: i64) -> (Date, i32) {
    let z = jiff::Timestamp::from_second(at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone());
    let t = z.time();
    (z.date(), i32::from(t.hour()) * 60 + i32::from(t.minute()))
}

fn iso_weekday(d: Date) -> i8 {
    d.weekday().to_monday_one_offset()
}

/// The blocked periods as concrete intervals over `[from − 1 day, to + 1 day]`.
fn concrete_blocks(tz: &TimeZone, blocks: &[Block], from: Date, to: Date) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let first = from.yesterday().unwrap_or(from);
    let last = to.tomorrow().unwrap_or(to);
    for b in blocks {
        match *b {
            Block::Once { from, to } => out.push((from, to)),
            Block::Weekly {
                weekday,
                start,
                end,
            } => {
                let mut d = first;
                while d <= last {
                    if iso_weekday(d) == weekday {
                        out.push((local_to_unix(tz, d, start), local_to_unix(tz, d, end)));
                    }
                    d = match d.tomorrow() {
                        Ok(n) => n,
                        Err(_) => break,
                    };
                }
            }
            Block::Yearly { month, day } => {
                let mut d = first;
                while d <= last {
                    if d.month() == month && d.day() == day {
                        out.push((local_to_unix(tz, d, 0), local_to_unix(tz, d, 1440)));
                    }
                    d = match d.tomorrow() {
                        Ok(n) => n,
                        Err(_) => break,
                    };
                }
            }
        }
    }
    out
}

/// The free starts between the local dates `from` and `to` (inclusive) for
/// services lasting `minutes`, seen at unix second `now`.
#[allow(clippy::too_many_arguments)]
pub fn free_slots(
    tz: &TimeZone,
    rules: &Rules,
    blocks: &[Block],
    busy: &[Busy],
    minutes: i32,
    now: i64,
    from: Date,
    to: Date,
) -> Vec<Free> {
    let slot = rules.slot_minutes.max(1);
    let len = span(slot, minutes);
    let earliest = now + i64::from(rules.lead_minutes) * 60;
    let latest = now + i64::from(rules.horizon_days) * 86_400;
    let blocked = concrete_blocks(tz, blocks, from, to);
    let mut hours = rules.hours.clone();
    hours.sort_by_key(|h| (h.weekday, h.start));
    let mut out: Vec<Free> = Vec::new();
    let mut d = from;
    while d <= to {
        let wd = iso_weekday(d);
        for h in hours.iter().filter(|h| h.weekday == wd) {
            let mut m = h.start;
            while m + len <= h.end {
                let s = local_to_unix(tz, d, m);
                let e = local_to_unix(tz, d, m + len);
                if s >= earliest && s <= latest && !blocked.iter().any(|&(bf, bt)| bf < e && bt > s)
                {
                    let bays: Vec<i32> = (1..=rules.capacity)
                        .filter(|b| !busy.iter().any(|x| x.bay == *b && x.from < e && x.to > s))
                        .collect();
                    if !bays.is_empty() && out.last().is_none_or(|l| l.from < s) {
                        out.push(Free {
                            date: d,
                            minute: m,
                            from: s,
                            to: e,
                            bays,
                        });
                    }
                }
                m += slot;
            }
        }
        d = match d.tomorrow() {
            Ok(n) => n,
            Err(_) => break,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn riyadh() -> TimeZone {
        zone()
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    /// The same question answered minute by minute, with Riyadh's fixed
    /// UTC+3 written out and the calendar from the `time` crate, so that
    /// neither the zone handling nor the interval arithmetic is shared.
    #[allow(clippy::too_many_arguments)]
    fn brute_force(
        rules: &Rules,
        blocks: &[Block],
        busy: &[Busy],
        minutes: i32,
        now: i64,
        from: time::Date,
        days: i64,
    ) -> Vec<(i64, Vec<i32>)> {
        const OFFSET: i64 = 3 * 3600;
        let slot = rules.slot_minutes;
        let mut n = 1;
        while n * slot < minutes {
            n += 1;
        }
        let len = n * slot;
        let local = |t: i64| {
            let l = time::OffsetDateTime::from_unix_timestamp(t + OFFSET).unwrap();
            (l.date(), i32::from(l.hour()) * 60 + i32::from(l.minute()))
        };
        let minute_blocked = |t: i64| {
            let (ld, lm) = local(t);
            blocks.iter().any(|b| match *b {
                Block::Once { from, to } => from <= t && t < to,
                Block::Weekly {
                    weekday,
                    start,
                    end,
                } => {
                    i8::try_from(ld.weekday().number_from_monday()).unwrap() == weekday
                        && start <= lm
                        && lm < end
                }
                Block::Yearly { month, day } => {
                    u8::from(ld.month()) as i8 == month && ld.day() as i8 == day
                }
            })
        };
        let mut out = Vec::new();
        for k in 0..days {
            let d = from + time::Duration::days(k);
            let midnight = d.midnight().assume_utc().unix_timestamp() - OFFSET;
            let wd = i8::try_from(d.weekday().number_from_monday()).unwrap();
            for m in 0..1440 {
                let fits = rules.hours.iter().any(|h| {
                    h.weekday == wd && h.start <= m && (m - h.start) % slot == 0 && m + len <= h.end
                });
                if !fits {
                    continue;
                }
                let s = midnight + i64::from(m) * 60;
                if s < now + i64::from(rules.lead_minutes) * 60
                    || s > now + i64::from(rules.horizon_days) * 86_400
                {
                    continue;
                }
                let minutes_of = || (0..len).map(|i| s + i64::from(i) * 60);
                if minutes_of().any(minute_blocked) {
                    continue;
                }
                let bays: Vec<i32> = (1..=rules.capacity)
                    .filter(|b| {
                        minutes_of()
                            .all(|t| !busy.iter().any(|x| x.bay == *b && x.from <= t && t < x.to))
                    })
                    .collect();
                if !bays.is_empty() {
                    out.push((s, bays));
                }
            }
        }
        out
    }

    fn week_of(first: Date) -> (Date, Date) {
        (first, first.checked_add(jiff::Span::new().days(6)).unwrap())
    }

    #[test]
    fn a_booking_over_two_slots_blocks_both_and_a_holiday_has_nothing() {
        let tz = riyadh();
        // Sunday 2026-12-13 … Saturday 2026-12-19, open 09:00–13:00 daily.
        let hours = (1..=7)
            .map(|w| Hours {
                weekday: w,
                start: 540,
                end: 780,
            })
            .collect();
        let rules = Rules {
            slot_minutes: 60,
            capacity: 1,
            lead_minutes: 0,
            horizon_days: 30,
            hours,
        };
        let d = date(2026, 12, 14);
        let at10 = local_to_unix(&tz, d, 600);
        let busy = [Busy {
            bay: 1,
            from: at10,
            to: at10 + 2 * 3600,
        }];
        let now = local_to_unix(&tz, date(2026, 12, 13), 0);
        let free = free_slots(&tz, &rules, &[], &busy, 60, now, d, d);
        let starts: Vec<i32> = free.iter().map(|f| f.minute).collect();
        assert_eq!(starts, vec![540, 720], "10:00 and 11:00 are both held");
        // A 90-minute service needs two slots: 09:00 runs into 10:00, 12:00 past closing.
        let free = free_slots(&tz, &rules, &[], &busy, 90, now, d, d);
        assert!(free.is_empty());
        let holiday = [Block::Yearly { month: 12, day: 14 }];
        let free = free_slots(&tz, &rules, &holiday, &[], 30, now, d, d);
        assert!(free.is_empty(), "the holiday has no slot");
        // Riyadh is UTC+3 all year.
        assert_eq!(local_to_unix(&tz, d, 540) % 86_400, 6 * 3600);
        assert_eq!(unix_to_local(&tz, at10), (d, 600));
    }

    fn arb_case() -> impl Strategy<Value = (Rules, Vec<Block>, Vec<Busy>, i32, i64)> {
        let slot = prop::sample::select(vec![10, 15, 20, 30, 45, 60, 90]);
        let hours = prop::collection::vec((1i8..=7, 0i32..288, 1i32..72), 0..10);
        (
            slot,
            1i32..4,
            0i32..600,
            1i32..8,
            hours,
            prop::collection::vec((0u8..3, 0i64..7 * 1440, 1i64..600, 1i8..=7), 0..4),
            prop::collection::vec((1i32..5, 0i64..7 * 1440, 1i64..240), 0..12),
            5i32..200,
            0i64..3 * 1440,
        )
            .prop_map(
                |(slot, capacity, lead, horizon, hours, blocks, busy, minutes, now_min)| {
                    let base = local_to_unix(&riyadh(), date(2026, 12, 13), 0);
                    // Non-overlapping intervals per weekday, five-minute aligned.
                    let mut hs: Vec<Hours> = Vec::new();
                    for (w, start, len) in hours {
                        let (start, end) = (start * 5, (start * 5 + len * 5).min(1440));
                        if hs
                            .iter()
                            .any(|h| h.weekday == w && h.start < end && start < h.end)
                        {
                            continue;
                        }
                        hs.push(Hours {
                            weekday: w,
                            start,
                            end,
                        });
                    }
                    let blocks = blocks
                        .into_iter()
                        .map(|(k, at, len, w)| match k {
                            0 => Block::Once {
                                from: base + at * 60,
                                to: base + (at + len) * 60,
                            },
                            1 => Block::Weekly {
                                weekday: w,
                                start: (at % 1440) as i32,
                                end: ((at % 1440) + len).min(1440) as i32,
                            },
                            // A holiday inside the week.
                            _ => Block::Yearly {
                                month: 12,
                                day: 13 + (w % 7),
                            },
                        })
                        .filter(|b| match *b {
                            Block::Weekly { start, end, .. } => start < end,
                            _ => true,
                        })
                        .collect();
                    let busy = busy
                        .into_iter()
                        .map(|(bay, at, len)| Busy {
                            bay,
                            from: base + at * 60,
                            to: base + (at + len) * 60,
                        })
                        .collect();
                    let rules = Rules {
                        slot_minutes: slot,
                        capacity,
                        lead_minutes: lead,
                        horizon_days: horizon,
                        hours: hs,
                    };
                    (rules, blocks, busy, minutes, base + now_min * 60)
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn free_slots_agree_with_a_minute_by_minute_count((rules, blocks, busy, minutes, now) in arb_case()) {
            let tz = riyadh();
            let (first, last) = week_of(date(2026, 12, 13));
            let got: Vec<(i64, Vec<i32>)> = free_slots(&tz, &rules, &blocks, &busy, minutes, now, first, last)
                .into_iter()
                .map(|f| (f.from, f.bays))
                .collect();
            let want = brute_force(
                &rules, &blocks, &busy, minutes, now,
                time::Date::from_calendar_date(2026, time::Month::December, 13).unwrap(), 7,
            );
            prop_assert_eq!(got, want);
        }
    }
}
