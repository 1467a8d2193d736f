//! Coordinates: a place's `lat` and `lon`, read from the digits as
//! written, so that a value is refused rather than rounded.

use super::*;
use crate::load::doc::{Node, Value};

/// Which coordinate a number is, and the range it must lie in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    fn limit(self) -> f64 {
        match self {
            Axis::Latitude => 90.0,
            Axis::Longitude => 180.0,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Axis::Latitude => "latitude",
            Axis::Longitude => "longitude",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Axis::Latitude => "lat = 34.0151 (north is positive)",
            Axis::Longitude => "lon = 71.5249 (east is positive)",
        }
    }
}

/// At most this many digits after the point: about 11 cm, finer than any
/// chronology knows where something happened.
pub const DEGREE_DECIMALS: usize = 6;

impl Walker<'_, '_> {
    /// A coordinate in decimal degrees: an integer or a float written
    /// plainly (no exponent), within ±90 or ±180, with at most
    /// `DEGREE_DECIMALS` decimals. The digits are read from the file, so
    /// that `34.01510000001` is refused rather than rounded.
    pub(super) fn degrees(&mut self, v: &Node<'_>, axis: Axis) -> Option<f64> {
        if !matches!(v.value, Value::Float | Value::Integer { radix: 10, .. }) {
            self.wrong_type(
                v,
                &format!("a number of degrees such as {}", axis.example()),
            );
            return None;
        }
        let written = self.source.text.get(v.span.clone()).unwrap_or_default();
        let digits = written.replace('_', "");
        let problem = match parse_degrees(&digits) {
            Err(why) => why,
            Ok(d) if d.abs() > axis.limit() => format!(
                "a {} lies between -{limit} and {limit}",
                axis.noun(),
                limit = axis.limit()
            ),
            Ok(d) => return Some(d),
        };
        self.push(
            Diagnostic::error(
                "bad-coordinate",
                format!("{} {} is not a coordinate", axis.noun(), one_line(written)),
            )
            .at(self.file, v.span.clone(), problem)
            .hint(format!(
                "write decimal degrees, e.g. {}; at most {DEGREE_DECIMALS} decimals",
                axis.example()
            )),
        );
        None
    }
}

/// Decimal degrees as written: digits, one optional point and sign.
fn parse_degrees(s: &str) -> Result<f64, String> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let plain = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !plain(whole) || !plain(frac) {
        return Err("write the degrees as a plain decimal number, such as 34.0151".into());
    }
    if frac.len() > DEGREE_DECIMALS {
        return Err(format!(
            "{} decimals; at most {DEGREE_DECIMALS}",
            frac.len()
        ));
    }
    s.parse::<f64>().map_err(|_| "not a number".to_string())
}
