//! Large synthetic timelines, for the benchmarks and for trying the explorer
//! at scale (`examples/synth.rs` writes one to disk).
//!
//! Deterministic for a given seed: the same call always gives the same
//! bytes, so figures from different runs compare. The shapes follow a real
//! chronology: 60 actors with short names and aliases, 25 tags, dates of
//! day, month and year precision with `~`/`?` qualifiers across 1900–2024,
//! ~60-character titles, ~200-character summaries, 0–600 characters of
//! details, 0–4 claims, 1–3 graded sources, related links and figures,
//! and places with coordinates (one for every 50 events, 20 to 2,000; see
//! `places.rs`) that most events name. The output loads with no errors
//! and no warnings. It never reads or writes files itself.

// Shared by the benches and the example through `#[path]`; each uses a part.
#![allow(dead_code)]

use std::fmt::Write as _;

pub mod places;

/// Events per file: a timeline this size is split the way a person would
/// split it, and every file stays far below the loader's per-file limit.
pub const EVENTS_PER_FILE: usize = 10_000;

/// The two actors that take part in the most events: the benches filter on them.
pub const COMMON_ACTORS: [&str; 2] = ["northern-government", "northern-army"];

/// A timeline as files: (name, TOML text). The first holds `[timeline]`,
/// the actors, the places and a tour; the rest hold the events.
pub fn files(events: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    // From a generator of their own, so the rest is as it was before places.
    let placed = places::generate(events, seed);
    let actors = actors();
    let mut out = Vec::new();
    let mut head = String::new();
    head.push_str("# A synthetic chronology for benchmarks; every name in it is invented.\n\n");
    head.push_str("[timeline]\n");
    let _ = writeln!(head, "title = \"Synthetic chronology of {events} events\"");
    head.push_str("summary = \"Generated for benchmarks: invented actors, places and events spread over 1900–2024.\"\n");
    head.push_str("coverage = { from = \"1900\", to = \"2024\" }\n\n");
    for (i, a) in actors.iter().enumerate() {
        write_actor(&mut head, &mut rng, &actors, i, a);
    }
    for p in &placed.places {
        places::write_place(&mut head, &placed.places, p);
    }
    if events > 0 {
        head.push_str(
            "[[tours]]\nid = \"overview\"\ntitle = \"A walk through the synthetic years\"\n",
        );
        head.push_str("summary = \"Ten events spread across the timeline.\"\nsteps = [\n");
        for k in 0..10.min(events) {
            let _ = writeln!(
                head,
                "  {{ event = \"{}\", note = \"Step {}.\" }},",
                event_id(k * events / 10.min(events)),
                k + 1
            );
        }
        head.push_str("]\n");
    }
    out.push(("synthetic/timeline.toml".to_string(), head));
    let mut start = 0;
    while start < events {
        let end = (start + EVENTS_PER_FILE).min(events);
        let mut text = String::with_capacity((end - start) * 1_500);
        let _ = writeln!(text, "# Events {start}–{}.\n", end - 1);
        for i in start..end {
            write_event(&mut text, &mut rng, &actors, &placed, i);
        }
        out.push((
            format!("synthetic/events-{:03}.toml", start / EVENTS_PER_FILE),
            text,
        ));
        start = end;
    }
    out
}

/// A small, fast, seedable generator (xorshift64*): the benches need
/// repeatable input, not statistical quality, so no crate is pulled in.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in 0..n (n > 0); the bias of a modulo is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with the given chance in percent.
    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Skewed towards 0: a few actors and tags take most events, as in life.
    pub fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

struct SynthActor {
    id: String,
    name: String,
    short: String,
    aliases: Vec<String>,
    kind: &'static str,
}

const REGIONS: [(&str, &str); 10] = [
    ("northern", "N"),
    ("southern", "S"),
    ("eastern", "E"),
    ("western", "W"),
    ("central", "C"),
    ("coastal", "CST"),
    ("highland", "HL"),
    ("border", "BRD"),
    ("river", "RIV"),
    ("valley", "VAL"),
];

const ROLES: [(&str, &str, &str); 6] = [
    ("government", "GOV", "government"),
    ("army", "ARMY", "military"),
    ("intelligence", "INT", "intelligence"),
    ("party", "PTY", "party"),
    ("front", "FRT", "armed-group"),
    ("envoy", "ENV", "person"),
];

