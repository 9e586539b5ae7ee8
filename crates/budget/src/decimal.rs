//! Exact decimal amounts (budgets, costs, points) as scaled integers.

/// Maximal number of decimal places accepted.
pub const MAX_SCALE: u32 = 6;

/// A non-negative or negative decimal number `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

/// Why a decimal could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    NotANumber,
    TooPrecise,
    TooLarge,
}

impl Decimal {
    /// Parses `123`, `-4`, `2917710.16`, `12,5` (comma as decimal separator, like pabutools).
    pub fn parse(s: &str) -> Result<Decimal, DecimalError> {
        let s = s.trim();
        let (neg, digits) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match digits.find(['.', ',']) {
            Some(i) => (&digits[..i], &digits[i + 1..]),
            None => (digits, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(DecimalError::NotANumber);
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DecimalError::NotANumber);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() as u32 > MAX_SCALE {
            return Err(DecimalError::TooPrecise);
        }
        let int = int.trim_start_matches('0');
        if int.len() > 18 {
            return Err(DecimalError::TooLarge);
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m * 10 + i128::from(b - b'0');
        }
        Ok(Decimal {
            mantissa: if neg { -m } else { m },
            scale: frac.len() as u32,
        })
    }

    /// The value scaled to `scale` decimal places (`scale >= self.scale`).
    pub fn scaled(&self, scale: u32) -> i128 {
        self.mantissa * 10i128.pow(scale.saturating_sub(self.scale))
    }

    /// Approximate value.
    pub fn to_f64(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }
}

/// Formats `value / 10^scale` without trailing zeros (`2917710.16`, `180000`).
pub fn format_scaled(value: i128, scale: u32) -> String {
    if scale == 0 {
        return value.to_string();
    }
    let neg = value < 0;
    let v = value.unsigned_abs();
    let p = 10u128.pow(scale);
    let int = v / p;
    let frac = v % p;
    let mut s = if neg { "-".to_string() } else { String::new() };
    s.push_str(&int.to_string());
    if frac != 0 {
        let f = format!("{:0width$}", frac, width = scale as usize);
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        let d = Decimal::parse("2917710.16").unwrap();
        assert_eq!(
            d,
            Decimal {
                mantissa: 291771016,
                scale: 2
            }
        );
        assert_eq!(format_scaled(d.scaled(4), 4), "2917710.16");
        assert_eq!(
            Decimal::parse("12,50").unwrap(),
            Decimal {
                mantissa: 125,
                scale: 1
            }
        );
        assert_eq!(
            Decimal::parse("007").unwrap(),
            Decimal {
                mantissa: 7,
                scale: 0
            }
        );
        assert_eq!(Decimal::parse("abc"), Err(DecimalError::NotANumber));
        assert_eq!(Decimal::parse(""), Err(DecimalError::NotANumber));
        assert_eq!(Decimal::parse("1.2.3"), Err(DecimalError::NotANumber));
        assert_eq!(format_scaled(180000, 0), "180000");
        assert_eq!(format_scaled(-5, 2), "-0.05");
    }
}
