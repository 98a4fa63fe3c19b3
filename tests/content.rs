//! The shipped content lints clean and meets the volume the product promises; the format
//! document's example is a valid pack; hostile and huge packs are judged without panicking; the
//! library check compares packs. Each kind of authoring mistake in a single pack, with its
//! diagnostics and their ranges, is a data file checked by `tests/bad_packs.rs`.

use composure_core::content::*;
use composure_core::lint::load_pack;
use std::collections::HashSet;
use std::sync::Arc;

mod common;
use common::doc_example;

fn customers() -> Arc<Customers> {
    let (file, src) = SHIPPED_CUSTOMERS;
    let l = load_customers(file, src);
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    Arc::new(l.value.expect("customers"))
}

#[test]
fn shipped_content_lints_clean_without_warnings() {
    let customers = customers();
    for (file, src) in SHIPPED_PACKS {
        let l = load_pack(file, src, &customers);
        let text: Vec<String> = l.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(text.is_empty(), "{file}:\n{}", text.join("\n"));
        assert!(l.value.is_some());
    }
}

#[test]
fn the_shipped_library_grades_the_same_line_the_same_way() {
    let lib = composure_core::lint::shipped().expect("shipped");
    let text: Vec<String> = check_library(&lib.campaigns)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(text.is_empty(), "{}", text.join("\n"));
}

#[test]
fn shipped_content_meets_the_promised_volume() {
    let lib = composure_core::lint::shipped().expect("shipped");
    assert!(lib.campaigns.len() >= 5);
    let purposes: HashSet<Purpose> = lib.campaigns.iter().map(|c| c.purpose).collect();
    assert_eq!(purposes.len(), 5, "one campaign per purpose");
    let (mut utterances, mut lines) = (0, 0);
    for c in &lib.campaigns {
        assert!(c.moves.len() >= 10, "{}: {} moves", c.id, c.moves.len());
        for m in &c.moves {
            for level in m.min_level.index()..=m.max_level.index() {
                assert!(
                    m.say[level].len() >= 3,
                    "{} {}: {} utterances at level {level}",
                    c.id,
                    m.id,
                    m.say[level].len()
                );
            }
        }
        let u: usize = c
            .moves
            .iter()
            .flat_map(|m| m.say.iter())
            .map(Vec::len)
            .sum();
        let all: Vec<&Line> = c.moves.iter().flat_map(|m| &m.lines).collect();
        assert!(all.len() >= 60, "{}: {} lines", c.id, all.len());
        for q in Quality::ALL {
            assert!(
                all.iter().filter(|l| l.quality == *q).count() >= 8,
                "{}: few {:?} lines",
                c.id,
                q
            );
        }
        let hot = all.iter().filter(|l| !l.tone.composed()).count();
        assert!(
            hot >= 15 && all.len() - hot >= 30,
            "{}: tone mix {hot} not composed",
            c.id
        );
        utterances += u;
        lines += all.len();
    }
    assert!(utterances >= 2000, "{utterances} utterances");
    assert!(lines >= 900, "{lines} lines");
    for c in &lib.campaigns {
        let kinds: HashSet<Kind> = c.moves.iter().map(|m| m.kind).collect();
        assert!(kinds.len() >= 12, "{}: {} move kinds", c.id, kinds.len());
        // Every campaign honours a do-not-call request and ends a threat at once.
        assert!(c.has_role(Role::OptOut), "{}: no opt-out move", c.id);
        assert!(c.has_role(Role::ThreatEnd), "{}: no threat-end move", c.id);
    }
    let ids: HashSet<&str> = lib.customers.archetypes.iter().map(|a| &*a.id).collect();
    for want in [
        "friendly-busy",
        "sceptic",
        "bargain-hunter",
        "hostile",
        "abusive",
        "elderly-unsure",
        "chatterbox",
        "aggrieved",
        "do-not-call",
        "interested-buyer",
        "monosyllabic",
        "scam-wary",
    ] {
        assert!(ids.contains(want), "archetype {want} missing");
    }
}

#[test]
fn the_format_documents_example_is_a_valid_pack() {
    let l = load_pack("example.toml", &doc_example(), &customers());
    let text: Vec<String> = l.diagnostics.iter().map(|d| d.to_string()).collect();
    // An example to copy: no errors, and no warnings either.
    assert!(l.value.is_some() && text.is_empty(), "{}", text.join("\n"));
}

#[test]
fn hostile_input_never_panics() {
    let customers = customers();
    let example = doc_example();
    let cases: Vec<String> = vec![
        String::new(),
        "\u{0}\u{1}garbage".into(),
        "[[move]]\n".repeat(500),
        example[..example.len() / 3].to_string(),
        example.replace('"', "'"),
        example.replace("[[move.line]]", "[move.line]"),
        "format = 1\n[campaign]\nid = 3".into(),
        "format = \"1\"\ncampaign = []".into(),
        format!("format = 1\n{}", "a = [".repeat(2000)),
        "x".repeat(MAX_SOURCE_BYTES + 1),
    ];
    for src in &cases {
        let l = load_pack("hostile.toml", src, &customers);
        assert!(l.value.is_none());
        assert!(l.errors().count() > 0);
        for d in &l.diagnostics {
            assert!(d.line >= 1 && d.col >= 1, "{d}");
            assert!(
                (d.end_line, d.end_col) >= (d.line, d.col),
                "{}: {d}",
                d.range()
            );
        }
    }
}

