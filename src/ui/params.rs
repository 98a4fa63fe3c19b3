//! Typed query parameters of the routes, read with `use_query::<T>()`, and the links that carry
//! them, so that a parameter is spelt in one place.

use crate::content::Kind;
use leptos::Params;
use leptos_router::params::Params;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// `/practice?drill=KIND,KIND&set=PAYLOAD`: a drill of customer moves (from Progress) or a
/// trainer's practice link.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct PracticeQuery {
    pub drill: Option<Drill>,
    /// A persona set as a link payload (see `SetFile::from_link`).
    pub set: Option<String>,
}

/// `/assessment?set=PAYLOAD`: a trainer's assessment link, optionally with the xAPI launch
/// parameters `endpoint`, `auth`, `actor` and `registration` (see `exchange::LrsLaunch`).
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub struct AssessmentQuery {
    /// A persona set as a link payload (see `SetFile::from_link`).
    pub set: Option<String>,
    pub endpoint: Option<String>,
    pub auth: Option<String>,
    pub actor: Option<String>,
    pub registration: Option<String>,
}

/// The customer moves to drill, comma-separated in the address. Names that are not a known
/// move are ignored (an old or edited link still opens), so parsing never fails.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drill(pub Vec<Kind>);

impl FromStr for Drill {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Drill(s.split(',').filter_map(Kind::parse).collect()))
    }
}

impl fmt::Display for Drill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|k| k.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

impl Drill {
    /// The Practice address that starts this drill.
    pub fn href(&self) -> String {
        format!("/practice?drill={self}")
    }
}
