//! Persona sets as files and links, their checks, and the trainer's set form.

use super::*;
// Persona sets

/// A persona set as a file or a link. A set that uses imported packs embeds their source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetFile {
    pub schema: u32,
    pub kind: String,
    pub set: PersonaSet,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackSource>,
    /// The Learning Record Store the set's attempts send xAPI statements to, if any. Absent from
    /// files and links without one, so those are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lrs: Option<LrsTarget>,
}

impl SetFile {
    pub fn new(set: PersonaSet, packs: Vec<PackSource>) -> SetFile {
        SetFile {
            schema: EXCHANGE_SCHEMA,
            kind: SET_KIND.into(),
            set,
            packs,
            lrs: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a set file: format checks, then the set's own invariants.
    pub fn from_json(text: &str) -> Result<SetFile, ImportError> {
        let f: SetFile = read_doc(text, SET_KIND)?;
        f.set
            .check()
            .map_err(|m| ImportError::Invalid(format!("the set is not valid: {m}")))?;
        if f.set.name.trim().is_empty() {
            return Err(ImportError::Invalid("the set has no name".into()));
        }
        Ok(f)
    }

    /// The link payload (base64url of compact JSON); `None` when the set embeds packs or the
    /// link would be too long, in which case it travels as a file.
    pub fn link_payload(&self) -> Option<String> {
        if !self.packs.is_empty() {
            return None;
        }
        let json = serde_json::to_string(self).ok()?;
        let p = base64url_encode(json.as_bytes());
        (p.len() <= MAX_LINK_CHARS).then_some(p)
    }

    /// Reads a link payload.
    pub fn from_link(payload: &str) -> Result<SetFile, ImportError> {
        if payload.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge(payload.len()));
        }
        let bytes = base64url_decode(payload).ok_or(ImportError::BadLink)?;
        let text = String::from_utf8(bytes).map_err(|_| ImportError::BadLink)?;
        SetFile::from_json(&text).map_err(|e| match e {
            ImportError::Truncated | ImportError::Malformed(_) | ImportError::Empty => {
                ImportError::BadLink
            }
            other => other,
        })
    }
}

/// Why a set has no share link, for the trainer: `None` when it has one.
pub fn no_link_reason(file: &SetFile) -> Option<&'static str> {
    if file.link_payload().is_some() {
        None
    } else if !file.packs.is_empty() {
        Some("This set uses an imported pack, so it travels as a file: use Download file.")
    } else {
        Some("This set is too large for a link, so it travels as a file: use Download file.")
    }
}

/// The path (with query) a set's link opens: practice sets on /practice, assessments on
/// /assessment.
pub fn set_link_path(payload: &str, mode: Mode) -> String {
    match mode {
        Mode::Practice => format!("/practice?set={payload}"),
        Mode::Assessment => format!("/assessment?set={payload}"),
    }
}

/// Whether a set may be played on the Practice page. A set's id starts with `a-` when its
/// trainer issued it as an assessment and `p-` for practice, so a link whose mode was switched to
/// practice is recognised; an assessment set is practised only when its trainer opened it for
/// practice. (Even then, each assessment attempt draws its own salt, so practice never predicts
/// an attempt's calls.)
pub fn practice_allowed(set: &PersonaSet) -> Result<(), String> {
    match set.mode {
        Mode::Assessment if set.practice_open => Ok(()),
        Mode::Assessment => Err("This link is an assessment: open it on the Assessment page.".into()),
        Mode::Practice if set.id.starts_with("a-") && !set.practice_open => Err(
            "This set was issued as an assessment, and its link was changed to practice. Your trainer can open the set for practice; until then, take it on the Assessment page.".into(),
        ),
        Mode::Practice => Ok(()),
    }
}

