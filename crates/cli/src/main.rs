//! The native command-line tool (not built for the web):
//!
//! - `lint PATH...`: validate packs (and a customer file), print every diagnostic, exit 1 on errors.
//! - `stats PATH...`: counts per campaign.
//! - `simulate [--policy P] [--campaign C] [--archetype A] [--difficulty D] [--seed S] [--count N]`
//! - `replay FILE`: verify a call record (JSON).
//! - `bench [--turns N]`: engine throughput and lint time.
//! - `compile --out DIR`: validate the shipped content and write its compiled form (the catalog
//!   and one data file per campaign, `content::compiled`) under `DIR/packs/`; the web build runs
//!   it (Trunk's post-build hook, `scripts/compile-packs`).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use composure_core::content::*;
    use composure_core::lint::load_pack;
    use composure_core::sim::*;
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use std::time::Instant;

    const USAGE: &str = "usage: composure <lint|stats|simulate|replay|bench|compile> [options]
  lint PATH...        validate content files (packs, and customers.toml if named)
  stats PATH...       count moves, utterances and lines per campaign
  simulate            play calls with a scripted policy and print score statistics
      --policy P      best, random, mirror, worst, calm-guess, or a surface-only player:
                      longest, shortest, empathy, calm-longest, vocabulary (learns the words of
                      model lines and mistakes from the other campaigns); or all (default)
      --campaign ID   (default: every shipped campaign)
      --archetype ID  (default: random)
      --difficulty 1-5 (default 3)
      --seed N        (default 1)
      --count N       (default 200)
      --pack PATH     play this pack file instead of the shipped packs (repeatable)
      --by-archetype  also print each player's results per archetype
      --scores        also print every score's mean and the endings
  replay FILE         replay a call record and verify its claimed scores
  bench [--turns N]   engine turns per second and lint time
  compile --out DIR   validate the shipped content (with playthroughs) and write its compiled
                      form for the web app: DIR/packs/index.json and one file per campaign";

    pub fn run(args: Vec<String>) -> i32 {
        let Some(cmd) = args.first() else {
            eprintln!("{USAGE}");
            return 2;
        };
        let rest = &args[1..];
        match cmd.as_str() {
            "lint" => lint(rest),
            "stats" => stats(rest),
            "simulate" => simulate(rest),
            "replay" => replay_cmd(rest),
            "bench" => bench(rest),
            "compile" => compile(rest),
            _ => {
                eprintln!("{USAGE}");
                2
            }
        }
    }

    fn read(path: &str) -> Result<String, i32> {
        std::fs::read_to_string(path).map_err(|e| {
            eprintln!("{path}: cannot read: {e}");
            1
        })
    }

    fn shipped_customers() -> Arc<Customers> {
        let (file, src) = SHIPPED_CUSTOMERS;
        match load_customers(file, src).value {
            Some(c) => Arc::new(c),
            None => {
                eprintln!("the shipped customer file has errors; run `composure lint {file}`");
                std::process::exit(1);
            }
        }
    }

    /// Loads the files given: a customers file (if named) and packs, against the shipped
    /// customers otherwise.
    fn load_paths(paths: &[String]) -> (Vec<Diagnostic>, Vec<Arc<Campaign>>) {
        let mut diags = Vec::new();
        let mut campaigns = Vec::new();
        let (cust_paths, pack_paths): (Vec<&String>, Vec<&String>) =
            paths.iter().partition(|p| p.ends_with("customers.toml"));
        let mut customers = None;
        for p in cust_paths {
            let Ok(src) = read(p) else { continue };
            let l = load_customers(p, &src);
            diags.extend(l.diagnostics);
            customers = l.value.map(Arc::new);
        }
        let customers = customers.unwrap_or_else(shipped_customers);
        for p in pack_paths {
            let Ok(src) = read(p) else {
                diags.push(Diagnostic::at(
                    p,
                    1,
                    1,
                    Severity::Error,
                    "cannot read the file".into(),
                ));
                continue;
            };
            let l = load_pack(p, &src, &customers);
            diags.extend(l.diagnostics);
            if let Some(c) = l.value {
                campaigns.push(c);
            }
        }
        (diags, campaigns)
    }

    /// The packs in `content/packs/` under the current directory that load without errors (for
    /// the library-wide checks); none when run elsewhere.
    fn packs_on_disk() -> Vec<Arc<Campaign>> {
        let Ok(dir) = std::fs::read_dir("content/packs") else {
            return Vec::new();
        };
        let mut paths: Vec<String> = dir
            .filter_map(|e| e.ok())
            .map(|e| e.path().to_string_lossy().into_owned())
            .filter(|p| p.ends_with(".toml"))
            .collect();
        paths.sort();
        load_paths(&paths).1
    }

    fn lint(paths: &[String]) -> i32 {
        if paths.is_empty() {
            eprintln!("usage: composure lint PATH...");
            return 2;
        }
        let (mut diags, campaigns) = load_paths(paths);
        // Consistency across the library: the packs named, with the shipped ones they do not
        // replace.
        let mut all = campaigns.clone();
        for c in packs_on_disk() {
            if !all.iter().any(|o| o.id == c.id) {
                all.push(c);
            }
        }
        let named: Vec<&str> = campaigns.iter().map(|c| &*c.file).collect();
        diags.extend(
            check_library(&all)
                .into_iter()
                .filter(|d| named.contains(&d.file.as_str())),
        );
        for d in &diags {
            println!("{d}");
        }
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        println!(
            "{} file(s): {errors} error(s), {warnings} warning(s)",
            paths.len()
        );
        i32::from(errors > 0)
    }

    fn stats(paths: &[String]) -> i32 {
        let (diags, campaigns) = load_paths(paths);
        for d in diags.iter().filter(|d| d.severity == Severity::Error) {
            println!("{d}");
        }
        let customers = shipped_customers();
        println!(
            "{:<22} {:>5} {:>6} {:>6} {:>6} {:>7} {:>6} | {:>5} {:>5} {:>5} {:>5} | {:>8} {:>8}",
            "campaign",
            "moves",
            "polite",
            "curt",
            "rude",
            "abusive",
            "utter",
            "best",
            "good",
            "weak",
            "wrong",
            "composed",
            "lines"
        );
        let mut totals = [0usize; 12];
        for c in &campaigns {
            let mut per_level = [0usize; 4];
            for m in &c.moves {
                for (l, u) in m.say.iter().enumerate() {
                    per_level[l] += u.len();
                }
            }
            let lines: Vec<&Line> = c.moves.iter().flat_map(|m| &m.lines).collect();
            let q = |q: Quality| lines.iter().filter(|l| l.quality == q).count();
            let composed = lines.iter().filter(|l| l.tone.composed()).count();
            let utter: usize = per_level.iter().sum();
            let row = [
                c.moves.len(),
                per_level[0],
                per_level[1],
                per_level[2],
                per_level[3],
                utter,
                q(Quality::Best),
                q(Quality::Good),
                q(Quality::Weak),
                q(Quality::Wrong),
                composed,
                lines.len(),
            ];
            for (t, v) in totals.iter_mut().zip(row) {
                *t += v;
            }
            print_row(&c.id, &row);
            let mut tones: BTreeMap<&str, usize> = BTreeMap::new();
            for l in &lines {
                *tones.entry(l.tone.as_str()).or_default() += 1;
            }
            let kinds: std::collections::BTreeSet<&str> =
                c.moves.iter().map(|m| m.kind.as_str()).collect();
            println!(
                "{:<22} tones: {}; move kinds: {}",
                "",
                tones
                    .iter()
                    .map(|(t, n)| format!("{t} {n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                kinds.into_iter().collect::<Vec<_>>().join(", ")
            );
        }
        if campaigns.len() > 1 {
            print_row("TOTAL", &totals);
        }
        println!(
            "\nmodel lines (best, composed): words, and how often each surface-only player picks one"
        );
        println!("over 400 offers per move drawn as the engine draws them (ratio 1.0 = a blind pick; goal at most 1.5)");
        print!(
            "{:<22} {:>6} {:>6} {:>7}",
            "campaign", "models", "median", "max"
        );
        for p in Policy::SURFACE {
            print!(" {:>20}", p.as_str());
        }
        println!();
        let mut all_words: Vec<usize> = Vec::new();
        for c in &campaigns {
            let mut words: Vec<usize> = c
                .moves
                .iter()
                .flat_map(|m| &m.lines)
                .filter(|l| l.is_model())
                .map(|l| word_count(&l.text))
                .collect();
            words.sort_unstable();
            all_words.extend(&words);
            print!(
                "{:<22} {:>6} {:>6} {:>7}",
                c.id,
                words.len(),
                median(&words),
                words.last().copied().unwrap_or(0)
            );
            for p in Policy::SURFACE {
                let h = surface_hits(c, *p, 400, 1);
                print!(
                    " {:>20}",
                    format!("{:.1}% x{:.2}", 100.0 * h.rate(), h.ratio())
                );
            }
            println!();
        }
        if campaigns.len() > 1 {
            all_words.sort_unstable();
            println!(
                "{:<22} {:>6} {:>6} {:>7}",
                "TOTAL",
                all_words.len(),
                median(&all_words),
                all_words.last().copied().unwrap_or(0)
            );
        }
        println!(
            "archetypes ({}): {}",
            customers.archetypes.len(),
            customers
                .archetypes
                .iter()
                .map(|a| &*a.id)
                .collect::<Vec<_>>()
                .join(", ")
        );
        i32::from(diags.iter().any(|d| d.severity == Severity::Error))
    }

    fn median(sorted: &[usize]) -> usize {
        sorted.get(sorted.len() / 2).copied().unwrap_or(0)
    }

    fn print_row(name: &str, r: &[usize; 12]) {
        println!(
            "{:<22} {:>5} {:>6} {:>6} {:>6} {:>7} {:>6} | {:>5} {:>5} {:>5} {:>5} | {:>8} {:>8}",
            name, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]
        );
    }

    fn library() -> Library {
        match composure_core::lint::shipped() {
            Ok(l) => l,
            Err(errors) => {
                for e in errors {
                    eprintln!("{e}");
                }
                std::process::exit(1);
            }
        }
    }

    /// A player's choice for a turn, boxed so scripted and learning players share one loop.
    type Chooser = Box<dyn Fn(&Call, &mut Stream) -> Choice>;

    /// The options of `simulate`, parsed strictly: an unknown option or a bad value is an error
    /// (exit status 2), never a silent default.
    struct SimArgs {
        policy: Option<String>,
        campaign: Option<String>,
        archetype: Option<String>,
        difficulty: u8,
        seed: u64,
        count: u32,
        packs: Vec<String>,
        by_archetype: bool,
        detail: bool,
    }

    /// A number option's value within `range`, or an error naming the option.
    fn number<T>(
        p: &mut lexopt::Parser,
        name: &str,
        range: std::ops::RangeInclusive<T>,
    ) -> Result<T, String>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display,
    {
        let raw = p
            .value()
            .map_err(|e| e.to_string())?
            .into_string()
            .map_err(|_| format!("{name}: not valid text"))?;
        match raw.parse::<T>() {
            Ok(v) if range.contains(&v) => Ok(v),
            _ => Err(format!(
                "{name}: `{raw}` is not a whole number from {} to {}",
                range.start(),
                range.end()
            )),
        }
    }

    fn text(p: &mut lexopt::Parser) -> Result<String, String> {
        p.value()
            .map_err(|e| e.to_string())?
            .into_string()
            .map_err(|_| "an option's value is not valid text".to_string())
    }

    fn sim_args(args: &[String]) -> Result<SimArgs, String> {
        use lexopt::Arg::Long;
        let mut out = SimArgs {
            policy: None,
            campaign: None,
            archetype: None,
            difficulty: 3,
            seed: 1,
            count: 200,
            packs: Vec::new(),
            by_archetype: false,
            detail: false,
        };
        let mut p = lexopt::Parser::from_args(args.iter().cloned());
        while let Some(arg) = p.next().map_err(|e| e.to_string())? {
            match arg {
                Long("policy") => out.policy = Some(text(&mut p)?),
                Long("campaign") => out.campaign = Some(text(&mut p)?),
                Long("archetype") => out.archetype = Some(text(&mut p)?),
                Long("difficulty") => out.difficulty = number(&mut p, "--difficulty", 1..=5)?,
                Long("seed") => out.seed = number(&mut p, "--seed", 0..=u64::MAX)?,
                Long("count") => out.count = number(&mut p, "--count", 1..=1_000_000)?,
                Long("pack") => out.packs.push(text(&mut p)?),
                Long("by-archetype") => out.by_archetype = true,
                Long("scores") => out.detail = true,
                other => return Err(other.unexpected().to_string()),
            }
        }
        Ok(out)
    }

    fn simulate(args: &[String]) -> i32 {
        let a = match sim_args(args) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("composure simulate: {e}\n{USAGE}");
                return 2;
            }
        };
        // `--pack PATH` (repeatable): play these files instead of the shipped packs.
        let pack_paths = a.packs.clone();
        let mut lib = if pack_paths.is_empty() {
            library()
        } else {
            Library {
                customers: shipped_customers(),
                campaigns: Vec::new(),
            }
        };
        if !pack_paths.is_empty() {
            let (diags, campaigns) = load_paths(&pack_paths);
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if !errors.is_empty() {
                for d in errors {
                    eprintln!("{d}");
                }
                return 1;
            }
            lib.campaigns = campaigns;
        }
        let policy = a.policy.as_deref();
        let vocabulary = matches!(policy, None | Some("all" | "vocabulary"));
        let policies: Vec<Policy> = match policy.unwrap_or("all") {
            "all" => Policy::ALL.to_vec(),
            "vocabulary" => Vec::new(),
            p => match Policy::parse(p) {
                Some(p) => vec![p],
                None => {
                    eprintln!("unknown policy `{p}`");
                    return 2;
                }
            },
        };
        let (difficulty, seed, count) = (a.difficulty, a.seed, a.count);
        let archetype = a.archetype.as_deref();
        let (by_archetype, detail) = (a.by_archetype, a.detail);
        let campaigns: Vec<Arc<Campaign>> = match a.campaign.as_deref() {
            Some(id) => match lib.campaign(id) {
                Some(c) => vec![c.clone()],
                None => {
                    eprintln!("unknown campaign `{id}`");
                    return 2;
                }
            },
            None => lib.campaigns.clone(),
        };
        if let Some(a) = archetype {
            if lib.customers.archetype(a).is_none() {
                eprintln!("unknown archetype `{a}`");
                return 2;
            }
        }
        println!(
            "{count} call(s) per player and campaign, difficulty {difficulty}, seed {seed}, customers: {}",
            archetype.unwrap_or("every archetype")
        );
        // The vocabulary guesser learns from every other campaign it can find (the ones played,
        // and the shipped ones), never from the one it plays.
        let mut teachers: Vec<Arc<Campaign>> = lib.campaigns.clone();
        if let Ok(shipped) = Library::shipped() {
            for c in shipped.campaigns {
                if !teachers.iter().any(|t| t.id == c.id) {
                    teachers.push(c);
                }
            }
        }
        let mut players: Vec<Option<Policy>> = policies.iter().copied().map(Some).collect();
        if vocabulary {
            players.push(None);
        }
        let names: Vec<String> = players
            .iter()
            .map(|p| match p {
                Some(p) if p.surface_only() => format!("{}*", p.as_str()),
                Some(p) => p.as_str().to_string(),
                None => "vocabulary*".into(),
            })
            .collect();
        // results[player][campaign], and per archetype over all campaigns.
        let mut results: Vec<Vec<PlayStats>> = Vec::new();
        let mut arch: Vec<Vec<PlayStats>> = Vec::new();
        for player in &players {
            let mut row = Vec::new();
            let mut per_arch = vec![PlayStats::default(); lib.customers.archetypes.len()];
            for c in &campaigns {
                let choose: Chooser = match *player {
                    Some(p) => Box::new(move |call, rng| p.choose(call, rng)),
                    None => {
                        let v = Vocabulary::learn(
                            teachers.iter().filter(|t| t.id != c.id).map(|t| &**t),
                        );
                        Box::new(move |call, _| v.choose(call))
                    }
                };
                let played = play_many_with(
                    c,
                    &lib.customers,
                    difficulty,
                    archetype,
                    seed,
                    count,
                    &mut |call, rng| choose(call, rng),
                );
                match played {
                    Ok((all, by)) => {
                        row.push(all);
                        for (a, b) in per_arch.iter_mut().zip(&by) {
                            a.merge(b);
                        }
                    }
                    Err(e) => {
                        eprintln!("{}: {e}", c.id);
                        return 1;
                    }
                }
            }
            results.push(row);
            arch.push(per_arch);
        }
        println!("\nmean overall / share of calls passed (* sees only the text of the lines)");
        print!("{:<20}", "campaign");
        for n in &names {
            print!(" {:>14}", n);
        }
        println!();
        let cell = |s: &PlayStats| format!("{:>5.1} {:>5.1}%", s.mean(0), 100.0 * s.pass_rate());
        for (ci, c) in campaigns.iter().enumerate() {
            print!("{:<20}", c.id);
            for row in &results {
                print!(" {:>14}", cell(&row[ci]));
            }
            println!();
        }
        if campaigns.len() > 1 {
            print!("{:<20}", "all campaigns");
            for row in &results {
                let mut t = PlayStats::default();
                for s in row {
                    t.merge(s);
                }
                print!(" {:>14}", cell(&t));
            }
            println!();
        }
        if detail {
            println!(
                "\n{:<13} {:<20} {:>13} {:>10} {:>11} {:>8} {:>10}  endings",
                "player",
                "campaign",
                "overall",
                "composure",
                "correctness",
                "outcome",
                "responsive"
            );
            for (p, row) in names.iter().zip(&results) {
                for (c, s) in campaigns.iter().zip(row) {
                    let endings: Vec<String> = Ending::ALL
                        .iter()
                        .filter(|e| s.endings[e.index()] > 0)
                        .map(|e| format!("{} {}", e.as_str(), s.endings[e.index()]))
                        .collect();
                    println!(
                        "{:<13} {:<20} {:>6.1} ±{:>5.1} {:>10.1} {:>11.1} {:>8.1} {:>10.1}  passed {}/{}; {}",
                        p,
                        c.id,
                        s.mean(0),
                        s.overall_sd(),
                        s.mean(1),
                        s.mean(2),
                        s.mean(3),
                        s.mean(4),
                        s.passed,
                        s.calls,
                        endings.join(", ")
                    );
                }
            }
        }
        if by_archetype {
            println!("\nper archetype, over the campaigns above: mean overall / share passed");
            print!("{:<20}", "archetype");
            for n in &names {
                print!(" {:>14}", n);
            }
            println!();
            for (i, a) in lib.customers.archetypes.iter().enumerate() {
                if arch.iter().all(|per| per[i].calls == 0) {
                    continue;
                }
                print!("{:<20}", a.id);
                for per in &arch {
                    print!(" {:>14}", cell(&per[i]));
                }
                println!();
            }
        }
        0
    }

    /// `compile --out DIR`: the shipped content, validated and played through, written as the
    /// web app reads it. Any error stops it before a file is written.
    fn compile(args: &[String]) -> i32 {
        let out = match args {
            [flag, dir] if flag == "--out" => std::path::PathBuf::from(dir),
            _ => {
                eprintln!("usage: composure compile --out DIR");
                return 2;
            }
        };
        let lib = match composure_core::lint::shipped() {
            Ok(lib) => lib,
            Err(errors) => {
                for d in &errors {
                    eprintln!("{d}");
                }
                eprintln!("compile: {} error(s); nothing written", errors.len());
                return 1;
            }
        };
        let problems: Vec<Diagnostic> = check_library(&lib.campaigns)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !problems.is_empty() {
            for d in &problems {
                eprintln!("{d}");
            }
            eprintln!(
                "compile: {} library problem(s); nothing written",
                problems.len()
            );
            return 1;
        }
        let files = match compiled::compile(&lib, SHIPPED_CUSTOMERS.0) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("compile: {e}");
                return 1;
            }
        };
        for (path, text) in &files {
            let target = out.join(path);
            let written = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|_| std::fs::write(&target, text));
            if let Err(e) = written {
                eprintln!("{}: cannot write: {e}", target.display());
                return 1;
            }
        }
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        println!(
            "compile: {} campaign(s) and the catalog, {bytes} bytes, in {}",
            files.len() - 1,
            out.join("packs").display()
        );
        0
    }

    fn replay_cmd(args: &[String]) -> i32 {
        let Some(path) = args.first() else {
            eprintln!("usage: composure replay FILE");
            return 2;
        };
        let Ok(text) = read(path) else { return 1 };
        let lib = library();
        let record = match CallRecord::from_json(&text) {
            Ok(r) => r,
            Err(e) => {
                println!("{path}: NOT VERIFIED: {e}");
                return 1;
            }
        };
        match verify(&lib, &record) {
            Ok(call) => {
                let r = call.report().map(|r| (r.ending, r.scores));
                if let Some((ending, s)) = r {
                    println!(
                        "{path}: verified: {} turns, ending {}, overall {} (composure {}, correctness {}, outcome {}, responsiveness {})",
                        call.turn(),
                        ending.as_str(),
                        s.overall,
                        s.composure,
                        s.correctness,
                        s.outcome,
                        s.responsiveness
                    );
                }
                0
            }
            Err(e) => {
                println!("{path}: NOT VERIFIED: {e}");
                1
            }
        }
    }

    fn bench(args: &[String]) -> i32 {
        let parsed = (|| -> Result<u64, String> {
            let mut target = 2_000_000;
            let mut p = lexopt::Parser::from_args(args.iter().cloned());
            while let Some(arg) = p.next().map_err(|e| e.to_string())? {
                match arg {
                    lexopt::Arg::Long("turns") => {
                        target = number(&mut p, "--turns", 1..=1_000_000_000)?
                    }
                    other => return Err(other.unexpected().to_string()),
                }
            }
            Ok(target)
        })();
        let target = match parsed {
            Ok(t) => t,
            Err(e) => {
                eprintln!("composure bench: {e}\n{USAGE}");
                return 2;
            }
        };
        let t0 = Instant::now();
        let lib = library();
        let lint_ms = t0.elapsed().as_secs_f64() * 1000.0;
        let mut turns: u64 = 0;
        let mut calls: u64 = 0;
        let start = Instant::now();
        let mut i: u64 = 0;
        while turns < target {
            let c = &lib.campaigns[(i as usize) % lib.campaigns.len()];
            let spec = CallSpec {
                campaign: c.id.clone(),
                archetype: None,
                difficulty: (i % 5) as u8 + 1,
                seed: i,
                reply_limit_ms: None,
                hints: false,
                fate: None,
                focus: Vec::new(),
            };
            let policy = Policy::ALL[(i % 4) as usize];
            match play(c.clone(), lib.customers.clone(), spec, policy, i) {
                Ok(call) => turns += u64::from(call.turn()),
                Err(e) => {
                    eprintln!("{e}");
                    return 1;
                }
            }
            calls += 1;
            i += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        println!("engine: {turns} turns in {calls} calls in {secs:.3} s: {:.0} turns/s, {:.0} calls/s (one core)", turns as f64 / secs, calls as f64 / secs);
        println!(
            "content: loaded and validated {} packs and the customer file in {lint_ms:.1} ms",
            lib.campaigns.len()
        );
        0
    }
}
