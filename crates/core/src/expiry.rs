//! Token expiry choices: the presets (1 hour … 1 year, Never, Custom), what date each gives, and
//! which one an existing expiry matches.

use chrono::{DateTime, Duration, FixedOffset, Months, SubsecRound, Utc};
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
    /// A date beyond what can be represented.
    #[error("the expiry is too far in the future; choose an earlier date")]
    OutOfRange,
}

impl ExpiryError {
    /// A stable machine code: `expiry_in_past` or `expiry_out_of_range`.
    pub fn code(&self) -> &'static str {
        match self {
            ExpiryError::InPast { .. } => "expiry_in_past",
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

    /// The choice as people read it: "1 hour" … "1 year", "Never", or "until" a custom date
    /// (as the UI's `lib/expiry.js` labels the presets).
    pub fn label(&self) -> String {
        match self {
            ExpiryPreset::OneHour => "1 hour".into(),
            ExpiryPreset::OneDay => "1 day".into(),
            ExpiryPreset::SevenDays => "7 days".into(),
            ExpiryPreset::ThirtyDays => "30 days".into(),
            ExpiryPreset::NinetyDays => "90 days".into(),
            ExpiryPreset::OneYear => "1 year".into(),
            ExpiryPreset::Never => "Never".into(),
            ExpiryPreset::Custom(at) => format!("until {}", at.format("%Y-%m-%d %H:%M %:z")),
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
/// else `Custom` at the expiry (in UTC; the UI shows it in local time).
pub fn preselect(expire: Option<DateTime<Utc>>, created: DateTime<Utc>) -> ExpiryPreset {
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
        .unwrap_or_else(|| ExpiryPreset::Custom(expire.fixed_offset()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    /// A custom expiry at a local date and time in a zone `minutes` east of UTC.
    fn local(minutes: i32, (y, mo, d): (i32, u32, u32), (h, mi): (u32, u32)) -> ExpiryPreset {
        ExpiryPreset::Custom(off(minutes).with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap())
    }

    fn off(minutes: i32) -> FixedOffset {
        FixedOffset::east_opt(minutes * 60).unwrap()
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
        let custom = local(120, (2026, 1, 5), (15, 30));
        assert_eq!(custom.resolve(now).unwrap_err().code(), "expiry_in_past");
        // The same wall-clock time at -05:00 is 20:30 UTC: in the future.
        let custom = local(-300, (2026, 1, 5), (15, 30));
        assert_eq!(
            custom.resolve(now).unwrap(),
            Some(utc(2026, 1, 5, 20, 30, 0))
        );
    }

    #[test]
    fn custom_local_times_convert_across_zones_and_dst_offsets() {
        // The same local time in summer (+02:00) and winter (+01:00) time of one zone.
        let summer = local(120, (2026, 7, 1), (9, 0));
        let winter = local(60, (2026, 12, 1), (9, 0));
        let now = utc(2026, 1, 1, 0, 0, 0);
        assert_eq!(summer.resolve(now).unwrap(), Some(utc(2026, 7, 1, 7, 0, 0)));
        assert_eq!(
            winter.resolve(now).unwrap(),
            Some(utc(2026, 12, 1, 8, 0, 0))
        );
        // Half and three-quarter hour offsets, and a date that changes in UTC.
        let india = local(330, (2026, 3, 10), (0, 15));
        assert_eq!(
            india.resolve(now).unwrap(),
            Some(utc(2026, 3, 9, 18, 45, 0))
        );
        let nepal = local(345, (2026, 3, 10), (12, 0));
        assert_eq!(
            nepal.resolve(now).unwrap(),
            Some(utc(2026, 3, 10, 6, 15, 0))
        );
        let newfoundland = local(-150, (2026, 3, 10), (22, 0));
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
    fn preselect_finds_the_matching_preset() {
        let created = utc(2026, 1, 5, 14, 3, 0);
        for preset in ExpiryPreset::PRESETS {
            let expire = preset.resolve(created).unwrap();
            assert_eq!(preselect(expire, created), preset, "{preset:?}");
            // The client's and the server's clocks differ by a little.
            if let Some(at) = expire {
                let skewed = Some(at + Duration::seconds(90));
                assert_eq!(preselect(skewed, created), preset, "{preset:?}");
            }
        }
        let odd = created + Duration::days(3);
        assert_eq!(
            preselect(Some(odd), created),
            ExpiryPreset::Custom(odd.fixed_offset())
        );
        let just_outside =
            created + Duration::hours(1) + PRESELECT_TOLERANCE + Duration::seconds(1);
        assert!(matches!(
            preselect(Some(just_outside), created),
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
        let custom = local(120, (2026, 1, 5), (14, 0));
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
    }
}
