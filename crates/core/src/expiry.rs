//! Token expiry choices: the presets (1 hour … 1 year, Never, Custom), what date each gives, which one an existing expiry matches, and reading a custom local date and time.

use chrono::{
    DateTime, Duration, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, Utc,
};
use serde::{Deserialize, Serialize};

/// How far off a token's lifetime may be from a preset and still count as that preset when editing
/// (the client's clock made the expiry, the server's clock the creation date).
pub const PRESELECT_TOLERANCE: Duration = Duration::minutes(5);

/// An expiry as the user picks it. Serialized as `{"kind":"sevenDays"}` or
/// `{"kind":"custom","at":"2026-01-05T14:00:00+02:00"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "at", rename_all = "camelCase")]
pub enum ExpiryPreset {
    OneHour,
    OneDay,
    #[default]
    SevenDays,
    ThirtyDays,
    NinetyDays,
    OneYear,
    Never,
    /// A date and time the user chose, with the UTC offset it was chosen in.
    Custom(DateTime<FixedOffset>),
}

/// Why an expiry can't be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpiryError {
    /// A custom time at or before now: refused before anything is sent.
    #[error(
        "the expiry {at} is not in the future (it is now {now}); choose a later date and time"
    )]
    InPast {
        at: DateTime<FixedOffset>,
        now: DateTime<Utc>,
    },
    /// A custom date or time that could not be read.
    #[error("{0}")]
    Invalid(String),
    /// A date beyond what can be represented.
    #[error("the expiry is too far in the future; choose an earlier date")]
    OutOfRange,
}

impl ExpiryError {
    /// A stable machine code: `expiry_in_past`, `invalid_expiry` or `expiry_out_of_range`.
    pub fn code(&self) -> &'static str {
        match self {
            ExpiryError::InPast { .. } => "expiry_in_past",
            ExpiryError::Invalid(_) => "invalid_expiry",
            ExpiryError::OutOfRange => "expiry_out_of_range",
        }
    }
}

impl ExpiryPreset {
    /// The fixed choices in the order the UI lists them (Custom comes after these).
    pub const PRESETS: [ExpiryPreset; 7] = [
        ExpiryPreset::OneHour,
        ExpiryPreset::OneDay,
        ExpiryPreset::SevenDays,
        ExpiryPreset::ThirtyDays,
        ExpiryPreset::NinetyDays,
        ExpiryPreset::OneYear,
        ExpiryPreset::Never,
    ];

    /// What the UI shows for the choice.
    pub fn label(&self) -> &'static str {
        match self {
            ExpiryPreset::OneHour => "1 hour",
            ExpiryPreset::OneDay => "1 day",
            ExpiryPreset::SevenDays => "7 days",
            ExpiryPreset::ThirtyDays => "30 days",
            ExpiryPreset::NinetyDays => "90 days",
            ExpiryPreset::OneYear => "1 year",
            ExpiryPreset::Never => "Never",
            ExpiryPreset::Custom(_) => "Custom",
        }
    }

    /// Whether this is a relative choice (usable as a profile's default), not a fixed date.
    pub fn is_relative(&self) -> bool {
        !matches!(self, ExpiryPreset::Custom(_))
    }

    /// The expiry this choice gives when applied at `now`: `None` means never. "1 year" is the
    /// same calendar date a year later (29 February becomes 28 February). A custom time at or
    /// before `now` is refused. Relative choices give whole seconds (what the server stores and
    /// the UI shows is the same instant).
    pub fn resolve(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, ExpiryError> {
        let start = now.trunc_subsecs(0);
        let span = |d: Duration| start.checked_add_signed(d).ok_or(ExpiryError::OutOfRange);
        let at = match self {
            ExpiryPreset::OneHour => span(Duration::hours(1))?,
            ExpiryPreset::OneDay => span(Duration::days(1))?,
            ExpiryPreset::SevenDays => span(Duration::days(7))?,
            ExpiryPreset::ThirtyDays => span(Duration::days(30))?,
            ExpiryPreset::NinetyDays => span(Duration::days(90))?,
            ExpiryPreset::OneYear => start
                .checked_add_months(Months::new(12))
                .ok_or(ExpiryError::OutOfRange)?,
            ExpiryPreset::Never => return Ok(None),
            ExpiryPreset::Custom(at) => {
                let utc = at.with_timezone(&Utc);
                if utc <= now {
                    return Err(ExpiryError::InPast { at: *at, now });
                }
                utc
            }
        };
        Ok(Some(at))
    }
}