const SURNAMES: [&str; 10] = [
    "Rahimi",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Çelik",
    "Nakamura",
    "Petrova",
    "Mensah",
    "Quispe",
];

/// 60 actors: every role in every region. Ordered so the first ones are
/// the most common (the generator's skew favours low indices).
fn actors() -> Vec<SynthActor> {
    let mut out = Vec::with_capacity(60);
    for (ri, (role, role_short, kind)) in ROLES.iter().enumerate() {
        for (gi, (region, region_short)) in REGIONS.iter().enumerate() {
            let place = capitalize(region);
            let (name, aliases) = match *role {
                "government" => (
                    format!("Government of the {place} Republic"),
                    vec![
                        format!("{place} government"),
                        format!("the {place} Republic"),
                    ],
                ),
                "army" => (
                    format!("{place} Republican Army"),
                    vec![format!("{place} armed forces"), format!("{place} military")],
                ),
                "intelligence" => (
                    format!("{place} Directorate of Intelligence"),
                    vec![format!("{place} intelligence"), format!("D{region_short}I")],
                ),
                "party" => (
                    format!("{place} People's Party"),
                    vec![format!("{place} PP")],
                ),
                "front" => (
                    format!("{place} Liberation Front"),
                    vec![
                        format!("{place} LF"),
                        format!("the {place} militants"),
                        format!("{place} rebels"),
                    ],
                ),
                _ => (
                    format!("{} {}", SURNAMES[(ri + gi) % SURNAMES.len()], place),
                    vec![format!("Envoy {}", SURNAMES[(ri + gi) % SURNAMES.len()])],
                ),
            };
            out.push(SynthActor {
                id: format!("{region}-{role}"),
                name,
                short: format!("{region_short}-{role_short}"),
                aliases,
                kind,
            });
        }
    }
    // Interleave so that index order mixes roles: 0 = northern-government,
    // 1 = northern-army, 2 = southern-government, …
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (i % REGIONS.len(), i / REGIONS.len()));
    let mut slots: Vec<Option<SynthActor>> = out.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

fn write_actor(out: &mut String, rng: &mut Rng, all: &[SynthActor], i: usize, a: &SynthActor) {
    let _ = writeln!(out, "[actors.{}]", a.id);
    let _ = writeln!(out, "name = \"{}\"", a.name);
    let _ = writeln!(out, "short = \"{}\"", a.short);
    let aliases: Vec<String> = a.aliases.iter().map(|s| format!("\"{s}\"")).collect();
    let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
    let _ = writeln!(out, "kind = \"{}\"", a.kind);
    let _ = writeln!(out, "summary = \"{}\"", sentences(rng, 220));
    let l1 = &all[(i + 1) % all.len()].id;
    let l2 = &all[(i + 7) % all.len()].id;
    let _ = writeln!(out, "links = [\"{l1}\", \"{l2}\"]\n");
}

pub fn event_id(i: usize) -> String {
    format!("ev-{i:06}")
}

