//! `[[views]]` tables into raw views: each field checked against `VIEW`,
//! dates read as an event's are, and references kept with their places
//! for `resolve` to check once every file is read.

use super::*;

impl<'a> Walker<'_, 'a> {
    pub(super) fn view(&mut self, t: TableAt<'_, 'a>) -> Option<RawView<'a>> {
        let mut v = RawView {
            id: self.sp(t.span, String::new()),
            title: String::new(),
            summary: String::new(),
            actors: Vec::new(),
            all: false,
            tags: Vec::new(),
            places: Vec::new(),
            from: None,
            to: None,
            search: String::new(),
            highlight: false,
            contested: false,
            as_of: None,
            event: None,
        };
        let (mut id, mut from, mut to) = (None, None, None);
        for (k, value) in t.table.iter() {
            match k.name.as_ref() {
                "id" => id = self.slug(value, "view"),
                "title" => v.title = self.line(value).unwrap_or_default(),
                "summary" => v.summary = self.text(value).unwrap_or_default(),
                "actors" => v.actors = self.refs(value),
                "match" => {
                    v.all = self
                        .choice(value, Choice::Match, View::parse_match)
                        .unwrap_or(false)
                }
                "tags" => v.tags = self.refs(value),
                "places" => v.places = self.refs(value),
                "from" => from = self.date(value),
                "to" => to = self.date(value),
                "search" => v.search = self.line(value).unwrap_or_default(),
                "highlight" => v.highlight = self.boolean(value).unwrap_or(false),
                "contested" => v.contested = self.boolean(value).unwrap_or(false),
                "as_of" => v.as_of = self.date(value).map(|d| d.value),
                "event" => v.event = self.reference(value),
                other => self.unknown_field(k, other, VIEW, "a view"),
            }
        }
        self.require(VIEW, t.table, t.span(), "view");
        if let (Some(f), Some(to)) = (&from, &to) {
            let what = match &id {
                Some(id) => format!("view \"{}\"", one_line(&id.value)),
                None => "a view".to_string(),
            };
            self.in_order(f, to, &what);
        }
        v.id = id?;
        v.from = from.map(|d| d.value);
        v.to = to.map(|d| d.value);
        Some(v)
    }
}