#[test]
fn a_ten_thousand_move_pack_is_read_and_judged() {
    let mut src = doc_example();
    for i in 0..10_000 {
        // Compact inline tables keep 10,000 moves under the size limit.
        let lines: Vec<String> = [("calm", "best"), ("calm", "wrong"), ("curt", "weak"), ("warm", "good")]
            .iter()
            .map(|(t, q)| format!("{{text=\"{t} {q} {i}\",tone=\"{t}\",quality=\"{q}\",techniques=[\"probe\"],why=\"w\"}}"))
            .collect();
        src.push_str(&format!(
            "\n[[move]]\nid=\"q-{i}\"\nkind=\"question\"\nrole=\"body\"\nphase=\"close\"\nhint=\"h\"\nsay={{polite=[\"a{i}\",\"b{i}\",\"c{i}\"]}}\nline=[{}]\n",
            lines.join(",")
        ));
    }
    assert!(src.len() < MAX_SOURCE_BYTES);
    let l = load_pack("huge.toml", &src, &customers());
    assert!(
        l.value.is_some(),
        "{:?}",
        l.errors().take(3).collect::<Vec<_>>()
    );
    assert_eq!(l.value.map(|c| c.moves.len()), Some(10_003));
}

#[test]
fn the_library_check_flags_one_line_graded_two_ways() {
    let c = customers();
    let a = load_pack("a.toml", &doc_example(), &c).value.expect("a");
    // The same pack under another id, with the calm "It really is only two minutes" line turned
    // from wrong into weak, and one line reworded by a word (still nearly the same).
    let src = doc_example()
        .replacen("id = \"greenleaf-survey\"", "id = \"greenleaf-two\"", 1)
        .replacen(
            "tone = \"calm\"\nquality = \"wrong\"\ntechniques = [\"pressure\"]\nwhy = \"Pressing",
            "tone = \"calm\"\nquality = \"weak\"\ntechniques = [\"pressure\"]\nwhy = \"Pressing",
            1,
        );
    let b = load_pack("b.toml", &src, &c).value.expect("b");
    let warnings = check_library(&[a.clone(), b]);
    // At the line's `text`, the whole key and value.
    let at = src[..src.find("It really is only two minutes").expect("line")]
        .matches('\n')
        .count() as u32
        + 1;
    let text_len = src
        .lines()
        .nth(at as usize - 1)
        .expect("text line")
        .trim_end()
        .len() as u32;
    assert!(
        warnings.iter().any(|d| d.file == "b.toml"
            && (d.line, d.col, d.end_line, d.end_col) == (at, 1, at, text_len + 1)
            && d.message
                .contains("graded weak (calm), but the same text as the line at a.toml")),
        "{warnings:#?}"
    );
    // A library of one pack is consistent with itself.
    assert!(check_library(std::slice::from_ref(&a)).is_empty());
    // The same violation weighs the same everywhere.
    let lenient = doc_example()
        .replacen("id = \"greenleaf-survey\"", "id = \"greenleaf-three\"", 1)
        .replacen(
            "label = \"Tried to sell during a survey\"\ncritical = true",
            "label = \"Tried to sell during a survey\"\ncritical = false",
            1,
        );
    let l = load_pack("c.toml", &lenient, &c).value.expect("c");
    let w = check_library(&[a, l]);
    let at = lenient[..lenient.find("id = \"selling-in-survey\"").expect("id")]
        .matches('\n')
        .count() as u32
        + 1;
    assert!(
        w.iter().any(|d| d.file == "c.toml"
            && (d.line, d.col) == (at, 1)
            && d.message
                .contains("`selling-in-survey` is not critical here but critical in a.toml")),
        "{w:#?}"
    );
}

/// Every named enum reads back what it writes, in content files (`parse`/`as_str`) and in saved
/// data (serde), and its `ALL` list is complete and in index order.
#[test]
fn named_enums_round_trip_between_text_and_serde() {
    fn check<T>(
        all: &[T],
        name: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
        index: fn(T) -> usize,
    ) where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        for (i, v) in all.iter().copied().enumerate() {
            assert_eq!(index(v), i, "{v:?} is out of order");
            assert_eq!(parse(name(v)), Some(v), "{v:?}");
            let json = serde_json::to_string(&v).expect("json");
            assert_eq!(json, format!("\"{}\"", name(v)), "{v:?}");
            assert_eq!(serde_json::from_str::<T>(&json).expect("back"), v);
        }
        assert_eq!(parse("no-such-value"), None);
    }
    check(Level::ALL, Level::as_str, Level::parse, Level::index);
    check(Tone::ALL, Tone::as_str, Tone::parse, Tone::index);
    check(
        Quality::ALL,
        Quality::as_str,
        Quality::parse,
        Quality::index,
    );
    check(Role::ALL, Role::as_str, Role::parse, Role::index);
    check(Kind::ALL, Kind::as_str, Kind::parse, Kind::index);
    check(Ending::ALL, Ending::as_str, Ending::parse, Ending::index);
    check(
        Purpose::ALL,
        Purpose::as_str,
        Purpose::parse,
        Purpose::index,
    );
    check(Tag::ALL, Tag::as_str, Tag::parse, Tag::index);
    check(Fate::ALL, Fate::as_str, Fate::parse, Fate::index);
    check(
        AgeBand::ALL,
        AgeBand::as_str,
        AgeBand::parse,
        AgeBand::index,
    );
    check(
        Direction::ALL,
        Direction::as_str,
        Direction::parse,
        Direction::index,
    );
    assert_eq!(Kind::ALL.len(), KINDS);
    assert_eq!(Role::ALL.len(), ROLES);
}

