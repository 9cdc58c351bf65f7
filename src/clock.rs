//! The office's clock: what "now" and "today" are, in the office's time zone.
//!
//! A shared server often runs on UTC while the office is in Vietnam (UTC+7): the date a
//! clerk sees and the time written in a log entry must be the office's. The zone comes from
//! `timezone` in `dondoc.toml`, else the machine's. The instant is read from the system only
//! by [`Clock::now`], called at the edges (a command, an effect); a test fixes it.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone, Utc};

/// A time zone: an IANA zone by name, or the machine's local one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    /// The machine's zone (`TZ`, `/etc/localtime`).
    #[default]
    Local,
    Named(chrono_tz::Tz),
}

impl Zone {
    /// `Asia/Ho_Chi_Minh` → the zone; `None` when the name is not an IANA zone.
    pub fn named(name: &str) -> Option<Zone> {
        name.trim().parse::<chrono_tz::Tz>().ok().map(Zone::Named)
    }

    /// The workspace's `timezone`, else the machine's zone. An unknown name (a problem that
    /// `validate` reports) falls back to the machine's zone too.
    pub fn from_setting(name: Option<&str>) -> Zone {
        name.and_then(Zone::named).unwrap_or(Zone::Local)
    }

    /// The wall-clock time `local` in this zone, with its offset (the earlier one when a
    /// clock change makes it ambiguous; `None` when it does not exist).
    pub fn local(self, local: chrono::NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        match self {
            Zone::Local => Local
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.fixed_offset()),
            Zone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.fixed_offset()),
        }
    }

    /// `instant` as this zone's local time, with its offset.
    pub fn at(self, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => Local.from_utc_datetime(&instant.naive_utc()).fixed_offset(),
            Zone::Named(tz) => tz.from_utc_datetime(&instant.naive_utc()).fixed_offset(),
        }
    }
}

/// Where the instant comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    System,
    Fixed(DateTime<Utc>),
}

/// The current instant (the system's, or a fixed one) seen in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    source: Source,
    zone: Zone,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system(Zone::Local)
    }
}

impl Clock {
    /// The system's clock, seen in `zone`.
    pub fn system(zone: Zone) -> Clock {
        Clock {
            source: Source::System,
            zone,
        }
    }

    /// Always `instant`, seen in `zone` (tests, and `DONDOC_NOW`).
    pub fn fixed(instant: DateTime<Utc>, zone: Zone) -> Clock {
        Clock {
            source: Source::Fixed(instant),
            zone,
        }
    }

    /// The same instants seen in another zone.
    pub fn in_zone(self, zone: Zone) -> Clock {
        Clock { zone, ..self }
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Now, in the zone, with its offset: what a log entry's `at` records.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let instant = match self.source {
            Source::System => Utc::now(),
            Source::Fixed(t) => t,
        };
        self.zone.at(instant)
    }

    /// Today's date in the zone.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// Reads a fixed instant: RFC 3339 (`2023-10-14T18:30:00Z`, `…+07:00`).
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant() -> DateTime<Utc> {
        parse_instant("2023-10-14T18:30:00Z").unwrap()
    }

    #[test]
    fn vietnam_is_already_tomorrow_at_half_past_six_utc() {
        let clock = Clock::fixed(instant(), Zone::named("Asia/Ho_Chi_Minh").unwrap());
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2023, 10, 15).unwrap()
        );
        assert_eq!(clock.now().to_rfc3339(), "2023-10-15T01:30:00+07:00");
    }

    #[test]
    fn a_zone_west_of_utc_is_still_yesterday() {
        let clock = Clock::fixed(instant(), Zone::named("America/New_York").unwrap());
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2023, 10, 14).unwrap()
        );
        assert_eq!(clock.now().offset().local_minus_utc(), -4 * 3600);
    }

    #[test]
    fn an_unknown_name_is_refused_and_falls_back_to_the_machine() {
        assert_eq!(Zone::named("Asia/Hanoi_City"), None);
        assert_eq!(Zone::named(""), None);
        assert_eq!(Zone::from_setting(Some("Mars/Olympus")), Zone::Local);
        assert_eq!(Zone::from_setting(None), Zone::Local);
        assert_ne!(Zone::from_setting(Some("Asia/Bangkok")), Zone::Local);
    }

    #[test]
    fn in_zone_keeps_the_instant() {
        let utc = Clock::fixed(instant(), Zone::named("UTC").unwrap());
        let hcm = utc.in_zone(Zone::named("Asia/Ho_Chi_Minh").unwrap());
        assert_eq!(utc.now(), hcm.now());
        assert_ne!(utc.today(), hcm.today());
    }

    #[test]
    fn instants_are_read_in_rfc_3339_only() {
        assert_eq!(parse_instant("2023-10-15T01:30:00+07:00"), Some(instant()));
        assert_eq!(parse_instant("2023-10-14 18:30"), None);
    }
}
