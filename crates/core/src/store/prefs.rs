//! The practice form's settings, and the ranges they must lie in.

use serde::{Deserialize, Serialize};

/// The reply time limits the practice form offers, in seconds (0 = off).
pub const REPLY_LIMITS_S: [u32; 6] = [0, 10, 15, 20, 30, 45];
/// The shift lengths the practice form offers.
pub const SHIFT_CALLS: [u32; 5] = [3, 5, 8, 10, 12];
/// The shift plans (successes to reach) the practice form offers.
pub const SHIFT_PLANS: [u32; 4] = [1, 2, 3, 4];

/// The practice form's settings.
///
/// Invariant after [`Prefs::sanitize`]: `difficulty` is 1 to 5; `customer` is `"random"` or a
/// known archetype id; `campaign` is empty or a known campaign id; `reply_limit_s`,
/// `shift_calls` and `shift_plan` are among the choices the form offers ([`REPLY_LIMITS_S`],
/// [`SHIFT_CALLS`], [`SHIFT_PLANS`]), so the form always shows the value a call will use.
/// Fields missing from a stored copy take their default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Version of the stored form ([`crate::versions::PREFS`]); copies saved before it was
    /// written read as version 1.
    pub schema: u32,
    pub campaign: String,
    pub customer: String,
    pub difficulty: u8,
    pub hints: bool,
    pub voice: bool,
    pub reply_limit_s: u32,
    pub typing: bool,
    pub shift_calls: u32,
    pub shift_plan: u32,
    pub mixed: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            schema: crate::versions::PREFS.current,
            campaign: String::new(),
            customer: "random".into(),
            difficulty: 2,
            hints: true,
            voice: false,
            reply_limit_s: 0,
            typing: true,
            shift_calls: 8,
            shift_plan: 2,
            mixed: false,
        }
    }
}

impl Prefs {
    /// The settings with every out-of-range field replaced by its default, and one plain
    /// sentence per replaced field. `known_customers` are the archetype ids of the library
    /// (`"random"` is always accepted), `known_campaigns` its campaign ids.
    pub fn sanitize(
        &self,
        known_customers: &[&str],
        known_campaigns: &[&str],
    ) -> (Prefs, Vec<String>) {
        let d = Prefs::default();
        let mut p = self.clone();
        let mut notes = Vec::new();
        let mut note = |what: String, default: String| {
            notes.push(format!(
                "The saved practice setting {what} is not valid, so the default ({default}) is used."
            ));
        };
        p.schema = d.schema;
        if !(1..=5).contains(&p.difficulty) {
            note(
                format!("difficulty {}", p.difficulty),
                d.difficulty.to_string(),
            );
            p.difficulty = d.difficulty;
        }
        if p.customer != "random" && !known_customers.contains(&p.customer.as_str()) {
            note(
                format!("customer \u{201c}{}\u{201d}", p.customer),
                d.customer.clone(),
            );
            p.customer = d.customer.clone();
        }
        if !p.campaign.is_empty() && !known_campaigns.contains(&p.campaign.as_str()) {
            note(
                format!("campaign \u{201c}{}\u{201d}", p.campaign),
                "the first campaign".into(),
            );
            p.campaign = d.campaign.clone();
        }
        if !REPLY_LIMITS_S.contains(&p.reply_limit_s) {
            note(
                format!("reply time limit {} s", p.reply_limit_s),
                "off".into(),
            );
            p.reply_limit_s = d.reply_limit_s;
        }
        if !SHIFT_CALLS.contains(&p.shift_calls) {
            note(
                format!("calls per shift {}", p.shift_calls),
                d.shift_calls.to_string(),
            );
            p.shift_calls = d.shift_calls;
        }
        if !SHIFT_PLANS.contains(&p.shift_plan) {
            note(
                format!("shift plan {}", p.shift_plan),
                d.shift_plan.to_string(),
            );
            p.shift_plan = d.shift_plan;
        }
        (p, notes)
    }
}
