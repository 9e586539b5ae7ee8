//! Rate limits: the client address behind trusted proxies, pruning of the
//! per-address limiters, and the per-account login back-off.

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::page_with_status;
use crate::Limits;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

/// Failed logins for one account name before the back-off starts.
pub const FREE_FAILURES: u32 = 5;
/// The first wait; each further failure doubles it.
const BASE_WAIT_MS: i64 = 30_000;
/// The longest wait.
const MAX_WAIT_MS: i64 = 3_600_000;
/// A failure older than this no longer counts.
const FORGET_MS: i64 = 86_400_000;
/// Accounts remembered at most (oldest failures are dropped first).
pub const MAX_ACCOUNTS: usize = 10_000;
/// The per-address limiters are pruned after this many checks.
const PRUNE_EVERY: u64 = 1024;

/// The client address of a request: without `trust_proxy` the socket
/// address; with it the address the trusted proxy appended to
/// `X-Forwarded-For`, counted `hops` entries from the right (1 = the
/// last entry), since everything left of it is what the client sent.
/// IPv6 addresses count per /64 network (one customer's line), so
/// rotating addresses within it does not escape a limit.
pub fn client_address(
    headers: &HeaderMap,
    socket: Option<IpAddr>,
    trust_proxy: bool,
    hops: u32,
) -> String {
    let forwarded = if trust_proxy {
        forwarded_for(headers, hops)
    } else {
        None
    };
    match forwarded.or(socket) {
        Some(ip) => network_of(ip),
        None => "local".to_string(),
    }
}

