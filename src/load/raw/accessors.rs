//! Typed values out of the tree: each accessor reports a wrong type at
//! the value's span, and cleans text through the one sanitizer.

use super::*;
use crate::load::doc::{Key, Node, Value};
use crate::load::suggest::did_you_mean;
use crate::model::Qualifier;
use crate::text::{is_plain, sanitize};

impl<'a> Walker<'_, 'a> {
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub(super) fn sp<T>(&self, span: &Range<usize>, value: T) -> Spanned<T> {
        Spanned {
            value,
            file: self.file,
            span: span.clone(),
        }
    }

    pub(super) fn wrong_type(&mut self, v: &Node<'_>, expected: &str) {
        let found = &v.value.type_str();
        self.push(
            Diagnostic::error("wrong-type", format!("expected {expected}, found {found}"))
                .at(
                    self.file,
                    v.span.clone(),
                    format!("this is {} {found}", article(found)),
                )
                .hint(format!("write {expected} here")),
        );
    }

    /// Reports each required field of `spec` that `table` lacks — unless a
    /// field the table does have is a near miss of it, already reported as
    /// unknown with a did-you-mean: a misspelt field is one problem, not two.
    pub(super) fn require(
        &mut self,
        spec: &[Field],
        table: &Table<'_>,
        at: Range<usize>,
        what: &str,
    ) {
        let names = names(spec);
        let misspelt: Vec<&str> = table
            .iter()
            .map(|(k, _)| k.name.as_ref())
            .filter(|k| !names.contains(k))
            .filter_map(|k| did_you_mean(k, names.iter().copied()))
            .collect();
        for f in spec {
            if let Some(example) = f.required
                && !table.contains_key(f.name)
                && !misspelt.contains(&f.name)
            {
                self.missing(at.clone(), f.name, what, example);
            }
        }
    }

    pub(super) fn missing(&mut self, at: Range<usize>, field: &str, what: &str, example: &str) {
        self.push(
            Diagnostic::error(
                "missing-field",
                format!("{what} is missing required field `{field}`"),
            )
            .at(self.file, at, format!("this {what} has no `{field}`"))
            .hint(format!("add {example}")),
        );
    }

    pub(super) fn unknown_field(&mut self, key: &Key<'_>, name: &str, spec: &[Field], what: &str) {
        let fields = names(spec);
        let name = one_line(name);
        let mut d = Diagnostic::error("unknown-field", format!("unknown field `{name}` in {what}"));
        d = match did_you_mean(&name, fields.iter().copied()) {
            Some(m) => d.at(self.file, key.span.clone(), format!("did you mean `{m}`?")),
            None => d.at(self.file, key.span.clone(), "not a field of the format"),
        };
        self.push(d.hint(format!("{what} accepts: {}", fields.join(", "))));
    }

    pub(super) fn table<'v, 'i>(
        &mut self,
        v: &'v Node<'i>,
        expected: &str,
    ) -> Option<TableAt<'v, 'i>> {
        match &v.value {
            Value::Table(table) => Some(TableAt {
                span: &v.span,
                table,
            }),
            _ => {
                self.wrong_type(v, expected);
                None
            }
        }
    }

    pub(super) fn array_of_tables<'v, 'i>(
        &mut self,
        v: &'v Node<'i>,
        expected: &str,
    ) -> Vec<TableAt<'v, 'i>> {
        let Value::Array(array) = &v.value else {
            self.wrong_type(v, &format!("an array of tables ({expected})"));
            return Vec::new();
        };
        array
            .items
            .iter()
            .filter_map(|item| self.table(item, &format!("a table ({expected})")))
            .collect()
    }

    pub(super) fn string(&mut self, v: &Node<'_>) -> Option<Spanned<String>> {
        let s = self.str_value(v)?.to_owned();
        Some(self.sp(&v.span, s))
    }

    /// A string value, borrowed: the text fields copy it once, cleaned.
    pub(super) fn str_value<'v>(&mut self, v: &'v Node<'_>) -> Option<&'v str> {
        match &v.value {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(v, "a string");
                None
            }
        }
    }

    /// A one-line text field, sanitized.
    /// A one-line text field, sanitized and trimmed, as FORMAT.md says.
    pub(super) fn line(&mut self, v: &Node<'_>) -> Option<String> {
        self.str_value(v).map(|s| {
            let s = s.trim();
            if is_plain(s) && !s.contains('\n') {
                s.to_owned()
            } else {
                one_line(s).trim().to_owned()
            }
        })
    }

    /// A multi-line text field, sanitized, paragraphs kept.
    pub(super) fn text(&mut self, v: &Node<'_>) -> Option<String> {
        self.str_value(v).map(|s| {
            let s = s.trim();
            if is_plain(s) {
                s.to_owned()
            } else {
                sanitize(s).into_owned()
            }
        })
    }

    /// A reference to another record: a string, borrowed from the file
    /// unless it was written with escapes.
    pub(super) fn reference(&mut self, v: &Node<'a>) -> Option<Ref<'a>> {
        match &v.value {
            Value::String(s) => Some(self.sp(&v.span, s.clone())),
            _ => {
                self.wrong_type(v, "a string");
                None
            }
        }
    }

    pub(super) fn refs(&mut self, v: &Node<'a>) -> Vec<Ref<'a>> {
        match &v.value {
            Value::Array(array) => {
                let mut refs = Vec::with_capacity(array.items.len());
                refs.extend(array.items.iter().filter_map(|i| self.reference(i)));
                refs
            }
            _ => {
                self.wrong_type(v, "an array of strings");
                Vec::new()
            }
        }
    }

    pub(super) fn boolean(&mut self, v: &Node<'_>) -> Option<bool> {
        match v.value {
            Value::Boolean(b) => Some(b),
            _ => {
                self.wrong_type(v, "true or false");
                None
            }
        }
    }

    /// True when the period from `from` to `to` runs forwards; otherwise
    /// reports that `what` ends before it starts.
    pub(super) fn in_order(
        &mut self,
        from: &Spanned<EventDate>,
        to: &Spanned<EventDate>,
        what: &str,
    ) -> bool {
        if to.value.last_day() >= from.value.first_day() {
            return true;
        }
        self.push(
            Diagnostic::error("end-before-start", format!("{what} ends before it starts"))
                .at(
                    to.file,
                    to.span.clone(),
                    format!("{} is before {}", to.value, from.value),
                )
                .hint("swap `from` and `to`"),
        );
        false
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        v: &Node<'_>,
        choice: Choice,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(v)?;
        let found = parse(&s.value);
        if found.is_none() {
            let shown = one_line(&s.value);
            let names = choice.names();
            let near = choice
                .meant(&shown)
                .or_else(|| did_you_mean(&shown.to_lowercase(), names.iter().copied()));
            let what = choice.noun();
            let label = match near {
                Some(m) => format!("did you mean \"{m}\"?"),
                None => format!("not a known {what}"),
            };
            self.push(
                Diagnostic::error(choice.code(), format!("unknown {what} \"{shown}\""))
                    .at(s.file, s.span, label)
                    .hint(format!("{what} is one of: {}", names.join(", "))),
            );
        }
        found
    }

    pub(super) fn date(&mut self, v: &Node<'_>) -> Option<Spanned<EventDate>> {
        let parsed = match &v.value {
            Value::String(s) => EventDate::parse(s).map_err(|e| e.to_string()),
            Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => EventDate::from_parts(
                    d.year,
                    Some(u32::from(d.month)),
                    Some(u32::from(d.day)),
                    Qualifier::Exact,
                )
                .map_err(|e| e.to_string()),
                _ => Err("a date takes no time of day; write it as \"YYYY-MM-DD\"".to_string()),
            },
            Value::Integer { digits, radix: 10 } => Err(format!(
                "write the year as a string: \"{}\"",
                one_line(digits)
            )),
            Value::Integer { .. } => Err("write the year as a string: \"2007\"".to_string()),
            _ => {
                self.wrong_type(
                    v,
                    "a date string such as \"2014-12-16\", \"2014-12\" or \"2014\"",
                );
                return None;
            }
        };
        match parsed {
            Ok(d) => Some(self.sp(&v.span, d)),
            Err(why) => {
                let shown = one_line(&value_text(v));
                let rewrite = match &v.value {
                    Value::String(s) => rewritten_date(s),
                    _ => None,
                };
                let malformed = matches!(&v.value, Value::Integer { .. })
                    || matches!(&v.value, Value::String(s) if EventDate::parse(s).is_err_and(|e| e == crate::model::DateError::Shape));
                let d = match rewrite {
                    Some(fixed) => Diagnostic::error("bad-date", format!("malformed date {shown}"))
                        .at(
                            self.file,
                            v.span.clone(),
                            "not written YYYY, YYYY-MM or YYYY-MM-DD",
                        )
                        .hint(format!("write \"{fixed}\"")),
                    None if malformed => {
                        Diagnostic::error("bad-date", format!("malformed date {shown}"))
                            .at(self.file, v.span.clone(), "not a date in the format")
                            .hint(why)
                    }
                    None => Diagnostic::error("bad-date", format!("impossible date {shown}"))
                        .at(self.file, v.span.clone(), "no such date")
                        .hint(why),
                };
                self.push(d);
                None
            }
        }
    }

    pub(super) fn figures(&mut self, v: &Node<'_>) -> Vec<(String, u64)> {
        let Some(t) = self.table(v, "a table of whole numbers such as { killed = 149 }") else {
            return Vec::new();
        };
        let mut out: Vec<(usize, String, u64)> = Vec::new();
        for (k, fv) in t.table.iter() {
            let key = self.sp(&k.span, k.name.to_string());
            let Some(key) = self.check_slug(key, "figure name") else {
                continue;
            };
            match decimal::<u64>(&fv.value) {
                Some(n) => out.push((k.span.start, key.value, n)),
                _ => self.push(
                    Diagnostic::error("wrong-type", "a figure must be a whole number of zero or more")
                        .at(self.file, fv.span.clone(), "not a whole number")
                        .hint("write e.g. killed = 149; put ranges and disputed tolls in `details`, attributed"),
                ),
            }
        }
        out.sort_by_key(|(at, _, _)| *at);
        out.into_iter().map(|(_, k, n)| (k, n)).collect()
    }

    /// An array of whole numbers, such as a claim's source positions
    /// `[1, 3]`, each with its place; anything else is a wrong type.
    pub(super) fn positions(&mut self, v: &Node<'_>) -> Vec<Spanned<i64>> {
        let Value::Array(array) = &v.value else {
            self.wrong_type(v, "an array of source numbers such as [1, 3]");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(array.items.len());
        for item in &array.items {
            match decimal::<i64>(&item.value) {
                Some(n) => out.push(self.sp(&item.span, n)),
                None => self.push(
                    Diagnostic::error("wrong-type", "a source is cited by its number, a whole number from 1")
                        .at(self.file, item.span.clone(), "not a source number")
                        .hint("write e.g. sources = [1, 3]: the first and third [[events.sources]] of this event"),
                ),
            }
        }
        out
    }

    pub(super) fn slug_key(&mut self, key: &Key<'_>, what: &str) -> Option<Spanned<String>> {
        let s = self.sp(&key.span, key.name.to_string());
        self.check_slug(s, &format!("{what} id"))
    }

    pub(super) fn slug(&mut self, v: &Node<'_>, what: &str) -> Option<Spanned<String>> {
        let s = self.string(v)?;
        self.check_slug(s, &format!("{what} id"))
    }

    pub(super) fn check_slug<T: AsRef<str>>(
        &mut self,
        s: Spanned<T>,
        what: &str,
    ) -> Option<Spanned<T>> {
        let value = s.value.as_ref();
        let ok = !value.is_empty()
            && value.len() <= 128
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            return Some(s);
        }
        let suggestion: String = value
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        self.push(
            Diagnostic::error(
                "bad-id",
                format!("{what} \"{}\" is not a lowercase slug", one_line(value)),
            )
            .at(s.file, s.span.clone(), "use only a-z, 0-9 and -")
            .hint(format!("e.g. \"{}\"", suggestion.trim_matches('-'))),
        );
        // Kept as written: reported once here, the references to it still
        // find it rather than being reported again as unknown.
        (!value.is_empty() && value.len() <= 1024).then_some(s)
    }
}

