//! Tables into records: the timeline, actors, events with their claims
//! and sources, tours with their steps (views are in `views`). Each checks
//! its fields against its spec in `mod.rs`; values are read through
//! `accessors`.

use super::degrees::Axis;
use super::*;
use crate::load::doc::{Key, Node};
use crate::model::Str;

impl<'a> Walker<'_, 'a> {
    pub fn document(&mut self, doc: &Table<'a>, out: &mut RawTimeline<'a>) {
        for (key, value) in doc.iter() {
            match key.name.as_ref() {
                "timeline" => {
                    if let Some(t) = self.table(value, "the [timeline] table") {
                        out.meta.push(self.meta(key, &t));
                    }
                }
                "actors" => {
                    if let Some(t) = self.table(value, "[actors], a table of actor tables") {
                        for (id, actor) in t.table.iter() {
                            if let Some(a) = self.actor(id, actor) {
                                out.actors.push(a);
                            }
                        }
                    }
                }
                "places" => {
                    if let Some(t) = self.table(value, "[places], a table of place tables") {
                        for (id, place) in t.table.iter() {
                            if let Some(p) = self.place(id, place) {
                                out.places.push(p);
                            }
                        }
                    }
                }
                "events" => {
                    if matches!(value.value, crate::load::doc::Value::Table(_)) {
                        self.single_events_table(value);
                        continue;
                    }
                    let items = self.array_of_tables(value, "[[events]]");
                    out.events.reserve(items.len());
                    for item in items {
                        if let Some(e) = self.event(item) {
                            out.events.push(e);
                        }
                    }
                }
                "tours" => {
                    for item in self.array_of_tables(value, "[[tours]]") {
                        if let Some(t) = self.tour(item) {
                            out.tours.push(t);
                        }
                    }
                }
                "views" => {
                    for item in self.array_of_tables(value, "[[views]]") {
                        if let Some(v) = self.view(item) {
                            out.views.push(v);
                        }
                    }
                }
                other => self.unknown_field(key, other, TOP, "a timeline file"),
            }
        }
    }

    fn meta(&mut self, key: &Key<'_>, t: &TableAt<'_, '_>) -> RawMeta {
        let mut meta = RawMeta {
            at: self.sp(&key.span, ()),
            title: None,
            summary: String::new(),
            coverage: None,
        };
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "title" => meta.title = self.line(v),
                "summary" => meta.summary = self.text(v).unwrap_or_default(),
                "coverage" => {
                    let Some(c) = self.table(
                        v,
                        "an inline table such as { from = \"2007\", to = \"2024\" }",
                    ) else {
                        continue;
                    };
                    let (mut from, mut to) = (None, None);
                    for (ck, cv) in c.table.iter() {
                        match ck.name.as_ref() {
                            "from" => from = self.date(cv),
                            "to" => to = self.date(cv),
                            other => self.unknown_field(ck, other, COVERAGE, "coverage"),
                        }
                    }
                    match (from, to) {
                        (Some(f), Some(t)) => {
                            // A backwards coverage would put every event outside it.
                            if self.in_order(&f, &t, "coverage") {
                                meta.coverage = Some((f, t));
                            }
                        }
                        _ => self.push(
                            Diagnostic::error(
                                "missing-field",
                                "coverage needs both `from` and `to`",
                            )
                            .at(self.file, v.span.clone(), "incomplete coverage")
                            .hint("write coverage = { from = \"2007\", to = \"2024\" }"),
                        ),
                    }
                }
                other => self.unknown_field(k, other, TIMELINE, "[timeline]"),
            }
        }
        self.require(TIMELINE, t.table, key.span.clone(), "[timeline]");
        meta
    }

    fn actor(&mut self, key: &Key<'_>, value: &Node<'a>) -> Option<RawActor<'a>> {
        let id = self.slug_key(key, "actor")?;
        let t = self.table(value, "an actor table such as [actors.ttp]")?;
        let (mut name, mut short, mut aliases, mut kind, mut summary, mut links) =
            (None, None, Vec::new(), None, None, Vec::new());
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "name" => name = self.line(v),
                "short" => short = self.line(v),
                "aliases" => {
                    aliases = self
                        .refs(v)
                        .into_iter()
                        .map(|s| one_line(&s.value))
                        .collect()
                }
                "kind" => kind = self.choice(v, Choice::ActorKind, ActorKind::parse),
                "summary" => summary = self.text(v),
                "links" => links = self.refs(v),
                other => self.unknown_field(k, other, ACTOR, "an actor"),
            }
        }
        self.require(ACTOR, t.table, key.span.clone(), "actor");
        Some(RawActor {
            name: name.unwrap_or_else(|| id.value.clone()),
            id,
            short,
            aliases,
            kind: kind.unwrap_or(ActorKind::Other),
            summary: summary.unwrap_or_default(),
            links,
        })
    }

    fn place(&mut self, key: &Key<'_>, value: &Node<'a>) -> Option<RawPlace<'a>> {
        let id = self.slug_key(key, "place")?;
        let t = self.table(value, "a place table such as [places.peshawar]")?;
        let mut p = RawPlace {
            name: id.value.clone(),
            id,
            short: None,
            kind: PlaceKind::Other,
            at: None,
            within: None,
            aliases: Vec::new(),
        };
        let (mut lat, mut lon) = (None, None);
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "name" => p.name = self.line(v).unwrap_or(p.name),
                "short" => p.short = self.line(v),
                "kind" => {
                    p.kind = self
                        .choice(v, Choice::PlaceKind, PlaceKind::parse)
                        .unwrap_or(PlaceKind::Other)
                }
                "lat" => lat = self.degrees(v, Axis::Latitude),
                "lon" => lon = self.degrees(v, Axis::Longitude),
                "within" => p.within = self.reference(v),
                "aliases" => {
                    p.aliases = self
                        .refs(v)
                        .into_iter()
                        .map(|s| one_line(&s.value))
                        .collect()
                }
                other => self.unknown_field(k, other, PLACE, "a place"),
            }
        }
        self.require(PLACE, t.table, key.span.clone(), "place");
        p.at = lat.zip(lon);
        Some(p)
    }

    fn event(&mut self, t: TableAt<'_, 'a>) -> Option<RawEvent<'a>> {
        let mut e = RawEvent {
            id: Spanned {
                value: String::new(),
                file: self.file,
                span: t.span(),
            },
            origin: String::new(),
            date: None,
            end: None,
            title: String::new(),
            summary: String::new(),
            details: String::new(),
            editor_note: String::new(),
            actors: Vec::new(),
            location: String::new(),
            location_at: None,
            places: Vec::new(),
            tags: Vec::new(),
            figures: Vec::new(),
            related: Vec::new(),
            claims: Vec::new(),
            sources: Vec::new(),
        };
        // Each claim's cited positions, checked once the sources are read.
        let mut citations: Vec<Vec<Spanned<i64>>> = Vec::new();
        for (k, v) in t.table.iter() {
            let name = k.name.as_ref();
            match name {
                "id" => {
                    if let Some(id) = self.slug(v, "event") {
                        e.id = id;
                    }
                }
                "date" => e.date = self.date(v),
                "end" => e.end = self.date(v),
                "title" => e.title = self.line(v).unwrap_or_default(),
                "summary" => e.summary = self.text(v).unwrap_or_default(),
                "details" => e.details = self.text(v).unwrap_or_default(),
                "editor_note" => e.editor_note = self.text(v).unwrap_or_default(),
                "actors" => e.actors = self.refs(v),
                "location" => {
                    e.location = self.line(v).unwrap_or_default();
                    e.location_at = Some(self.sp(&v.span, ()));
                }
                "places" => e.places = self.refs(v),
                "tags" => {
                    e.tags = self
                        .refs(v)
                        .into_iter()
                        .filter_map(|s| self.check_slug(s, "tag"))
                        .map(|s| s.value)
                        .collect()
                }
                "figures" => e.figures = self.figures(v),
                "related" => e.related = self.refs(v),
                // Each list as long as its table says, no longer: a list
                // grown a push at a time holds room for four, and the
                // sources go into the timeline as they are.
                "claims" => {
                    let claims = self.array_of_tables(v, "[[events.claims]]");
                    e.claims.reserve_exact(claims.len());
                    citations.reserve_exact(claims.len());
                    for c in claims {
                        if let Some((claim, cites)) = self.claim(c) {
                            e.claims.push(claim);
                            citations.push(cites);
                        }
                    }
                }
                "sources" => {
                    let sources = self.array_of_tables(v, "[[events.sources]]");
                    e.sources.reserve_exact(sources.len());
                    for s in sources {
                        e.sources.extend(self.source(s));
                    }
                }
                other => self.unknown_field(k, other, EVENT, "an event"),
            }
        }
        for (claim, cites) in e.claims.iter_mut().zip(citations) {
            claim.sources = self.cited(cites, e.sources.len());
        }
        let at = t.span();
        self.require(EVENT, t.table, at.clone(), "event");
        if let (Some(d), Some(end)) = (&e.date, &e.end)
            && end.value.last_day() < d.value.first_day()
        {
            self.push(
                Diagnostic::error(
                    "end-before-date",
                    format!("event ends ({}) before it starts ({})", end.value, d.value),
                )
                .at(end.file, end.span.clone(), "`end` is before `date`")
                .also(d.file, d.span.clone(), "the event starts here")
                .hint("`end` must be on or after `date`; swap them or fix the typo"),
            );
        }
        if e.id.value.is_empty() {
            return None;
        }
        e.origin = self.origin(e.id.span.start);
        Some(e)
    }

    /// A claim, and the source positions it cites as written.
    fn claim(&mut self, t: TableAt<'_, 'a>) -> Option<(RawClaim<'a>, Vec<Spanned<i64>>)> {
        let (mut by, mut stance, mut text, mut cites) = (None, None, None, Vec::new());
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "by" => by = self.reference(v),
                "stance" => stance = self.choice(v, Choice::Stance, Stance::parse),
                "text" => text = self.text(v),
                "sources" => cites = self.positions(v),
                other => self.unknown_field(k, other, CLAIM, "a claim"),
            }
        }
        self.require(CLAIM, t.table, t.span(), "claim");
        let claim = RawClaim {
            by: by?,
            stance: stance?,
            text: text?,
            sources: Vec::new(),
        };
        Some((claim, cites))
    }

    /// A claim's cited positions (from 1) checked against the event's
    /// `count` sources: each in range becomes an index, each out of range
    /// is an error that names the range. A number cited twice counts once.
    fn cited(&mut self, cites: Vec<Spanned<i64>>, count: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(cites.len());
        for c in cites {
            let ix = usize::try_from(c.value)
                .ok()
                .filter(|&n| (1..=count).contains(&n));
            match ix {
                Some(n) if !out.contains(&(n - 1)) => out.push(n - 1),
                Some(_) => {}
                None => {
                    let label = match count {
                        0 => "this event lists no [[events.sources]]".to_string(),
                        1 => "this event has one source: cite it as 1".to_string(),
                        n => format!("this event's sources are 1–{n}"),
                    };
                    let hint = match count {
                        0 => "add the source after the event, or remove the number",
                        _ => "sources are numbered from 1 in the order the event lists them",
                    };
                    let sources = if count == 1 { "source" } else { "sources" };
                    self.push(
                        Diagnostic::error(
                            "bad-claim-source",
                            format!(
                                "a claim cites source {} of an event with {count} {sources}",
                                c.value
                            ),
                        )
                        .at(c.file, c.span, label)
                        .hint(hint),
                    );
                }
            }
        }
        out
    }

    fn source(&mut self, t: TableAt<'_, '_>) -> Option<RawSource> {
        let mut s = RawSource {
            publisher: Str::default(),
            title: Str::default(),
            date: None,
            url: None,
            grade: None,
        };
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "publisher" => s.publisher = self.line(v).unwrap_or_default().into(),
                "title" => s.title = self.line(v).unwrap_or_default().into(),
                "date" => s.date = self.date(v).map(|d| d.value),
                "url" => s.url = self.line(v).map(Str::from),
                "grade" => {
                    if let Some(g) = self.string(v) {
                        s.grade = Grade::parse(&g.value);
                        if s.grade.is_none() {
                            self.push(
                                Diagnostic::error("bad-grade", format!("\"{}\" is not an Admiralty grade", g.value))
                                    .at(g.file, g.span, "expected a letter A–F then a digit 1–6")
                                    .hint("e.g. grade = \"B2\": usually reliable source, information probably true"),
                            );
                        }
                    }
                }
                other => self.unknown_field(k, other, SOURCE, "a source"),
            }
        }
        self.require(SOURCE, t.table, t.span(), "source");
        if s.date.is_none() {
            self.push(
                Diagnostic::warning("undated-source", "a source without a date")
                    .at(self.file, t.span(), "no `date`: never counted as known when viewed \"as known on\" a day")
                    .hint("add date = \"YYYY-MM-DD\", the day the report was published (or YYYY-MM, YYYY when that is all it says)"),
            );
        }
        Some(s)
    }

    fn tour(&mut self, t: TableAt<'_, 'a>) -> Option<RawTour<'a>> {
        let (mut id, mut title, mut summary, mut steps) = (None, None, String::new(), Vec::new());
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "id" => id = self.slug(v, "tour"),
                "title" => title = self.line(v),
                "summary" => summary = self.text(v).unwrap_or_default(),
                "steps" => {
                    for step in
                        self.array_of_tables(v, "steps = [ { event = \"…\", note = \"…\" } ]")
                    {
                        let (mut event, mut note) = (None, String::new());
                        for (sk, sv) in step.table.iter() {
                            match sk.name.as_ref() {
                                "event" => event = self.reference(sv),
                                "note" => note = self.text(sv).unwrap_or_default(),
                                other => self.unknown_field(sk, other, STEP, "a tour step"),
                            }
                        }
                        self.require(STEP, step.table, step.span(), "tour step");
                        if let Some(ev) = event {
                            steps.push((ev, note));
                        }
                    }
                }
                other => self.unknown_field(k, other, TOUR, "a tour"),
            }
        }
        self.require(TOUR, t.table, t.span(), "tour");
        Some(RawTour {
            id: id?,
            title: title.unwrap_or_default(),
            summary,
            steps,
        })
    }

    /// `[events]` where `[[events]]` was meant: one error, at the mistake.
    fn single_events_table(&mut self, value: &Node<'_>) {
        self.push(
            Diagnostic::error(
                "single-events-table",
                "`[events]` opens a single table; each event is its own `[[events]]`",
            )
            .at(self.file, value.span.clone(), "written as [events]")
            .hint("an array of tables is written [[events]], with double brackets"),
        );
    }
}
