//! The municipality of a request by its `Host`, cached: host name ->
//! municipality id in a small bounded map, the municipality's data once
//! per municipality. Entries are reloaded after 30 s or when an admin
//! changes settings on this instance (`AppState::forget_tenants`).
//!
//! Without `--strict-hosts` a single municipality answers every host name
//! (a fresh install works on localhost and its IP without configuration);
//! such host names share the bounded map, so random `Host` headers cannot
//! grow memory. With `--strict-hosts` only host names configured for a
//! municipality are served; any other gets 421 Misdirected Request.

use crate::error::AppError;
use crate::AppState;
use std::collections::HashMap;
use std::sync::RwLock;
use teilhabe_store::Tenant;

const TTL_MS: i64 = 30_000;
/// Host names remembered at most (the oldest entry makes room).
pub const MAX_HOSTS: usize = 64;

#[derive(Default)]
pub struct TenantCache {
    /// Host name (lower case, without port) -> (municipality id, loaded at).
    hosts: RwLock<HashMap<String, (i64, i64)>>,
    /// Municipality id -> (data, loaded at).
    tenants: RwLock<HashMap<i64, (Tenant, i64)>>,
}

fn fresh(at: i64, now: i64) -> bool {
    now - at < TTL_MS && now >= at
}

/// The cache key of a `Host` header: lower case, without port, at most
/// 253 characters (a DNS name).
fn host_key(host: &str) -> String {
    let name = match host.strip_prefix('[') {
        // An IPv6 literal: "[::1]:8080".
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name.chars()
        .take(253)
        .collect::<String>()
        .to_ascii_lowercase()
}

impl TenantCache {
    fn cached(&self, key: &str, now: i64) -> Option<Tenant> {
        let id = match self.hosts.read().ok()?.get(key) {
            Some((id, at)) if fresh(*at, now) => *id,
            _ => return None,
        };
        match self.tenants.read().ok()?.get(&id) {
            Some((t, at)) if fresh(*at, now) => Some(t.clone()),
            _ => None,
        }
    }

    fn remember(&self, key: String, t: &Tenant, now: i64) {
        if let Ok(mut hosts) = self.hosts.write() {
            if !hosts.contains_key(&key) && hosts.len() >= MAX_HOSTS {
                hosts.retain(|_, (_, at)| fresh(*at, now));
                if hosts.len() >= MAX_HOSTS {
                    let oldest = hosts
                        .iter()
                        .min_by_key(|(_, (_, at))| *at)
                        .map(|(k, _)| k.clone());
                    if let Some(k) = oldest {
                        hosts.remove(&k);
                    }
                }
            }
            hosts.insert(key, (t.id, now));
        }
        if let Ok(mut tenants) = self.tenants.write() {
            tenants.insert(t.id, (t.clone(), now));
        }
    }

    /// Forgets everything (after a change of settings).
    pub fn clear(&self) {
        if let Ok(mut m) = self.hosts.write() {
            m.clear();
        }
        if let Ok(mut m) = self.tenants.write() {
            m.clear();
        }
    }

    /// Host names and municipalities held.
    pub fn sizes(&self) -> (usize, usize) {
        let h = self.hosts.read().map(|m| m.len()).unwrap_or(0);
        let t = self.tenants.read().map(|m| m.len()).unwrap_or(0);
        (h, t)
    }
}

/// The municipality served under `host`.
pub async fn tenant_for(state: &AppState, host: &str) -> Result<Tenant, AppError> {
    let now = state.store.now();
    let key = host_key(host);
    if let Some(t) = state.tenants.cached(&key, now) {
        return Ok(t);
    }
    let tenants = state.store.tenants();
    let t = if state.config.strict_hosts {
        tenants
            .for_configured_host(&key)
            .await?
            .ok_or(AppError::UnknownHost)?
    } else {
        tenants
            .for_host(&key)
            .await?
            .ok_or(AppError::NoMunicipality)?
    };
    state.tenants.remember(key, &t, now);
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keys() {
        assert_eq!(host_key("Musterstadt.Example:8080"), "musterstadt.example");
        assert_eq!(host_key("[::1]:8080"), "::1");
        assert_eq!(host_key(&"a".repeat(1000)).len(), 253);
    }
}
