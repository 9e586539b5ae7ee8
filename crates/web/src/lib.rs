//! The web layer: HTML pages and the JSON API over the same services.
//! Handlers parse, call one service method, and render; rules live in
//! `teilhabe-domain` and `teilhabe-store`.

pub mod api;
pub mod cache;
pub mod chart;
pub mod csrf;
pub mod ctx;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod limits;
pub mod module;
pub mod pages;
pub mod params;
pub mod render;
pub mod security;
pub mod tenants;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;
use teilhabe_store::{Store, Tenant};

pub use ctx::Ctx;
pub use error::{AppError, AppResult};

/// Settings of the web layer (the binary fills them from flags/env).
#[derive(Debug, Clone)]
pub struct Config {
    /// The public base URL, used in mails ("http://localhost:8080").
    pub base_url: String,
    /// Set cookies with `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` for the client address (behind a proxy).
    pub trust_proxy: bool,
    /// With `trust_proxy`: how many proxies append to `X-Forwarded-For`
    /// (the client address is this many entries from the right).
    pub proxy_hops: u32,
    /// Serve only host names configured for a municipality (421 for any
    /// other); without it a single municipality answers every host.
    pub strict_hosts: bool,
    pub login_per_minute: u32,
    pub signup_per_hour: u32,
    pub contributions_per_minute: u32,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// How long anonymous pages are reused (0 = never); see `cache.rs`.
    pub page_cache_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "http://localhost:8080".into(),
            secure_cookies: false,
            trust_proxy: false,
            proxy_hops: 1,
            strict_hosts: false,
            login_per_minute: 10,
            signup_per_hour: 20,
            contributions_per_minute: 30,
            max_body_bytes: 256 * 1024,
            page_cache_ms: 1000,
        }
    }
}

pub struct Limits {
    pub login: DefaultKeyedRateLimiter<String>,
    pub signup: DefaultKeyedRateLimiter<String>,
    pub contribute: DefaultKeyedRateLimiter<String>,
    /// Failed logins per account name, across addresses (`limits.rs`).
    pub accounts: limits::AccountBackoff,
    /// Checks since start; the limiters are pruned every 1024.
    pub checks: std::sync::atomic::AtomicU64,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

pub struct Inner {
    pub store: Store,
    pub config: Config,
    pub i18n: i18n::I18n,
    pub templates: minijinja::Environment<'static>,
    pub csrf_secret: String,
    pub limits: Limits,
    /// Municipality by host name (bounded; see `tenants.rs`).
    pub tenants: tenants::TenantCache,
    pub page_cache: cache::PageCache,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub async fn new(store: Store, config: Config) -> Result<AppState, teilhabe_store::StoreError> {
        let csrf_secret = store.instance_secret("csrf").await?;
        let limits = Limits {
            login: RateLimiter::keyed(Quota::per_minute(nz(config.login_per_minute))),
            signup: RateLimiter::keyed(Quota::per_hour(nz(config.signup_per_hour))),
            contribute: RateLimiter::keyed(Quota::per_minute(nz(config.contributions_per_minute))),
            accounts: limits::AccountBackoff::default(),
            checks: Default::default(),
        };
        let i18n = i18n::I18n::new();
        let templates = render::environment();
        let page_cache =
            cache::PageCache::new(std::time::Duration::from_millis(config.page_cache_ms));
        Ok(AppState(Arc::new(Inner {
            store,
            config,
            i18n,
            templates,
            csrf_secret,
            limits,
            tenants: Default::default(),
            page_cache,
        })))
    }

    /// The public base URL of `tenant`'s links in mails and letters: its
    /// own if an admin set one, else the server's (`Config::base_url`).
    pub fn base_url_for(&self, tenant: &Tenant) -> String {
        if tenant.base_url.is_empty() {
            self.config.base_url.clone()
        } else {
            tenant.base_url.clone()
        }
    }

    pub fn forget_tenants(&self) {
        self.tenants.clear();
        self.page_cache.clear();
    }
}

pub fn router(state: AppState) -> Router {
    let max = state.config.max_body_bytes;
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            render::render_errors,
        ))
        .layer(DefaultBodyLimit::max(max))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::micro_cache,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}
