//! Imported packs: checked by the same loader as the shipped ones, and composed into a library.

use super::*;
// Packs

/// A pack's source as it travels and is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSource {
    pub file: String,
    pub source: String,
}

/// What importing a pack gave: every diagnostic as text, and the pack when it is usable.
#[derive(Clone, Debug, PartialEq)]
pub struct PackImport {
    pub diagnostics: Vec<String>,
    /// For each of `diagnostics`, in the same order: the faulty line with a caret under its
    /// range ([`crate::content::Diagnostic::excerpt`]), empty when there is no line to show.
    pub excerpts: Vec<String>,
    pub errors: usize,
    /// The campaign id and title, when the pack is accepted.
    pub accepted: Option<(String, String)>,
    /// Why it was refused, in words.
    pub refused: Option<String>,
}

/// Checks a trainer's pack with the same validator as the shipped content. `shipped_ids` are
/// the built-in campaign ids, which an imported pack may not take over.
pub fn import_pack(lib: &Library, shipped_ids: &[String], file: &str, src: &str) -> PackImport {
    if src.len() > MAX_IMPORT_BYTES {
        return PackImport {
            diagnostics: Vec::new(),
            excerpts: Vec::new(),
            errors: 0,
            accepted: None,
            refused: Some(format!(
                "The pack was not imported: {}.",
                ImportError::TooLarge(src.len())
            )),
        };
    }
    let loaded = load_pack(file, src, &lib.customers);
    let diagnostics: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    let excerpts: Vec<String> = loaded.diagnostics.iter().map(|d| d.excerpt(src)).collect();
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let refused = match &loaded.value {
        None => Some(format!(
            "The pack was not imported: it has {errors} error(s). Fix them and import it again."
        )),
        Some(c) if shipped_ids.iter().any(|id| id == &*c.id) => Some(format!(
            "The pack was not imported: its id `{}` is the id of a built-in campaign. Give it another id.",
            c.id
        )),
        Some(_) => None,
    };
    PackImport {
        diagnostics,
        excerpts,
        errors,
        accepted: if refused.is_none() {
            loaded
                .value
                .as_ref()
                .map(|c| (c.id.to_string(), c.title.to_string()))
        } else {
            None
        },
        refused,
    }
}

/// The shipped library plus imported packs (checked at import, so not played through again).
/// Packs that no longer load, or that clash with a built-in id, are left out and reported; a
/// later pack with the same id replaces an earlier one.
pub fn compose_library(shipped: &Library, packs: &[PackSource]) -> (Library, Vec<String>) {
    let mut lib = shipped.clone();
    let builtin: Vec<String> = shipped.campaigns.iter().map(|c| c.id.to_string()).collect();
    let mut problems = Vec::new();
    for p in packs {
        let l = parse_pack(&p.file, &p.source, &lib.customers);
        match l.value {
            Some(c) if builtin.iter().any(|id| id == &*c.id) => problems.push(format!(
                "The pack {} uses the id of a built-in campaign and was left out.",
                p.file
            )),
            Some(c) => {
                lib.campaigns.retain(|x| x.id != c.id);
                lib.campaigns.push(c);
            }
            None => problems.push(format!("The pack {} could not be loaded.", p.file)),
        }
    }
    (lib, problems)
}

/// The imported packs (not shipped) a set's campaigns need, from `lib`.
pub fn packs_for(lib: &Library, shipped: &Library, set: &PersonaSet) -> Vec<PackSource> {
    set.campaigns
        .iter()
        .filter(|id| shipped.campaign(id).is_none())
        .filter_map(|id| lib.campaign(id))
        .map(|c| PackSource {
            file: c.file.to_string(),
            source: c.source.to_string(),
        })
        .collect()
}
