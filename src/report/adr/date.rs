//! The calendar date of a UNIX time, for the `date` of a document. Pure and std-only:
//! the binary reads the clock (or `SOURCE_DATE_EPOCH`) and passes the seconds in.

/// Seconds in a day; UNIX time has no leap seconds.
const SECONDS_PER_DAY: i64 = 86_400;

/// The ISO 8601 date `YYYY-MM-DD` (UTC, proleptic Gregorian) of a UNIX time in seconds.
pub fn iso_date(unix_seconds: i64) -> String {
    let (year, month, day) = civil_from_days(unix_seconds.div_euclid(SECONDS_PER_DAY));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The (year, month, day) of a count of days since 1970-01-01: Howard Hinnant's
/// `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>), which
/// counts in 400-year eras of 146,097 days that start on 1 March, so the leap day is
/// the last day of its year. Exact for any day a UNIX time in `i64` seconds reaches.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0..=146_096
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // 0..=399
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // 0..=365, from 1 March
    let month_from_march = (5 * day_of_year + 2) / 153; // 0..=11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // 1..=31
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 }; // 1..=12
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or_default(), u32::try_from(day).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_of_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29), "a leap day of a year divisible by 400");
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
        assert_eq!(civil_from_days(20_780), (2026, 11, 23));
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
    }

    #[test]
    fn iso_dates_of_unix_times() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(951_868_799), "2000-02-29", "the last second of the day");
        assert_eq!(iso_date(1_795_392_000), "2026-11-23");
        assert_eq!(iso_date(4_107_542_400), "2100-03-01", "2100 is not a leap year");
        assert_eq!(iso_date(-1), "1969-12-31");
    }

    #[test]
    fn every_day_follows_the_one_before() {
        // Walk 1900..2101 day by day and check the calendar rules independently.
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let mut previous = civil_from_days(-25_568); // 1899-12-31
        assert_eq!(previous, (1899, 12, 31));
        for days in -25_567..=47_846 {
            let (y, m, d) = civil_from_days(days);
            let (py, pm, pd) = previous;
            let month_length = match pm {
                2 if leap(py) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let expected = if pd < month_length {
                (py, pm, pd + 1)
            } else if pm < 12 {
                (py, pm + 1, 1)
            } else {
                (py + 1, 1, 1)
            };
            assert_eq!((y, m, d), expected, "day {days}");
            previous = (y, m, d);
        }
        assert_eq!(previous, (2100, 12, 31));
    }
}