fn write_event(
    out: &mut String,
    rng: &mut Rng,
    actors: &[SynthActor],
    placed: &places::Placed,
    i: usize,
) {
    out.push_str("[[events]]\n");
    let _ = writeln!(out, "id = \"{}\"", event_id(i));
    let (year, date) = date(rng);
    if rng.percent(5) && !date.contains(['~', '?']) && date.len() == 10 {
        // A TOML date literal, which the format also accepts.
        let _ = writeln!(out, "date = {date}");
    } else {
        let _ = writeln!(out, "date = \"{date}\"");
    }
    if rng.percent(12) {
        let end = (year + 1 + rng.below(3) as u32).min(2024);
        if end == year {
            let _ = writeln!(out, "end = \"{end}\"");
        } else {
            let _ = writeln!(out, "end = \"{end}-{:02}\"", 1 + rng.below(12));
        }
    }
    let _ = writeln!(out, "title = \"{}\"", title(rng, 60));
    let _ = writeln!(out, "summary = \"{}\"", sentences(rng, 200));
    let details = rng.below(601);
    if details > 0 {
        if rng.percent(50) {
            let first = sentences(rng, details / 2);
            let second = sentences(rng, details / 2);
            let _ = writeln!(out, "details = \"\"\"\n{first}\n\n{second}\"\"\"");
        } else {
            let _ = writeln!(out, "details = \"{}\"", sentences(rng, details));
        }
    }
    let n_actors = 1 + rng.skewed(4);
    let mut chosen: Vec<usize> = Vec::with_capacity(n_actors);
    while chosen.len() < n_actors {
        let a = rng.skewed(actors.len());
        if !chosen.contains(&a) {
            chosen.push(a);
        }
    }
    let ids: Vec<String> = chosen
        .iter()
        .map(|&a| format!("\"{}\"", actors[a].id))
        .collect();
    let _ = writeln!(out, "actors = [{}]", ids.join(", "));
    if rng.percent(80) {
        let _ = writeln!(
            out,
            "location = \"{}, {}\"",
            rng.pick(&PLACES),
            capitalize(rng.pick(&REGIONS).0)
        );
    }
    places::write_event_places(out, &placed.places, &placed.of_event[i]);
    let n_tags = rng.below(4);
    if n_tags > 0 {
        let mut tags: Vec<&str> = Vec::new();
        while tags.len() < n_tags {
            let t = TAGS[rng.skewed(TAGS.len())];
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
        let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    }
    if rng.percent(30) {
        let _ = writeln!(
            out,
            "figures = {{ killed = {}, wounded = {} }}",
            rng.below(300),
            rng.below(900)
        );
    }
    if i > 0 && rng.percent(25) {
        let n = 1 + rng.below(3);
        let refs: Vec<String> = (0..n)
            .map(|_| format!("\"{}\"", event_id(rng.below(i))))
            .collect();
        let _ = writeln!(out, "related = [{}]", refs.join(", "));
    }
    out.push('\n');
    let claims = match rng.below(20) {
        0..10 => 0,
        10..14 => 1,
        14..17 => 2,
        17..19 => 3,
        _ => 4,
    };
    let sources = 1 + rng.below(3);
    for _ in 0..claims {
        out.push_str("[[events.claims]]\n");
        let _ = writeln!(out, "by = \"{}\"", actors[rng.skewed(actors.len())].id);
        let _ = writeln!(
            out,
            "stance = \"{}\"",
            rng.pick(&["asserts", "confirms", "denies", "disputes"])
        );
        let _ = writeln!(out, "text = \"{}\"", sentences(rng, 120));
        // Most claims cite the source that carries them, as a kept timeline's do.
        if rng.percent(85) {
            let _ = writeln!(out, "sources = [{}]", 1 + rng.below(sources));
        }
        out.push('\n');
    }
    for _ in 0..sources {
        out.push_str("[[events.sources]]\n");
        let _ = writeln!(out, "publisher = \"{}\"", rng.pick(&PUBLISHERS));
        let _ = writeln!(out, "title = \"{}\"", title(rng, 50));
        let _ = writeln!(
            out,
            "date = \"{}-{:02}-{:02}\"",
            year,
            1 + rng.below(12),
            1 + rng.below(28)
        );
        if rng.percent(60) {
            let _ = writeln!(
                out,
                "url = \"https://news.example.org/{year}/{}\"",
                rng.next_u64() % 1_000_000
            );
        }
        if rng.percent(90) {
            let _ = writeln!(
                out,
                "grade = \"{}{}\"",
                rng.pick(&['A', 'B', 'C', 'D', 'E', 'F']),
                1 + rng.below(6)
            );
        }
        out.push('\n');
    }
}

/// A date of mixed precision and qualifier, and its year.
fn date(rng: &mut Rng) -> (u32, String) {
    // Later years are busier, as chronologies of the recent past are.
    let year = 2024 - rng.skewed(125) as u32;
    let mut s = match rng.below(10) {
        0 => format!("{year}"),
        1 | 2 => format!("{year}-{:02}", 1 + rng.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    };
    match rng.below(25) {
        0 | 1 => s.push('~'),
        2 => s.push('?'),
        _ => {}
    }
    (year, s)
}

fn title(rng: &mut Rng, len: usize) -> String {
    let mut s = capitalize(rng.pick(&WORDS));
    while s.len() < len {
        s.push(' ');
        if rng.percent(15) {
            s.push_str(rng.pick(&PLACES));
        } else {
            s.push_str(rng.pick(&WORDS));
        }
    }
    s
}

/// Sentences of about `len` characters, ending in a full stop.
fn sentences(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 16);
    let mut in_sentence = 0;
    while s.len() < len {
        if in_sentence == 0 {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&capitalize(rng.pick(&WORDS)));
        } else {
            s.push(' ');
            if rng.percent(10) {
                s.push_str(rng.pick(&PLACES));
            } else {
                s.push_str(rng.pick(&WORDS));
            }
        }
        in_sentence += 1;
        if in_sentence > 8 && rng.percent(20) {
            s.push('.');
            in_sentence = 0;
        }
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const TAGS: [&str; 25] = [
    "attack",
    "ceasefire",
    "peace-talks",
    "military-operation",
    "border",
    "refugees",
    "diplomacy",
    "election",
    "sanctions",
    "leadership",
    "kidnapping",
    "protest",
    "trade",
    "aid",
    "court-ruling",
    "legislation",
    "airstrike",
    "bombing",
    "negotiation",
    "treaty",
    "displacement",
    "arrest",
    "assassination",
    "summit",
    "statement",
];

const PLACES: [&str; 24] = [
    "Peshawar",
    "Quetta",
    "Kabul",
    "Karachi",
    "Lahore",
    "Islamabad",
    "Khost",
    "Kandahar",
    "Jalalabad",
    "Torkham",
    "Chaman",
    "Bannu",
    "Swat",
    "Mardan",
    "Gilgit",
    "Herat",
    "Mazar-i-Sharif",
    "Kunduz",
    "Ürümqi",
    "Tashkent",
    "Dushanbe",
    "Zahedan",
    "Gwadar",
    "Miranshah",
];

const PUBLISHERS: [&str; 12] = [
    "The Daily Ledger",
    "Frontier Post Wire",
    "Northern Herald",
    "Reuters-like Wire",
    "Valley Times",
    "Coastal Gazette",
    "Border Monitor",
    "Highland Review",
    "Ministry Bulletin",
    "Research Institute Brief",
    "United Nations-style Report",
    "Independent Observer",
];

const WORDS: [&str; 158] = [
    "officials",
    "said",
    "the",
    "government",
    "announced",
    "talks",
    "with",
    "militants",
    "after",
    "attack",
    "on",
    "a",
    "checkpoint",
    "near",
    "border",
    "crossing",
    "forces",
    "killed",
    "wounded",
    "commander",
    "leader",
    "group",
    "claimed",
    "responsibility",
    "ceasefire",
    "collapsed",
    "delegation",
    "arrived",
    "in",
    "capital",
    "for",
    "second",
    "round",
    "of",
    "negotiations",
    "minister",
    "rejected",
    "allegations",
    "that",
    "agency",
    "supported",
    "insurgents",
    "across",
    "frontier",
    "refugees",
    "returned",
    "to",
    "camps",
    "outside",
    "city",
    "police",
    "arrested",
    "suspects",
    "linked",
    "bombing",
    "market",
    "court",
    "ordered",
    "release",
    "detainees",
    "parliament",
    "passed",
    "law",
    "extending",
    "powers",
    "security",
    "operation",
    "launched",
    "against",
    "hideouts",
    "mountains",
    "district",
    "residents",
    "fled",
    "fighting",
    "between",
    "army",
    "and",
    "rebels",
    "spokesman",
    "denied",
    "reports",
    "casualties",
    "envoy",
    "met",
    "counterpart",
    "discuss",
    "trade",
    "route",
    "reopened",
    "closed",
    "weeks",
    "amid",
    "tensions",
    "over",
    "fence",
    "shelling",
    "villages",
    "drone",
    "strike",
    "targeted",
    "compound",
    "believed",
    "house",
    "senior",
    "figure",
    "aid",
    "convoy",
    "reached",
    "valley",
    "by",
    "road",
    "winter",
    "floods",
    "damaged",
    "bridges",
    "election",
    "results",
    "disputed",
    "opposition",
    "protesters",
    "gathered",
    "square",
    "demanding",
    "resignation",
    "treaty",
    "signed",
    "at",
    "summit",
    "hosted",
    "neighbouring",
    "state",
    "observers",
    "described",
    "agreement",
    "fragile",
    "pesticide",
    "despite",
    "earlier",
    "promises",
    "independent",
    "investigators",
    "could",
    "not",
    "verify",
    "figures",
    "witnesses",
    "described",
    "chaos",
    "as",
    "gunmen",
    "stormed",
    "school",
    "hospital",
    "airport",
    "Zarb-e-Azb",
    "naïve",
    "résumé",
];
