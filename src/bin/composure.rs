//! The native command-line tool (not built for the web):
//!
//! - `lint PATH...`: validate packs (and a customer file), print every diagnostic, exit 1 on errors.
//! - `stats PATH...`: counts per campaign.
//! - `simulate [--policy P] [--campaign C] [--archetype A] [--difficulty D] [--seed S] [--count N]`
//! - `replay FILE`: verify a call record (JSON).
//! - `bench [--turns N]`: engine throughput and lint time.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use composure::content::*;
    use composure::sim::*;
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use std::time::Instant;

    const USAGE: &str = "usage: composure <lint|stats|simulate|replay|bench> [options]
  lint PATH...        validate content files (packs, and customers.toml if named)
  stats PATH...       count moves, utterances and lines per campaign
  simulate            play calls with a scripted policy and print score statistics
      --policy best|random|mirror|worst|all   (default all)
      --campaign ID   (default: every shipped campaign)
      --archetype ID  (default: random)
      --difficulty 1-5 (default 3)
      --seed N        (default 1)
      --count N       (default 200)
      --by-archetype  print mean overall per policy and archetype
  replay FILE         replay a call record and verify its claimed scores
  bench [--turns N]   engine turns per second and lint time";

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
                diags.push(Diagnostic {
                    file: p.clone(),
                    line: 1,
                    col: 1,
                    severity: Severity::Error,
                    message: "cannot read the file".into(),
                });
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

    fn lint(paths: &[String]) -> i32 {
        if paths.is_empty() {
            eprintln!("usage: composure lint PATH...");
            return 2;
        }
        let (diags, _) = load_paths(paths);
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

    fn print_row(name: &str, r: &[usize; 12]) {
        println!(
            "{:<22} {:>5} {:>6} {:>6} {:>6} {:>7} {:>6} | {:>5} {:>5} {:>5} {:>5} | {:>8} {:>8}",
            name, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]
        );
    }

    fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(|s| s.as_str())
    }

    fn library() -> Library {
        match Library::shipped() {
            Ok(l) => l,
            Err(errors) => {
                for e in errors {
                    eprintln!("{e}");
                }
                std::process::exit(1);
            }
        }
    }

    #[derive(Default)]
    struct Stat {
        values: Vec<f64>,
    }
    impl Stat {
        fn mean(&self) -> f64 {
            if self.values.is_empty() {
                return 0.0;
            }
            self.values.iter().sum::<f64>() / self.values.len() as f64
        }
        fn sd(&self) -> f64 {
            if self.values.len() < 2 {
                return 0.0;
            }
            let m = self.mean();
            (self.values.iter().map(|v| (v - m) * (v - m)).sum::<f64>()
                / (self.values.len() - 1) as f64)
                .sqrt()
        }
    }

    fn simulate(args: &[String]) -> i32 {
        let lib = library();
        let policies: Vec<Policy> = match flag(args, "--policy").unwrap_or("all") {
            "all" => Policy::ALL.to_vec(),
            p => match Policy::parse(p) {
                Some(p) => vec![p],
                None => {
                    eprintln!("unknown policy `{p}`");
                    return 2;
                }
            },
        };
        let difficulty: u8 = flag(args, "--difficulty")
            .and_then(|d| d.parse().ok())
            .unwrap_or(3);
        let seed: u64 = flag(args, "--seed")
            .and_then(|d| d.parse().ok())
            .unwrap_or(1);
        let count: u32 = flag(args, "--count")
            .and_then(|d| d.parse().ok())
            .unwrap_or(200);
        let archetype = flag(args, "--archetype");
        let by_archetype = args.iter().any(|a| a == "--by-archetype");
        let campaigns: Vec<Arc<Campaign>> = match flag(args, "--campaign") {
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
            "{} call(s) per policy and campaign, difficulty {difficulty}, seed {seed}, archetype {}",
            count,
            archetype.unwrap_or("random")
        );
        println!(
            "{:<8} {:<20} {:>13} {:>13} {:>13} {:>13} {:>13}  endings",
            "policy", "campaign", "overall", "composure", "correctness", "outcome", "responsive"
        );
        let mut table: BTreeMap<(String, usize), Stat> = BTreeMap::new();
        for policy in &policies {
            for c in &campaigns {
                let mut stats: [Stat; 5] = Default::default();
                let mut endings: BTreeMap<&str, u32> = BTreeMap::new();
                let mut passed = 0;
                for i in 0..count {
                    let spec = CallSpec {
                        campaign: c.id.clone(),
                        archetype: archetype.map(Arc::from),
                        difficulty,
                        seed: mix(seed, u64::from(i)),
                        reply_limit_ms: None,
                        hints: false,
                        fate: None,
                        focus: Vec::new(),
                    };
                    let call = match play(
                        c.clone(),
                        lib.customers.clone(),
                        spec,
                        *policy,
                        mix(seed, u64::from(i) + 7),
                    ) {
                        Ok(call) => call,
                        Err(e) => {
                            eprintln!("call {i}: {e}");
                            return 1;
                        }
                    };
                    let Some(r) = call.report() else { continue };
                    let s = r.scores;
                    for (st, v) in stats.iter_mut().zip([
                        s.overall,
                        s.composure,
                        s.correctness,
                        s.outcome,
                        s.responsiveness,
                    ]) {
                        st.values.push(f64::from(v));
                    }
                    passed += u32::from(r.passed);
                    *endings.entry(r.ending.as_str()).or_default() += 1;
                    let arch = lib
                        .customers
                        .archetype(&call.persona().archetype)
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    table
                        .entry((policy.as_str().to_string(), arch))
                        .or_default()
                        .values
                        .push(f64::from(s.overall));
                }
                let cells: Vec<String> = stats
                    .iter()
                    .map(|s| format!("{:>6.1} ±{:>5.1}", s.mean(), s.sd()))
                    .collect();
                println!(
                    "{:<8} {:<20} {}  passed {passed}/{count}; {}",
                    policy.as_str(),
                    c.id,
                    cells.join(" "),
                    endings
                        .iter()
                        .map(|(e, n)| format!("{e} {n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        if by_archetype {
            println!("\nmean overall per policy and archetype");
            print!("{:<18}", "archetype");
            for p in &policies {
                print!(" {:>8}", p.as_str());
            }
            println!();
            for (i, a) in lib.customers.archetypes.iter().enumerate() {
                print!("{:<18}", a.id);
                for p in &policies {
                    match table.get(&(p.as_str().to_string(), i)) {
                        Some(s) => print!(" {:>8.1}", s.mean()),
                        None => print!(" {:>8}", "-"),
                    }
                }
                println!();
            }
        }
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
        let target: u64 = flag(args, "--turns")
            .and_then(|d| d.parse().ok())
            .unwrap_or(2_000_000);
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
