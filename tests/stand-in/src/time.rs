//! Instants as microseconds since the epoch, written and read as the API's ISO 8601
//! (`2019-07-30T05:32:52.226664Z`), without a date library.

pub fn now_us() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (eras of 400 years repeat exactly).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12; // March is 0, so the leap day ends the year
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn iso_from_us(us: i64) -> String {
    let secs = us.div_euclid(1_000_000);
    let micros = us.rem_euclid(1_000_000);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (UTC only); `None` for anything else.
pub fn us_from_iso(s: &str) -> Option<i64> {
    let body = s.strip_suffix('Z')?;
    let (date, time) = body.split_once('T')?;
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let numbers = |text: &str, sep: char, widths: [usize; 3]| -> Option<[i64; 3]> {
        let parts: Vec<&str> = text.split(sep).collect();
        let mut out = [0; 3];
        if parts.len() != 3 {
            return None;
        }
        for ((slot, part), width) in out.iter_mut().zip(parts).zip(widths) {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = part.parse().ok()?;
        }
        Some(out)
    };
    let [year, month, day] = numbers(date, '-', [4, 2, 2])?;
    let [hour, minute, second] = numbers(clock, ':', [2, 2, 2])?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let micros = format!("{fraction:0<6}")[..6].parse::<i64>().ok()?;
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(secs * 1_000_000 + micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_fixture_format() {
        assert_eq!(iso_from_us(0), "1970-01-01T00:00:00.000000Z");
        // 2019-07-30T05:32:52.226664Z, the login-activity fixture's instant.
        assert_eq!(iso_from_us(1_564_464_772_226_664), "2019-07-30T05:32:52.226664Z");
        assert_eq!(iso_from_us(951_782_400_000_000), "2000-02-29T00:00:00.000000Z");
    }

    #[test]
    fn reads_back_what_it_writes_and_refuses_the_rest() {
        for us in [0, 1_564_464_772_226_664, 951_782_400_000_000, 4_102_444_799_999_999] {
            assert_eq!(us_from_iso(&iso_from_us(us)), Some(us));
        }
        assert_eq!(us_from_iso("2019-07-30T05:32:52Z"), Some(1_564_464_772_000_000));
        assert_eq!(us_from_iso("2019-07-30T05:32:52.5Z"), Some(1_564_464_772_500_000));
        for bad in ["2019-07-30", "2019-07-30T05:32:52", "2019-13-01T00:00:00Z", "19-07-30T05:32:52Z", "x"] {
            assert_eq!(us_from_iso(bad), None, "{bad}");
        }
    }
}
