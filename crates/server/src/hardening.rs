//! Command-line settings of the web hardening (client address behind
//! proxies, host names); see README "Sicherheit: Weiterleitungen, Proxy,
//! Header".

use clap::Args;

#[derive(Args, Debug, Clone)]
pub struct HardeningArgs {
    /// With --trust-proxy: how many proxies append to X-Forwarded-For; the
    /// client address is this many entries from the right
    #[arg(long, env = "TEILHABE_PROXY_HOPS", default_value_t = 1)]
    pub proxy_hops: u32,
    /// Serve only host names configured for a municipality (421 for any
    /// other); without it a single municipality answers every host name
    #[arg(long, env = "TEILHABE_STRICT_HOSTS")]
    pub strict_hosts: bool,
}

impl HardeningArgs {
    /// Copies the settings into the web configuration.
    pub fn apply(&self, config: &mut teilhabe_web::Config) {
        config.proxy_hops = self.proxy_hops.max(1);
        config.strict_hosts = self.strict_hosts;
    }
}