/// The `hops`-th address from the right of all `X-Forwarded-For` values
/// (several headers count as one list); the leftmost one when the list is
/// shorter (the request came through fewer proxies, so the first entry
/// was written by a trusted one). `None` without a parseable entry there.
fn forwarded_for(headers: &HeaderMap, hops: u32) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let hops = hops.max(1) as usize;
    let i = entries.len().saturating_sub(hops);
    parse_ip(entries.get(i)?)
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`
/// or `[2001:db8::1]:443`.
fn parse_ip(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Ok(sa) = s.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    None
}

fn network_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

impl Limits {
    /// Counts a check and prunes the limiters every `PRUNE_EVERY` checks.
    pub fn note_check(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.prune();
        }
    }

    /// Drops the state of every key that is back to a full quota, so the
    /// limiters hold only the clients of the last window.
    pub fn prune(&self) {
        for l in [&self.login, &self.signup, &self.contribute] {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }

    /// Keys held by the per-address limiters.
    pub fn keys(&self) -> usize {
        self.login.len() + self.signup.len() + self.contribute.len()
    }
}

/// Failed logins per account name, across all addresses: after
/// `FREE_FAILURES` failures each attempt must wait twice as long as the
/// last (30 s, 1 min, 2 min ... at most an hour). A bounded map.
#[derive(Default)]
pub struct AccountBackoff {
    failures: Mutex<HashMap<String, (u32, i64)>>,
}

/// The key of an account name as typed, per municipality.
fn account_key(tenant: i64, name: &str) -> String {
    let name: String = name.trim().to_lowercase().chars().take(320).collect();
    format!("{tenant}:{name}")
}

fn wait_after(failures: u32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(16);
    (BASE_WAIT_MS << doublings).min(MAX_WAIT_MS)
}

impl AccountBackoff {
    /// How many milliseconds the account must still wait (`None`: may try).
    pub fn wait_ms(&self, tenant: i64, name: &str, now: i64) -> Option<i64> {
        let m = self.failures.lock().ok()?;
        let (n, last) = m.get(&account_key(tenant, name))?;
        let until = last + wait_after(*n);
        (until > now).then_some(until - now)
    }

    /// Records a failed login for `name`.
    pub fn failed(&self, tenant: i64, name: &str, now: i64) {
        let Ok(mut m) = self.failures.lock() else {
            return;
        };
        let key = account_key(tenant, name);
        if !m.contains_key(&key) && m.len() >= MAX_ACCOUNTS {
            m.retain(|_, (_, last)| now - *last < FORGET_MS);
            if m.len() >= MAX_ACCOUNTS {
                let oldest = m
                    .iter()
                    .min_by_key(|(_, (_, last))| *last)
                    .map(|(k, _)| k.clone());
                if let Some(k) = oldest {
                    m.remove(&k);
                }
            }
        }
        let e = m.entry(key).or_insert((0, now));
        if now - e.1 >= FORGET_MS {
            e.0 = 0;
        }
        e.0 = e.0.saturating_add(1);
        e.1 = now;
    }

    /// A successful login clears the account's failures.
    pub fn succeeded(&self, tenant: i64, name: &str) {
        if let Ok(mut m) = self.failures.lock() {
            m.remove(&account_key(tenant, name));
        }
    }

    /// Accounts remembered.
    pub fn len(&self) -> usize {
        self.failures.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The form `template` again with a message on the e-mail field that says
/// when to try again (429 with `Retry-After`).
pub fn account_locked(
    ctx: &Ctx,
    wait_ms: i64,
    template: &str,
    form: minijinja::Value,
) -> AppResult {
    let seconds = (wait_ms + 999) / 1000;
    let minutes = (seconds + 59) / 60;
    let text = ctx.state.i18n.t(
        ctx.lang,
        "security-account-locked",
        &[("minutes", minutes.to_string())],
    );
    let errors = std::collections::BTreeMap::from([("email".to_string(), text)]);
    let mut r = page_with_status(
        ctx,
        template,
        minijinja::context! { errors, ..form },
        StatusCode::TOO_MANY_REQUESTS,
    )?;
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_trusted_proxy_entry_counts() {
        let socket = Some("10.0.0.1".parse().unwrap());
        let h = xff(&["6.6.6.6, 1.2.3.4"]);
        assert_eq!(client_address(&h, socket, false, 1), "10.0.0.1");
        assert_eq!(client_address(&h, socket, true, 1), "1.2.3.4");
        assert_eq!(client_address(&h, socket, true, 2), "6.6.6.6");
        // Fewer entries than hops: the first one, written by a proxy.
        assert_eq!(client_address(&h, socket, true, 5), "6.6.6.6");
        // Several headers are one list.
        let h = xff(&["6.6.6.6", "1.2.3.4"]);
        assert_eq!(client_address(&h, socket, true, 1), "1.2.3.4");
        // Ports and brackets as proxies write them.
        let h = xff(&["[2001:db8:1:2::7]:443"]);
        assert_eq!(client_address(&h, socket, true, 1), "2001:db8:1:2::/64");
        let h = xff(&["1.2.3.4:5678"]);
        assert_eq!(client_address(&h, socket, true, 1), "1.2.3.4");
        // Garbage or no header: the socket address.
        let h = xff(&["not-an-address"]);
        assert_eq!(client_address(&h, socket, true, 1), "10.0.0.1");
        assert_eq!(
            client_address(&HeaderMap::new(), socket, true, 1),
            "10.0.0.1"
        );
        assert_eq!(client_address(&HeaderMap::new(), None, true, 1), "local");
        // One IPv6 network is one client.
        let a = client_address(
            &HeaderMap::new(),
            Some("2001:db8::1".parse().unwrap()),
            false,
            1,
        );
        let b = client_address(
            &HeaderMap::new(),
            Some("2001:db8::ffff:2".parse().unwrap()),
            false,
            1,
        );
        assert_eq!(a, b);
    }

    #[test]
    fn backoff_doubles_and_clears() {
        let b = AccountBackoff::default();
        let t = 1_000_000;
        for i in 0..FREE_FAILURES {
            assert_eq!(b.wait_ms(1, "a@b.de", t), None, "failure {i}");
            b.failed(1, "A@b.de ", t);
        }
        assert_eq!(b.wait_ms(1, "a@b.de", t), Some(30_000));
        assert_eq!(b.wait_ms(1, "a@b.de", t + 30_000), None);
        b.failed(1, "a@b.de", t + 30_000);
        assert_eq!(b.wait_ms(1, "a@b.de", t + 30_000), Some(60_000));
        for _ in 0..40 {
            b.failed(1, "a@b.de", t + 30_000);
        }
        assert_eq!(b.wait_ms(1, "a@b.de", t + 30_000), Some(MAX_WAIT_MS));
        // Another municipality's account of the same name is another account.
        assert_eq!(b.wait_ms(2, "a@b.de", t + 30_000), None);
        b.succeeded(1, "a@b.de");
        assert_eq!(b.wait_ms(1, "a@b.de", t + 30_000), None);
        assert!(b.is_empty());
    }

    #[test]
    fn backoff_map_is_bounded() {
        let b = AccountBackoff::default();
        for _ in 0..FREE_FAILURES {
            b.failed(1, "victim@b.de", 0);
        }
        for i in 0..(MAX_ACCOUNTS * 2) {
            b.failed(1, &format!("x{i}@b.de"), 1 + i as i64);
        }
        assert!(b.len() <= MAX_ACCOUNTS, "{}", b.len());
        // The oldest entries went first; old failures are forgotten.
        assert_eq!(b.wait_ms(1, "victim@b.de", 1), None);
        let later = FORGET_MS * 2;
        b.failed(1, "new@b.de", later);
        assert_eq!(b.len(), 1);
    }
}
