//! Dates and times as integers for the parse cache (the only user of the model's serde
//! derives): decoding a number costs far less than parsing a date's text back.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

fn to_days(d: &NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn from_days<'de, D: Deserializer<'de>>(days: i32) -> Result<NaiveDate, D::Error> {
    NaiveDate::from_num_days_from_ce_opt(days)
        .ok_or_else(|| serde::de::Error::custom("date out of range"))
}

/// `Option<NaiveDate>` as days since the common era.
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        d.as_ref().map(to_days).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<i32>::deserialize(d)?
            .map(from_days::<D>)
            .transpose()
    }
}

/// `Option<DateTime<FixedOffset>>` as seconds and nanoseconds since the epoch and the offset
/// in seconds: the instant and the offset it was written with both come back.
pub mod opt_time {
    use super::*;

    pub fn serialize<S: Serializer>(
        t: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        t.map(|t| {
            (
                t.timestamp(),
                t.timestamp_subsec_nanos(),
                t.offset().local_minus_utc(),
            )
        })
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let Some((secs, nanos, offset)) = Option::<(i64, u32, i32)>::deserialize(d)? else {
            return Ok(None);
        };
        let bad = || serde::de::Error::custom("time out of range");
        let offset = FixedOffset::east_opt(offset).ok_or_else(bad)?;
        let utc = DateTime::from_timestamp(secs, nanos).ok_or_else(bad)?;
        Ok(Some(utc.with_timezone(&offset)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct T {
        #[serde(with = "opt_date")]
        date: Option<NaiveDate>,
        #[serde(with = "opt_time")]
        at: Option<DateTime<FixedOffset>>,
    }

    #[test]
    fn dates_and_times_come_back_with_their_offset() {
        for (date, at) in [
            (
                Some("2023-10-15"),
                Some("2023-10-15T08:30:00.123456789+07:00"),
            ),
            (Some("0001-01-01"), Some("1969-12-31T23:59:59-05:30")),
            (Some("9999-12-31"), Some("2023-01-01T00:00:00Z")),
            (None, None),
        ] {
            let t = T {
                date: date.map(|d| d.parse().unwrap()),
                at: at.map(|a| DateTime::parse_from_rfc3339(a).unwrap()),
            };
            let bytes = postcard::to_allocvec(&t).unwrap();
            let back: T = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, t);
            // Equality of times ignores the offset: compare it too.
            assert_eq!(
                back.at.map(|a| a.to_rfc3339()),
                t.at.map(|a| a.to_rfc3339())
            );
        }
    }
}
