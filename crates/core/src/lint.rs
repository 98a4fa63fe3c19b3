//! Checks that need both the content model and the simulation: the layer above both.
//!
//! [`load_pack`] is the one loader for packs that have not been played through yet: the shipped
//! packs in the test suite (through [`shipped`]) and a trainer's imported pack in the app. It is
//! `content::parse_pack` (syntax, fields, references, structure) plus a playthrough by a model
//! agent against every archetype, fate and difficulty. Like the parser, it never panics and
//! returns every diagnostic as `file:line:col`.
//!
//! Layering: this module imports `content` and `sim`; neither imports it.

use crate::content::{
    parse_pack, Campaign, Customers, Diagnostic, Diagnostics, Fate, Library, Loaded,
    SHIPPED_CUSTOMERS, SHIPPED_PACKS,
};
use crate::sim::{play, CallSpec, Policy};
use std::sync::Arc;

pub use crate::content::check_library;

/// Loads one campaign pack, checks its structure against the customer file, and plays it through
/// with a model agent: a campaign must be winnable by the best policy for every archetype that
/// can be won, and every other ending must be reachable with a model line.
pub fn load_pack(file: &str, src: &str, customers: &Arc<Customers>) -> Loaded<Arc<Campaign>> {
    let mut loaded = parse_pack(file, src, customers);
    let Some(c) = loaded.value.take() else {
        return loaded;
    };
    let mut d = Diagnostics::new(file, src);
    // A failed playthrough is about the whole campaign: its `[campaign]` header.
    let header = "[campaign]";
    let campaign = src.find(header).map_or(0..0, |i| i..i + header.len());
    check_playable(&mut d, &c, customers, campaign);
    loaded.diagnostics.extend(d.finish());
    loaded
        .diagnostics
        .sort_by_key(|d| (d.line, d.col, d.severity));
    let ok = !loaded.errors().any(|_| true);
    loaded.value = Some(c).filter(|_| ok);
    loaded
}

/// The shipped content, every pack played through: what the test suite and `composure lint`
/// check. (The app loads the same files with `Library::shipped`, which skips the playthroughs.)
pub fn shipped() -> Result<Library, Vec<Diagnostic>> {
    Library::parse_sources(SHIPPED_CUSTOMERS, SHIPPED_PACKS, load_pack)
}

/// Loads a customer file and packs from source text, every pack played through.
pub fn from_sources(
    customers: (&str, &str),
    packs: &[(&str, &str)],
) -> Result<Library, Vec<Diagnostic>> {
    Library::parse_sources(customers, packs, load_pack)
}

/// Seeds tried per archetype and difficulty in the playability check.
const PLAY_SEEDS: u64 = 6;

/// Plays model calls against every archetype: a campaign must be winnable by the best policy for
/// every archetype that can be won, and every other ending must be reachable with a model line.
fn check_playable(
    d: &mut Diagnostics,
    c: &Arc<Campaign>,
    customers: &Arc<Customers>,
    campaign: std::ops::Range<usize>,
) {
    for arch in &customers.archetypes {
        let fates: Vec<Fate> = Fate::ALL
            .iter()
            .copied()
            .filter(|f| arch.fates[f.index()] > 0 && c.fate_available(*f))
            .collect();
        'fate: for fate in fates {
            for difficulty in 1..=5u8 {
                for seed in 0..PLAY_SEEDS {
                    let spec = CallSpec {
                        campaign: c.id.clone(),
                        archetype: Some(arch.id.clone()),
                        difficulty,
                        seed: seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(difficulty),
                        reply_limit_ms: None,
                        hints: false,
                        fate: Some(fate),
                        focus: Vec::new(),
                    };
                    let result = play(c.clone(), customers.clone(), spec, Policy::Best, seed);
                    let wanted = fate.right_ending();
                    match result {
                        Ok(call) if call.ending() == Some(wanted) => {}
                        Ok(call) => {
                            let got = call.ending().map(|e| e.as_str()).unwrap_or("no ending");
                            let msg = format!(
                                "the best policy cannot reach `{}` for archetype `{}` ({} fate) at difficulty {difficulty}: the call ended in `{got}` after {} turns",
                                wanted.as_str(),
                                arch.id,
                                fate.as_str(),
                                call.turn()
                            );
                            if fate == Fate::Win {
                                d.error(campaign.clone(), msg);
                            } else {
                                d.warning(campaign.clone(), msg);
                            }
                            continue 'fate;
                        }
                        Err(e) => {
                            d.error(
                                campaign.clone(),
                                format!(
                                    "a call against archetype `{}` could not be played: {e}",
                                    arch.id
                                ),
                            );
                            continue 'fate;
                        }
                    }
                }
            }
        }
    }
}
