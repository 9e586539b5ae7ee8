//! Values taken from the request path, parsed one way everywhere: an id
//! that is not a positive whole number is a bad request ("error-id"), a
//! well-formed id of nothing is the service's "not found".

use crate::error::AppError;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

/// A positive id from the text of a path segment.
pub fn parse_id(s: &str) -> Result<i64, AppError> {
    match s.parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(AppError::BadRequest(
            "error-id",
            s.chars().take(40).collect(),
        )),
    }
}

/// The page number of a list (`?page=`): absent is the first page; outside
/// 1..=[`teilhabe_store::MAX_PAGE`] is a bad request ("error-page"), one
/// rule for every paged list, pages and API alike.
pub fn page_number(page: Option<i64>) -> Result<i64, AppError> {
    let page = page.unwrap_or(1);
    if (1..=teilhabe_store::MAX_PAGE).contains(&page) {
        Ok(page)
    } else {
        Err(AppError::BadRequest("error-page", String::new()))
    }
}

/// The one id of a route such as `/proposals/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::BadRequest("error-id", String::new()))?;
        parse_id(&raw).map(PathId)
    }
}

/// Unix milliseconds as RFC 3339 with milliseconds, in UTC
/// ("2026-11-27T12:00:00.123Z"): the API's one time format.
pub fn rfc3339_ms(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_bounded() {
        assert_eq!(page_number(None).ok(), Some(1));
        assert_eq!(page_number(Some(7)).ok(), Some(7));
        assert_eq!(
            page_number(Some(teilhabe_store::MAX_PAGE)).ok(),
            Some(teilhabe_store::MAX_PAGE)
        );
        for bad in [0, -1, teilhabe_store::MAX_PAGE + 1, i64::MAX, i64::MIN] {
            assert!(
                matches!(
                    page_number(Some(bad)),
                    Err(AppError::BadRequest("error-page", _))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn ids_are_positive_whole_numbers() {
        assert_eq!(parse_id("42").ok(), Some(42));
        for bad in ["0", "-1", "abc", "1x", "", "99999999999999999999999"] {
            assert!(
                matches!(parse_id(bad), Err(AppError::BadRequest("error-id", _))),
                "{bad}"
            );
        }
    }

    #[test]
    fn times_keep_their_milliseconds() {
        assert_eq!(rfc3339_ms(1_795_780_800_123), "2026-11-27T12:00:00.123Z");
        assert_eq!(rfc3339_ms(1_795_780_800_000), "2026-11-27T12:00:00Z");
    }
}