/// Checks that a set can be played with `lib`: its own invariants, campaigns and archetypes.
pub fn check_set(lib: &Library, set: &PersonaSet) -> Result<(), String> {
    set.check()?;
    for c in &set.campaigns {
        if lib.campaign(c).is_none() {
            return Err(format!("the campaign `{c}` is not available here"));
        }
    }
    if let Calls::Chosen { archetypes } = &set.calls {
        for a in archetypes {
            if lib.customers.archetype(a).is_none() {
                return Err(format!(
                    "the customer archetype `{a}` is not available here"
                ));
            }
        }
    }
    Ok(())
}

/// The form a trainer fills in, as the text of its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SetForm {
    pub name: String,
    pub campaigns: Vec<String>,
    /// `"random"` or `"chosen"`.
    pub calls_kind: String,
    pub count: String,
    pub archetypes: Vec<String>,
    pub difficulty: String,
    /// `"practice"` or `"assessment"`.
    pub mode: String,
    pub hints: bool,
    /// Seconds, or `"off"`.
    pub reply_limit: String,
    pub pass_mark: String,
    pub weights: [String; 4],
    pub seed: String,
    /// The set's identity: drawn once when the form is new, kept through edits and exports.
    pub id: String,
    /// An assessment set that candidates may also practise on.
    pub practice_open: bool,
    pub created_ms: Option<f64>,
    /// The LRS the set's attempts send statements to: endpoint ("" for none), and the user
    /// name and password of its Basic credentials (see [`LrsTarget`]).
    pub lrs_endpoint: String,
    pub lrs_user: String,
    pub lrs_password: String,
}

impl SetForm {
    /// A new form: the first campaign, five random customers, assessment defaults.
    pub fn new(first_campaign: Option<String>, seed: u64) -> SetForm {
        let w = Weights::default();
        SetForm {
            name: String::new(),
            campaigns: first_campaign.into_iter().collect(),
            calls_kind: "random".into(),
            count: "5".into(),
            archetypes: Vec::new(),
            difficulty: "3".into(),
            mode: "assessment".into(),
            hints: false,
            reply_limit: "30".into(),
            pass_mark: "70".into(),
            weights: [
                w.composure.to_string(),
                w.correctness.to_string(),
                w.outcome.to_string(),
                w.responsiveness.to_string(),
            ],
            seed: seed.to_string(),
            id: format!("{:016x}", sim::mix(seed, 0x1d)),
            practice_open: false,
            created_ms: None,
            lrs_endpoint: String::new(),
            lrs_user: String::new(),
            lrs_password: String::new(),
        }
    }

    /// The form of a stored set file, with its LRS.
    pub fn from_file(file: &SetFile) -> SetForm {
        let mut form = SetForm::from_set(&file.set);
        if let Some(t) = &file.lrs {
            form.lrs_endpoint = t.endpoint.clone();
            let (user, password) = t.credentials().unwrap_or_default();
            form.lrs_user = user;
            form.lrs_password = password;
        }
        form
    }

    pub fn from_set(set: &PersonaSet) -> SetForm {
        let w = set.weights;
        let (calls_kind, count, archetypes) = match &set.calls {
            Calls::Random { count } => ("random", count.to_string(), Vec::new()),
            Calls::Chosen { archetypes } => {
                ("chosen", archetypes.len().to_string(), archetypes.clone())
            }
        };
        SetForm {
            name: set.name.clone(),
            campaigns: set.campaigns.clone(),
            calls_kind: calls_kind.into(),
            count,
            archetypes,
            difficulty: set.difficulty.to_string(),
            mode: match set.mode {
                Mode::Practice => "practice",
                Mode::Assessment => "assessment",
            }
            .into(),
            hints: set.hints,
            reply_limit: set
                .reply_limit_s
                .map_or("off".to_string(), |s| s.to_string()),
            pass_mark: set.pass_mark.to_string(),
            weights: [
                w.composure.to_string(),
                w.correctness.to_string(),
                w.outcome.to_string(),
                w.responsiveness.to_string(),
            ],
            seed: set.seed.to_string(),
            id: set.id.clone(),
            practice_open: set.practice_open,
            created_ms: set.created_ms,
            lrs_endpoint: String::new(),
            lrs_user: String::new(),
            lrs_password: String::new(),
        }
    }

