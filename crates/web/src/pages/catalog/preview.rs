//! The table preview of CSV and JSON distributions.
