//! Whether a timeline holds what the loader would have made: every index
//! in range, every date on the calendar, every string sanitized, the
//! orders the lookups rely on. A timeline read back from the cache is
//! checked with this before anything may index by it, so a damaged or
//! hostile cache file is refused instead of trusted.

use rayon::prelude::*;

use super::{Event, EventDate, Grade, Source, Timeline, View};
use crate::text::{is_plain, is_unsafe};

impl Event {
    /// `Ok` when the event's own text is safe to print and its dates are
    /// on the calendar, else what is wrong: what can be checked of it
    /// before the rest of the timeline is read, while its bytes are at
    /// hand.
    pub fn check_sound(&self) -> Result<(), String> {
        let texts = [
            &self.id,
            &self.title,
            &self.summary,
            &self.details,
            &self.editor_note,
            &self.location,
            &self.origin,
        ];
        let sound = texts.iter().all(|s| plain(s))
            && date(&self.date)
            && self
                .end
                .is_none_or(|end| date(&end) && end.last_day() >= self.date.first_day())
            && self.figures.iter().all(|(name, _)| plain(name))
            && self.sources.iter().all(source)
            && self.claims.iter().all(|c| plain(&c.text));
        if sound {
            Ok(())
        } else {
            Err(unsound(&format!("event {:?}", self.id)))
        }
    }
}

impl Timeline {
    /// `Ok` when nothing in the timeline can send the explorer out of
    /// bounds or round a loop, and all its text is safe to print, given
    /// events that each passed `Event::check_sound` as it was read; else
    /// what is wrong first.
    pub fn check_sound(&self) -> Result<(), String> {
        let (actors, events, tags, places) = (
            self.actors.len(),
            self.events.len(),
            self.tags.len(),
            self.places.len(),
        );
        let within = |ixs: &[usize], n: usize| ixs.iter().all(|&i| i < n);
        let fail = |what: &str| Err(unsound(what));
        if self.known_on.is_some() || !self.views.iter().all(view) {
            return fail("a view");
        }
        if !plain(&self.title) || !plain(&self.summary) {
            return fail("the title");
        }
        if let Some(c) = self.coverage
            && (!date(&c.from) || !date(&c.to) || c.to.last_day() < c.from.first_day())
        {
            return fail("the coverage");
        }
        if !strictly_sorted(self.actors.iter().map(|a| a.id.as_str()))
            || !strictly_sorted(self.places.iter().map(|p| p.id.as_str()))
            || !strictly_sorted(self.tags.iter().map(String::as_str))
        {
            return fail("an order of ids");
        }
        for a in &self.actors {
            let texts = [&a.id, &a.name, &a.short, &a.summary];
            if !texts.iter().all(|s| plain(s))
                || !a.aliases.iter().all(|s| plain(s))
                || !within(&a.links, actors)
            {
                return fail(&format!("actor {:?}", a.id));
            }
        }
        if !self.tags.iter().all(|t| plain(t)) {
            return fail("a tag");
        }
        for (i, p) in self.places.iter().enumerate() {
            let texts = [&p.id, &p.name, &p.short];
            let sound = texts.iter().all(|s| plain(s))
                && p.aliases.iter().all(|s| plain(s))
                && p.lat.is_finite()
                && (-90.0..=90.0).contains(&p.lat)
                && p.lon.is_finite()
                && (-180.0..=180.0).contains(&p.lon)
                && self.chain_ends(i);
            if !sound {
                return fail(&format!("place {:?}", p.id));
            }
        }
        // What is left of the events once each was read: the indexes
        // into what the head holds.
        let unsound = self.events.par_iter().find_any(|e| {
            let sound = within(&e.actors, actors)
                && within(&e.places, places)
                && within(&e.tags, tags)
                && within(&e.related, events)
                && e.claims
                    .iter()
                    .all(|c| c.by < actors && c.sources.iter().all(|&s| s < e.sources.len()));
            !sound
        });
        if let Some(e) = unsound {
            return fail(&format!("event {:?}", e.id));
        }
        let ordered = self
            .events
            .windows(2)
            .all(|w| (w[0].date, w[0].id.as_str()) <= (w[1].date, w[1].id.as_str()));
        if !ordered {
            return fail("the order of events");
        }
        for t in &self.tours {
            if ![&t.id, &t.title, &t.summary].iter().all(|s| plain(s))
                || !t.steps.iter().all(|s| s.event < events && plain(&s.note))
            {
                return fail(&format!("tour {:?}", t.id));
            }
        }
        Ok(())
    }

    /// Whether walking out from place `i` by `within` ends, rather than
    /// coming back round: a cycle would hang every walk up the chain.
    fn chain_ends(&self, i: usize) -> bool {
        let mut at = i;
        for _ in 0..=self.places.len() {
            match self.places.get(at).map(|p| p.within) {
                Some(Some(next)) if next < self.places.len() => at = next,
                Some(Some(_)) | None => return false,
                Some(None) => return true,
            }
        }
        false
    }
}

/// Whether `sanitize` would leave `s` as it is: judged from its bytes
/// where that settles it (`is_plain`), else by looking closer only at the
/// characters whose first byte `is_plain` flags, an en dash say.
fn plain(s: &str) -> bool {
    if is_plain(s) {
        return true;
    }
    let bytes = s.as_bytes();
    let control = |b: u8| (b < 0x20 && b != b'\n') || b == 0x7F;
    if bytes
        .chunks(32)
        .any(|c| c.iter().fold(false, |any, &b| any | control(b)))
    {
        return false;
    }
    let safe_at = |at: usize| s[at..].chars().next().is_none_or(|c| !is_unsafe(c));
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).all(safe_at)
        && memchr::memchr_iter(0xD8, bytes).all(safe_at)
}

/// Whether `d` is a date `EventDate::parse` could have made.
fn date(d: &EventDate) -> bool {
    EventDate::from_parts(
        d.year(),
        d.month().map(u32::from),
        d.day().map(u32::from),
        d.qualifier(),
    )
    .is_ok_and(|made| made == *d)
}

fn source(s: &Source) -> bool {
    plain(&s.publisher)
        && plain(&s.title)
        && s.date.is_none_or(|d| date(&d))
        && s.url.as_deref().is_none_or(plain)
        && s.grade.is_none_or(grade)
}

fn view(v: &View) -> bool {
    [&v.id, &v.title, &v.summary, &v.search]
        .iter()
        .all(|s| plain(s))
        && v.actors
            .iter()
            .chain(&v.tags)
            .chain(&v.places)
            .all(|s| plain(s))
        && v.event.as_deref().is_none_or(plain)
        && [v.from, v.to, v.as_of].iter().flatten().all(date)
}

fn grade(g: Grade) -> bool {
    ('A'..='F').contains(&g.reliability) && (1..=6).contains(&g.credibility)
}

/// What is said of `what` when it is not as the loader makes it.
fn unsound(what: &str) -> String {
    format!("{what} is not as the loader makes it")
}

fn strictly_sorted<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    let Some(mut last) = ids.next() else {
        return true;
    };
    ids.all(|id| {
        let ok = last < id;
        last = id;
        ok
    })
}

#[cfg(test)]
mod tests {
    use super::plain;
    use crate::text::sanitize;

    #[test]
    fn plain_is_sanitize_leaving_the_text_as_it_is_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("ab{c}–cd"), format!("–{c}")] {
                assert_eq!(plain(&s), sanitize(&s) == s, "{:?}", c as u32);
            }
        }
    }
}