    /// The LRS the form names (`None` when its endpoint is empty), or the problem in words
    /// naming the field.
    pub fn lrs(&self) -> Result<Option<LrsTarget>, String> {
        if self.lrs_endpoint.trim().is_empty() {
            return Ok(None);
        }
        LrsTarget::basic(&self.lrs_endpoint, &self.lrs_user, &self.lrs_password)
            .map(Some)
            .map_err(|e| format!("LRS endpoint: {e}."))
    }

    /// The set the form describes, or the first problem in words naming the field.
    pub fn to_set(&self, lib: &Library) -> Result<PersonaSet, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Set name: give the set a name.".into());
        }
        if name.chars().count() > 80 {
            return Err("Set name: use at most 80 characters.".into());
        }
        if self.campaigns.is_empty() {
            return Err("Campaign: choose at least one campaign.".into());
        }
        let number = |field: &str, text: &str, max: u64| -> Result<u64, String> {
            text.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{field}: enter a whole number from 0 to {max}."))
        };
        let calls = if self.calls_kind == "chosen" {
            if self.archetypes.is_empty() {
                return Err("Customers: choose at least one customer.".into());
            }
            Calls::Chosen {
                archetypes: self.archetypes.clone(),
            }
        } else {
            let count = number("Number of calls", &self.count, u64::from(sim::MAX_CALLS))?;
            if count == 0 {
                return Err(format!("Number of calls: enter 1 to {}.", sim::MAX_CALLS));
            }
            Calls::Random {
                count: count as u32,
            }
        };
        let difficulty = number("Difficulty", &self.difficulty, 5)? as u8;
        let mode = if self.mode == "practice" {
            Mode::Practice
        } else {
            Mode::Assessment
        };
        let reply_limit_s = match self.reply_limit.trim() {
            "" | "off" | "Off" => None,
            s => Some(number("Time limit per reply", s, 600)? as u32),
        };
        let pass_mark = number("Pass mark", &self.pass_mark, 100)? as u8;
        let labels = [
            "Composure weight",
            "Correctness weight",
            "Outcome weight",
            "Responsiveness weight",
        ];
        let mut w = [0u32; 4];
        for i in 0..4 {
            w[i] = number(labels[i], &self.weights[i], 1000)? as u32;
        }
        let seed = self
            .seed
            .trim()
            .parse::<u64>()
            .map_err(|_| "Seed: enter a whole number.".to_string())?;
        let set = PersonaSet {
            name: name.to_string(),
            campaigns: self.campaigns.clone(),
            calls,
            difficulty,
            mode,
            hints: self.hints && mode == Mode::Practice,
            reply_limit_s,
            pass_mark,
            weights: Weights {
                composure: w[0],
                correctness: w[1],
                outcome: w[2],
                responsiveness: w[3],
            },
            seed,
            focus: Vec::new(),
            // The id records the mode the set was issued in (see [`practice_allowed`]).
            id: {
                let base = self
                    .id
                    .strip_prefix("a-")
                    .or_else(|| self.id.strip_prefix("p-"))
                    .unwrap_or(&self.id);
                let base = if base.is_empty() {
                    format!("{:016x}", sim::mix(seed, 0x1d))
                } else {
                    base.to_string()
                };
                let mode = if mode == Mode::Assessment { "a" } else { "p" };
                format!("{mode}-{base}")
            },
            practice_open: self.practice_open && mode == Mode::Assessment,
            created_ms: self.created_ms,
        };
        check_set(lib, &set).map_err(|m| {
            let mut s = m;
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            format!("{s}.")
        })?;
        Ok(set)
    }
}
