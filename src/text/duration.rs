//! Durations in the words people use: "about 4 hours", "3 days". News Sniffer pages word
//! the time between versions this way, and the views say the same.

/// A duration in seconds as words, in the style of Rails' `distance_of_time_in_words`.
pub fn in_words(secs: i64) -> String {
    let mins = (secs as f64 / 60.0).round() as i64;
    match mins {
        0 => "less than a minute".into(),
        1 => "1 minute".into(),
        2..=44 => format!("{mins} minutes"),
        45..=89 => "about 1 hour".into(),
        90..=1439 => format!("about {} hours", (mins as f64 / 60.0).round() as i64),
        1440..=2519 => "1 day".into(),
        2520..=43199 => format!("{} days", (mins as f64 / 1440.0).round() as i64),
        43200..=86399 => "about 1 month".into(),
        86400..=525599 => format!("{} months", (mins as f64 / 43200.0).round() as i64),
        _ => {
            let years = mins / 525600;
            if years <= 1 {
                "about 1 year".into()
            } else {
                format!("about {years} years")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_read_like_rails() {
        assert_eq!(in_words(20), "less than a minute");
        assert_eq!(in_words(4 * 3600 + 100), "about 4 hours");
        assert_eq!(in_words(3 * 86400), "3 days");
    }
}