/// A decimal integer as `T` reads it (`1_000` too); `None` for anything
/// else, hexadecimal included, or a number `T` cannot hold.
fn decimal<T: std::str::FromStr>(v: &Value<'_>) -> Option<T> {
    match v {
        Value::Integer { digits, radix: 10 } => digits.replace('_', "").parse().ok(),
        _ => None,
    }
}

fn value_text(v: &Node<'_>) -> String {
    match &v.value {
        Value::String(s) => format!("\"{s}\""),
        Value::Datetime(d) => d.to_string(),
        Value::Integer { digits, radix } => {
            let prefix = match radix {
                2 => "0b",
                8 => "0o",
                16 => "0x",
                _ => "",
            };
            format!("{prefix}{digits}")
        }
        other => other.type_str().to_string(),
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A date written in another common way, rewritten as the format wants
/// it: `27/01/1967` or `27.1.1967` (day first) → `1967-01-27`,
/// `1970-4-11` or `1970/04/11` → `1970-04-11`; `None` when it is no
/// recognisable date.
fn rewritten_date(s: &str) -> Option<String> {
    let t = s.trim();
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let nums = nums?;
    let (y, m, d) = match (parts.as_slice(), nums.as_slice()) {
        ([a, ..], [y, m, d]) if a.len() == 4 => (*y, *m, *d),
        ([_, _, c], [d, m, y]) if c.len() == 4 => (*y, *m, *d),
        ([a, _], [y, m]) if a.len() == 4 => {
            let fixed = format!("{y:04}-{m:02}");
            return (fixed != t && EventDate::parse(&fixed).is_ok()).then_some(fixed);
        }
        _ => return None,
    };
    let fixed = format!("{y:04}-{m:02}-{d:02}");
    (fixed != t && EventDate::parse(&fixed).is_ok()).then_some(fixed)
}
