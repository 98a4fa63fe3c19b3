//! Human names for the ids that content and saved data use: techniques, customer move kinds and
//! endings, each with an example line, so no page ever shows `set-boundary` or `scam-check`.
//!
//! The ids are the contract between packs, records and code; these names are what a trainee
//! reads. `tests/names.rs` checks that every technique in [`super::TECHNIQUES`], every [`Kind`]
//! and every [`Ending`] has a name and an example, and that every technique the shipped packs
//! use is among them.

use super::{Ending, Kind};
use std::borrow::Cow;

/// What a trainee reads for an id.
///
/// Invariant: `name` starts with a capital letter and holds no hyphenated id; `example` is a
/// whole sentence (a line someone might say, or for an ending, what happened).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// A short name, in sentence case: "Set a boundary", "Scam check".
    pub name: &'static str,
    /// An example line: what an agent says (techniques), what a customer says (move kinds), or
    /// what happened (endings).
    pub example: &'static str,
}

const fn n(name: &'static str, example: &'static str) -> Name {
    Name { name, example }
}

/// Every technique id with its name and an example agent line, in the order of
/// [`super::TECHNIQUES`]: good practice first, then faults.
pub const TECHNIQUE_NAMES: &[(&str, Name)] = &[
    ("introduce", n("Introduce yourself", "Good afternoon, this is Sam calling from FibreLink.")),
    ("state-purpose", n("Say why you're calling", "I'm ringing about last week's engineer visit, to check everything is working.")),
    ("announce-recording", n("Mention that the call is recorded", "Just so you know, this call is recorded for training and quality.")),
    ("check-permission", n("Ask if it's a good time", "Is now a good time for a few minutes, or shall I ring back later?")),
    ("verify", n("Check who you're speaking to", "Before I look at the account, could you confirm your date of birth for me?")),
    ("acknowledge", n("Acknowledge what they said", "I hear you: you've been waiting a long time for this to be sorted.")),
    ("empathise", n("Show you understand how they feel", "That sounds really stressful, especially with the bill still going up.")),
    ("apologise-impact", n("Apologise for the effect on them", "I'm sorry this has cost you a morning off work.")),
    ("probe", n("Ask an open question", "What happened when you tried to log in?")),
    ("paraphrase", n("Say it back in your own words", "So the bill jumped from £40 to £120 without any warning. Have I got that right?")),
    ("reframe", n("Look at it another way", "Looked at another way, the switch would save you about £20 a month.")),
    ("evidence", n("Back it up with facts", "Your last three meter readings show the usage has doubled since March.")),
    ("feel-felt-found", n("Feel, felt, found", "I understand how you feel. Other customers felt the same at first, and found the cashback made it worthwhile.")),
    ("reassure", n("Reassure them", "You won't lose anything by waiting: the offer stays open until the end of the month.")),
    ("plain-language", n("Use plain words", "That just means the bill was a guess, not a real reading.")),
    ("check-understanding", n("Check they've understood", "Does that make sense, or shall I go over the dates again?")),
    ("offer", n("Make an offer", "We could move you to the fixed tariff, which would bring it down to £38 a month.")),
    ("disclose-terms", n("Give the key terms", "It's a twelve-month contract, and there's a £50 fee if you leave early.")),
    ("close", n("Ask for the decision", "Shall I set that up for you today?")),
    ("summarise", n("Sum up", "So, to recap: a new reading today, a corrected bill by Friday, and no late fee.")),
    ("next-steps", n("Explain what happens next", "You'll get a confirmation email within the hour, and the engineer will ring the day before.")),
    ("thank", n("Thank them", "Thank you for your time today, and for bearing with me.")),
    ("honour-opt-out", n("Respect a request not to be called", "Of course. I've taken your number off our list, and you won't hear from us again.")),
    ("set-boundary", n("Set a boundary", "I do want to help, but I can't carry on if you keep swearing at me.")),
    ("end-politely", n("End the call politely", "I'm going to end the call now. Thank you, and goodbye.")),
    ("escalate", n("Pass it to the right person", "I'll put you through to a team leader who can approve the refund.")),
    ("resolve", n("Put it right", "I've cancelled the duplicate payment; you'll see the money back within three days.")),
    ("redirect", n("Steer back on track", "That's a fair point. Coming back to your appointment, would Tuesday suit you?")),
    ("argue", n("Arguing", "No, that's not what happened at all.")),
    ("blame", n("Blaming someone", "Well, you should have read the letter we sent you.")),
    ("dismiss", n("Brushing them off", "I'm sure it's nothing to worry about.")),
    ("pressure", n("Pressure", "You really need to decide now; this won't be here tomorrow.")),
    ("sarcasm", n("Sarcasm", "Oh, wonderful. Another expert on how we should run things.")),
    ("over-promise", n("Promising too much", "I'll make sure you never get a wrong bill again.")),
    ("misleading", n("Misleading them", "Don't worry, there's no contract to sign.")),
    ("guarantee", n("Guaranteeing what you can't", "I guarantee the engineer will be there by nine.")),
    ("jargon", n("Jargon", "Your MPAN shows an estimated read against the direct debit schedule.")),
    ("lecture", n("Lecturing", "You have to understand that these rules are there for a reason.")),
    ("interrupt", n("Interrupting", "Yes, yes, let me stop you there.")),
    ("skip-verification", n("Skipping the identity check", "No need for security questions: your balance is £1,240.")),
    ("overshare", n("Oversharing", "Between you and me, the whole department is in a mess this week.")),
    ("vague", n("Being vague", "Someone will probably look at it at some point.")),
    ("give-up", n("Giving up", "Well, there's nothing I can do about it, I'm afraid.")),
    ("threaten", n("Threatening", "If you don't pay by Friday, it goes straight to the bailiffs.")),
    ("personal", n("Taking it personally", "There's no need to take it out on me; I'm having a bad day too.")),
];

