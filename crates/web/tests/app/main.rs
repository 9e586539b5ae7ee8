//! Integration tests of the whole web application, one binary (faster to
//! link). They run against SQLite, or PostgreSQL when
//! TEILHABE_TEST_POSTGRES_URL is set (scripts/test runs both).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod api;
mod audit_anchoring;
mod bad_input;
mod budget;
mod catalog;
mod catalog_export;
mod catalog_harvest;
mod catalog_links;
mod catalog_preview;
mod catalog_publish;
mod catalog_requests;
mod ckan;
mod common;
mod council;
mod evaluation;
mod flows;
mod gdpr;
mod goals;
mod limits;
mod opinion;
mod pages;
mod permissions;
mod ready;
mod register;
mod register_api;
mod register_exchange;
mod register_questions;
mod security;
mod settings;
mod tokens;
mod twofactor;
