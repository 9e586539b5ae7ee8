//! Integration tests of the whole web application, one binary (faster to
//! link). They run against SQLite, or PostgreSQL when
//! TEILHABE_TEST_POSTGRES_URL is set (scripts/test runs both).

mod api;
mod bad_input;
mod budget;
mod common;
mod evaluation;
mod flows;
mod opinion;
mod pages;
mod permissions;
mod register;