/// The human name and example agent line of a technique id; `None` for an id that is not in
/// [`super::TECHNIQUES`] (which the loader refuses, so only damaged data can hold one).
pub fn technique(id: &str) -> Option<Name> {
    TECHNIQUE_NAMES
        .iter()
        .find(|(t, _)| *t == id)
        .map(|(_, name)| *name)
}

/// The name to show for a technique id: its human name, or for an id no pack can hold any more,
/// the id in words ("old-thing" becomes "Old thing"), never the raw id.
pub fn technique_label(id: &str) -> Cow<'static, str> {
    match technique(id) {
        Some(n) => Cow::Borrowed(n.name),
        None => Cow::Owned(in_words(id)),
    }
}

/// The human name of a move kind and an example of what the customer says.
pub fn kind(k: Kind) -> Name {
    match k {
        Kind::Opening => n("How the call opens", "Hello? Who's this?"),
        Kind::Question => n("A question", "How long would the contract run for?"),
        Kind::Objection => n("An objection", "It sounds a lot of money for what it is."),
        Kind::Complaint => n(
            "A complaint",
            "This is the third time I've rung about this.",
        ),
        Kind::Insult => n(
            "An insult",
            "Are you actually this slow, or do they make you read it off a card?",
        ),
        Kind::Silence => n("A silence", "Um… dunno, really."),
        Kind::Agreement => n("Agreement", "Go on then, that sounds fine."),
        Kind::Refusal => n("A refusal", "No, I'm not interested, thank you."),
        Kind::OptOut => n(
            "A request not to be called",
            "Take me off your list, please. I don't want these calls.",
        ),
        Kind::OffTopic => n(
            "Going off topic",
            "While I've got you, do you know anything about the roadworks outside?",
        ),
        Kind::Confusion => n(
            "Confusion",
            "Sorry, I don't follow. Which letter do you mean?",
        ),
        Kind::ScamCheck => n("A scam check", "How do I know you're really from the bank?"),
        Kind::ManagerRequest => n(
            "Asking for a manager",
            "I want to speak to your manager. Now, please.",
        ),
        Kind::Threat => n("A threat", "Ring me again and you'll regret it."),
        Kind::Callback => n(
            "Asking for a call back",
            "Can you ring me back after six? I'm at work.",
        ),
        Kind::ThirdParty => n(
            "Someone else answers",
            "I'm ringing for my mum. It's her account, but she gets in a muddle on the phone.",
        ),
        Kind::Vulnerability => n(
            "Signs they need extra care",
            "I've just lost my husband, and I can't think straight at the moment.",
        ),
    }
}

/// A move kind in the plural, lower case, for running text: "Drill: scam checks, insults".
pub fn kind_plural(k: Kind) -> &'static str {
    match k {
        Kind::Opening => "openings",
        Kind::Question => "questions",
        Kind::Objection => "objections",
        Kind::Complaint => "complaints",
        Kind::Insult => "insults",
        Kind::Silence => "silences",
        Kind::Agreement => "agreements",
        Kind::Refusal => "refusals",
        Kind::OptOut => "requests not to be called",
        Kind::OffTopic => "off-topic chat",
        Kind::Confusion => "confused customers",
        Kind::ScamCheck => "scam checks",
        Kind::ManagerRequest => "requests for a manager",
        Kind::Threat => "threats",
        Kind::Callback => "requests for a call back",
        Kind::ThirdParty => "calls answered by someone else",
        Kind::Vulnerability => "customers who need extra care",
    }
}

/// The name to show for a move-kind id from saved data: its human name, or the id in words for
/// a kind this version does not know.
pub fn kind_label(id: &str) -> Cow<'static, str> {
    match Kind::parse(id) {
        Some(k) => Cow::Borrowed(kind(k).name),
        None => Cow::Owned(in_words(id)),
    }
}

/// How a call ended, in words: a short name and a sentence on what happened.
pub fn ending(e: Ending) -> Name {
    match e {
        Ending::Goal => n(
            "Goal reached",
            "The call did what it set out to do: a sale, a finished survey, a complaint put right.",
        ),
        Ending::PoliteClose => n(
            "Closed politely",
            "The call ended courteously without the goal.",
        ),
        Ending::BoundaryEnd => n(
            "Ended over abuse",
            "You ended an abusive call, politely and firmly.",
        ),
        Ending::Escalation => n(
            "Handed on",
            "You passed the customer on to the team who can help.",
        ),
        Ending::HangUp => n("Customer hung up", "The customer put the phone down."),
        Ending::ComplianceFailure => n(
            "Compliance breach",
            "A serious breach of the rules ended the call.",
        ),
    }
}

/// `n` with the noun in the singular or plural: "1 success", "2 successes", "0 hang-ups".
pub fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An id in words: hyphens become spaces and the first letter a capital.
fn in_words(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Unnamed".to_string(),
    }
}