/// The choice to preselect when editing a token created at `created` that expires at `expire`:
/// the preset whose lifetime matches (within [`PRESELECT_TOLERANCE`]), `Never` for no expiry,
/// else `Custom` with the expiry shown in the user's `offset`.
pub fn preselect(
    expire: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
    offset: FixedOffset,
) -> ExpiryPreset {
    let Some(expire) = expire else {
        return ExpiryPreset::Never;
    };
    ExpiryPreset::PRESETS
        .into_iter()
        .filter(|p| *p != ExpiryPreset::Never)
        .find(|preset| match preset.resolve(created) {
            Ok(Some(expected)) => (expire - expected).abs() <= PRESELECT_TOLERANCE,
            _ => false,
        })
        .unwrap_or_else(|| ExpiryPreset::Custom(expire.with_timezone(&offset)))
}

/// A UTC offset from minutes east of Greenwich (JavaScript's `-date.getTimezoneOffset()` for the
/// chosen date, so daylight saving time on that date is taken into account).
pub fn offset_from_minutes(minutes_east: i32) -> Result<FixedOffset, ExpiryError> {
    if !(-18 * 60..=18 * 60).contains(&minutes_east) {
        return Err(ExpiryError::Invalid(format!(
            "the UTC offset {minutes_east} minutes is not a real time zone offset"
        )));
    }
    FixedOffset::east_opt(minutes_east * 60).ok_or_else(|| {
        ExpiryError::Invalid(format!("the UTC offset {minutes_east} minutes is invalid"))
    })
}

/// Reads a custom expiry typed as a local date (`YYYY-MM-DD`) and time (`HH:MM` or `HH:MM:SS`;
/// empty means the end of that day, 23:59) in the user's UTC `offset`. Whether it lies in the
/// future is checked by [`ExpiryPreset::resolve`].
pub fn parse_custom(
    date: &str,
    time: &str,
    offset: FixedOffset,
) -> Result<ExpiryPreset, ExpiryError> {
    let date_text = date.trim();
    let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
        ExpiryError::Invalid(format!(
            "the date {date_text:?} is not a date like 2026-01-05"
        ))
    })?;
    let time_text = time.trim();
    let time = if time_text.is_empty() {
        NaiveTime::from_hms_opt(23, 59, 0).expect("a valid time")
    } else {
        NaiveTime::parse_from_str(time_text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(time_text, "%H:%M:%S"))
            .map_err(|_| {
                ExpiryError::Invalid(format!("the time {time_text:?} is not a time like 14:30"))
            })?
    };
    local_to_custom(date.and_time(time), offset)
}

/// Reads a custom expiry from an HTML `datetime-local` value (`YYYY-MM-DDTHH:MM[:SS]`) in `offset`.
pub fn parse_custom_datetime(text: &str, offset: FixedOffset) -> Result<ExpiryPreset, ExpiryError> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' ']).ok_or_else(|| {
        ExpiryError::Invalid(format!(
            "{text:?} is not a date and time like 2026-01-05T14:30"
        ))
    })?;
    parse_custom(date, time, offset)
}