/// A diagnostic from `line:col` to `end_line:end_col` (the end exclusive).
fn diag(line: u32, col: u32, end_line: u32, end_col: u32) -> Diagnostic {
    Diagnostic {
        file: "pack.toml".into(),
        line,
        col,
        end_line,
        end_col,
        severity: Severity::Error,
        message: "something is wrong".into(),
    }
}

#[test]
fn an_excerpt_puts_a_caret_under_each_character_of_the_range() {
    let src = "format = 1\n[campaign]\npurpose = \"party\"\n";
    // `"party"` runs from column 11 to just before column 18.
    assert_eq!(
        diag(3, 11, 3, 18).excerpt(src),
        "purpose = \"party\"\n          ^^^^^^^"
    );
    // A point gets one caret; so does a range that starts at the end of its line.
    assert_eq!(diag(1, 8, 1, 8).excerpt(src), "format = 1\n       ^");
    assert_eq!(diag(2, 11, 2, 11).excerpt(src), "[campaign]\n          ^");
    // A range running on to later lines is marked to the end of its first line.
    assert_eq!(diag(2, 2, 3, 4).excerpt(src), "[campaign]\n ^^^^^^^^^");
    // A column past the end of the line is taken as the line's end.
    assert_eq!(diag(1, 40, 1, 44).excerpt(src), "format = 1\n          ^");
    // No such line: nothing to show.
    assert_eq!(diag(0, 0, 0, 0).excerpt(src), "");
    assert_eq!(diag(9, 1, 9, 2).excerpt(src), "");
}

#[test]
fn an_excerpt_lines_up_under_tabs_wide_characters_and_windows_line_ends() {
    // Tabs before the column stay tabs, so the caret sits under the same place.
    let src = "[[move]]\r\n\tid = \"caf\u{e9}-\u{e9}t\u{e9}\"\r\n";
    // `café-été` in quotes: bytes 6..19 of the line (é is two bytes), 10 characters.
    assert_eq!(
        diag(2, 7, 2, 20).excerpt(src),
        "\tid = \"caf\u{e9}-\u{e9}t\u{e9}\"\n\t     ^^^^^^^^^^"
    );
    // A column in the middle of a two-byte character starts at that character.
    let e = diag(2, 12, 2, 13).excerpt(src);
    assert_eq!(e.lines().nth(1), Some("\t         ^"));
    // The carriage return of a Windows line end is not part of the shown line.
    assert!(!diag(1, 1, 1, 3).excerpt(src).contains('\r'));
}

#[test]
fn a_real_diagnostic_points_at_the_faulty_text() {
    let src = doc_example().replace("purpose = \"survey\"", "purpose = \"party\"");
    let l = load_pack("broken.toml", &src, &customers());
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.message.contains("party"))
        .expect("a diagnostic about the purpose");
    let e = d.excerpt(&src);
    let (line, caret) = e.split_once('\n').expect("two lines");
    assert!(line.contains("purpose = \"party\""), "{e}");
    let marked: String = line
        .chars()
        .zip(caret.chars())
        .filter(|(_, c)| *c == '^')
        .map(|(l, _)| l)
        .collect();
    assert!(marked.contains("party"), "{e}");
    assert!(!marked.contains("purpose"), "{e}");
    // The trainer's importer shows the same excerpt beside each diagnostic.
    let lib = composure_core::lint::shipped().expect("shipped");
    let p = composure_core::exchange::import_pack(&lib, &[], "broken.toml", &src);
    assert_eq!(p.excerpts.len(), p.diagnostics.len());
    let i = p
        .diagnostics
        .iter()
        .position(|t| t.contains("party"))
        .expect("listed");
    assert_eq!(p.excerpts[i], e);
}

#[test]
fn missing_names_the_ids_the_library_lacks_in_their_order() {
    let lib = Library::shipped().expect("shipped");
    let first = lib.campaigns[0].id.to_string();
    let ids = vec!["nope".to_string(), first, "also-nope".to_string()];
    assert_eq!(lib.missing(&ids), vec!["nope", "also-nope"]);
    assert!(lib.missing(&[]).is_empty());
}
