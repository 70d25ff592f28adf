//! Which client a request comes from, for the rate limits: its network address, or the
//! one a trusted reverse proxy says it forwarded for. An IPv6 client is its /64, the
//! block one household or phone gets.

use std::{
    net::{IpAddr, Ipv6Addr},
    str::FromStr,
};

use axum::http::HeaderMap;
use serde::{Deserialize, Deserializer, de};

/// The reverse proxies whose `X-Forwarded-For` is believed, as a comma-separated list
/// of addresses and networks: `10.0.0.1, 10.1.0.0/16, ::1`. Empty by default: the
/// header is ignored and the connection's address is the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    fn contains(self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let (addr, prefix) = entry.split_once('/').unwrap_or((entry, ""));
                let addr = IpAddr::from_str(addr)
                    .map_err(|_| format!("“{entry}” is not an IP address or network"))?
                    .to_canonical();
                let bits = if addr.is_ipv4() { 32 } else { 128 };
                let prefix = if prefix.is_empty() {
                    bits
                } else {
                    prefix
                        .parse()
                        .ok()
                        .filter(|prefix| *prefix <= bits)
                        .ok_or_else(|| format!("“{entry}” has no valid prefix length"))?
                };
                Ok(Network { addr, prefix })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(de::Error::custom)
    }
}

impl TrustedProxies {
    fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client behind a connection from `peer`: when `peer` is a trusted proxy, the
    /// nearest address in `X-Forwarded-For` that is not one (each proxy appends the
    /// address it heard from); otherwise `peer` itself.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.contains(peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = peer;
        for entry in forwarded.into_iter().rev() {
            // An address, or one with its port (`192.0.2.1:5000`, `[2001:db8::1]:443`).
            let parsed = IpAddr::from_str(entry)
                .or_else(|_| std::net::SocketAddr::from_str(entry).map(|addr| addr.ip()));
            match parsed {
                Ok(ip) => {
                    client = ip.to_canonical();
                    if !self.contains(client) {
                        break;
                    }
                }
                // What a proxy did not write can't be believed; the last good one stands.
                Err(_) => break,
            }
        }
        client
    }
}

/// The rate limits' name for a client: an IPv4 address, or an IPv6 address's /64.
pub fn key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => {
            let block = u128::from(ip) & (u128::MAX << 64);
            format!("{}/64", Ipv6Addr::from(block))
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        assert_eq!(key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            key(ip("2001:db8:1:2:aaaa::1")),
            key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(key(ip("2001:db8:1:2::1")), key(ip("2001:db8:1:3::1")));
        assert_eq!(key(ip("::ffff:192.0.2.7")), "192.0.2.7");
        assert_eq!(key(ip("192.0.2.7")), "192.0.2.7");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxies: TrustedProxies = "10.0.0.1, 10.9.0.0/16".parse().expect("valid");
        let spoofed = forwarded("203.0.113.9, 198.51.100.4");

        assert_eq!(proxies.client(ip("192.0.2.1"), &spoofed), ip("192.0.2.1"));
        assert_eq!(proxies.client(ip("10.0.0.1"), &spoofed), ip("198.51.100.4"));
        // Through two proxies of ours: the nearest address that is not ours.
        let chained = forwarded("203.0.113.9, 198.51.100.4, 10.9.3.3");
        assert_eq!(proxies.client(ip("10.0.0.1"), &chained), ip("198.51.100.4"));
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded("junk")),
            ip("10.0.0.1")
        );
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded("198.51.100.4:5000")),
            ip("198.51.100.4")
        );
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded("[2001:db8::1]:443")),
            ip("2001:db8::1")
        );
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &spoofed),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn a_bad_proxy_list_is_an_error() {
        assert!("10.0.0.1, nope".parse::<TrustedProxies>().is_err());
        assert!("10.0.0.0/33".parse::<TrustedProxies>().is_err());
        assert_eq!("".parse(), Ok(TrustedProxies::default()));
        let proxies: TrustedProxies = "10.0.0.0/8, ::1".parse().expect("valid");
        assert!(proxies.contains(ip("10.200.0.1")) && proxies.contains(ip("::1")));
        assert!(!proxies.contains(ip("11.0.0.1")));
    }
}