fn local_to_custom(local: NaiveDateTime, offset: FixedOffset) -> Result<ExpiryPreset, ExpiryError> {
    local
        .and_local_timezone(offset)
        .single()
        .map(ExpiryPreset::Custom)
        .ok_or(ExpiryError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    fn off(minutes: i32) -> FixedOffset {
        offset_from_minutes(minutes).unwrap()
    }

    #[test]
    fn presets_resolve_to_their_durations() {
        let now = utc(2026, 1, 5, 14, 3, 0);
        let at = |p: ExpiryPreset| p.resolve(now).unwrap().unwrap();
        assert_eq!(at(ExpiryPreset::OneHour), utc(2026, 1, 5, 15, 3, 0));
        assert_eq!(at(ExpiryPreset::OneDay), utc(2026, 1, 6, 14, 3, 0));
        assert_eq!(at(ExpiryPreset::SevenDays), utc(2026, 1, 12, 14, 3, 0));
        assert_eq!(at(ExpiryPreset::ThirtyDays), utc(2026, 2, 4, 14, 3, 0));
        assert_eq!(at(ExpiryPreset::NinetyDays), utc(2026, 4, 5, 14, 3, 0));
        assert_eq!(at(ExpiryPreset::OneYear), utc(2027, 1, 5, 14, 3, 0));
        assert_eq!(ExpiryPreset::Never.resolve(now).unwrap(), None);
        // Fractions of a second are dropped, so what is sent is what is shown.
        let fractional = now + Duration::milliseconds(734) + Duration::nanoseconds(503);
        assert_eq!(
            at(ExpiryPreset::OneHour),
            ExpiryPreset::OneHour.resolve(fractional).unwrap().unwrap()
        );
    }

    #[test]
    fn one_year_is_calendar_correct() {
        // Across a leap day: 366 days, not 365.
        let now = utc(2027, 6, 1, 0, 0, 0);
        let year = ExpiryPreset::OneYear.resolve(now).unwrap().unwrap();
        assert_eq!(year, utc(2028, 6, 1, 0, 0, 0));
        assert_eq!((year - now).num_days(), 366);
        // From a leap day to the last day of February.
        let leap = utc(2028, 2, 29, 12, 0, 0);
        assert_eq!(
            ExpiryPreset::OneYear.resolve(leap).unwrap(),
            Some(utc(2029, 2, 28, 12, 0, 0))
        );
    }

    #[test]
    fn a_custom_time_must_be_after_now() {
        let now = utc(2026, 1, 5, 14, 0, 0);
        let at_now = ExpiryPreset::Custom(now.fixed_offset());
        let err = at_now.resolve(now).unwrap_err();
        assert_eq!(err.code(), "expiry_in_past");
        assert!(err.to_string().contains("choose a later"), "{err}");
        let past = ExpiryPreset::Custom((now - Duration::seconds(1)).fixed_offset());
        assert_eq!(past.resolve(now).unwrap_err().code(), "expiry_in_past");
        let next = now + Duration::seconds(1);
        let future = ExpiryPreset::Custom(next.with_timezone(&off(330)));
        assert_eq!(future.resolve(now).unwrap(), Some(next));
    }

    #[test]
    fn a_custom_time_is_compared_as_an_instant_not_as_wall_clock() {
        // 15:30 at +02:00 is 13:30 UTC: already past at 14:00 UTC, though 15:30 > 14:00.
        let now = utc(2026, 1, 5, 14, 0, 0);
        let custom = parse_custom("2026-01-05", "15:30", off(120)).unwrap();
        assert_eq!(custom.resolve(now).unwrap_err().code(), "expiry_in_past");
        // The same wall-clock time at -05:00 is 20:30 UTC: in the future.
        let custom = parse_custom("2026-01-05", "15:30", off(-300)).unwrap();
        assert_eq!(
            custom.resolve(now).unwrap(),
            Some(utc(2026, 1, 5, 20, 30, 0))
        );
    }

    #[test]
    fn custom_local_times_convert_across_zones_and_dst_offsets() {
        // The same local time in summer (+02:00) and winter (+01:00) time of one zone.
        let summer = parse_custom("2026-07-01", "09:00", off(120)).unwrap();
        let winter = parse_custom("2026-12-01", "09:00", off(60)).unwrap();
        let now = utc(2026, 1, 1, 0, 0, 0);
        assert_eq!(summer.resolve(now).unwrap(), Some(utc(2026, 7, 1, 7, 0, 0)));
        assert_eq!(
            winter.resolve(now).unwrap(),
            Some(utc(2026, 12, 1, 8, 0, 0))
        );
        // Half and three-quarter hour offsets, and a date that changes in UTC.
        let india = parse_custom("2026-03-10", "00:15", off(330)).unwrap();
        assert_eq!(
            india.resolve(now).unwrap(),
            Some(utc(2026, 3, 9, 18, 45, 0))
        );
        let nepal = parse_custom("2026-03-10", "12:00", off(345)).unwrap();
        assert_eq!(
            nepal.resolve(now).unwrap(),
            Some(utc(2026, 3, 10, 6, 15, 0))
        );
        let newfoundland = parse_custom_datetime("2026-03-10T22:00", off(-150)).unwrap();
        assert_eq!(
            newfoundland.resolve(now).unwrap(),
            Some(utc(2026, 3, 11, 0, 30, 0))
        );
        // The offset is kept, so the UI can show the time as it was typed.
        match india {
            ExpiryPreset::Custom(at) => assert_eq!(at.to_rfc3339(), "2026-03-10T00:15:00+05:30"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn custom_input_is_validated() {
        for (date, time) in [
            ("", "10:00"),
            ("2026-02-30", "10:00"),
            ("05/01/2026", "10:00"),
            ("2026-01-05", "25:00"),
            ("2026-01-05", "noon"),
        ] {
            let err = parse_custom(date, time, off(0)).unwrap_err();
            assert_eq!(err.code(), "invalid_expiry", "{date} {time}");
        }
        assert_eq!(
            parse_custom_datetime("tomorrow", off(0))
                .unwrap_err()
                .code(),
            "invalid_expiry"
        );
        assert_eq!(
            offset_from_minutes(24 * 60).unwrap_err().code(),
            "invalid_expiry"
        );
        // No time: the end of the day.
        let end = parse_custom("2026-01-05", "", off(60)).unwrap();
        assert_eq!(
            end.resolve(utc(2026, 1, 1, 0, 0, 0)).unwrap(),
            Some(utc(2026, 1, 5, 22, 59, 0))
        );
        assert_eq!(
            parse_custom("2026-01-05", "10:00:30", off(0)).unwrap(),
            ExpiryPreset::Custom(utc(2026, 1, 5, 10, 0, 30).fixed_offset())
        );
    }

    #[test]
    fn preselect_finds_the_matching_preset() {
        let created = utc(2026, 1, 5, 14, 3, 0);
        let zone = off(60);
        for preset in ExpiryPreset::PRESETS {
            let expire = preset.resolve(created).unwrap();
            assert_eq!(preselect(expire, created, zone), preset, "{preset:?}");
            // The client's and the server's clocks differ by a little.
            if let Some(at) = expire {
                let skewed = Some(at + Duration::seconds(90));
                assert_eq!(preselect(skewed, created, zone), preset, "{preset:?}");
            }
        }
        let odd = created + Duration::days(3);
        assert_eq!(
            preselect(Some(odd), created, zone),
            ExpiryPreset::Custom(odd.with_timezone(&zone))
        );
        let just_outside =
            created + Duration::hours(1) + PRESELECT_TOLERANCE + Duration::seconds(1);
        assert!(matches!(
            preselect(Some(just_outside), created, zone),
            ExpiryPreset::Custom(_)
        ));
    }

    #[test]
    fn serializes_as_a_kind_and_an_optional_time() {
        assert_eq!(
            serde_json::to_string(&ExpiryPreset::SevenDays).unwrap(),
            r#"{"kind":"sevenDays"}"#
        );
        assert_eq!(
            serde_json::to_string(&ExpiryPreset::Never).unwrap(),
            r#"{"kind":"never"}"#
        );
        let custom = parse_custom("2026-01-05", "14:00", off(120)).unwrap();
        let json = serde_json::to_string(&custom).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"custom","at":"2026-01-05T14:00:00+02:00"}"#
        );
        assert_eq!(serde_json::from_str::<ExpiryPreset>(&json).unwrap(), custom);
        for preset in ExpiryPreset::PRESETS {
            let json = serde_json::to_string(&preset).unwrap();
            assert_eq!(serde_json::from_str::<ExpiryPreset>(&json).unwrap(), preset);
        }
        assert_eq!(ExpiryPreset::default(), ExpiryPreset::SevenDays);
        assert!(!custom.is_relative());
        assert_eq!(ExpiryPreset::OneYear.label(), "1 year");
    }
}
