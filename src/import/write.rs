//! The rows as a timeline folder: `timeline.toml`, `actors.toml` and
//! `places.toml` when the rows name any, and the events split by year
//! (quiet years together, a year too large for one file in parts). Every file is
//! written atomically and never over an existing one, into a folder that
//! must not exist or be empty.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;

use super::places::Places;
use super::{Imported, Row, slug};
use crate::marks::toml_string;
use crate::text::one_line;

/// A file of events stays near this, well within the loader's limit.
const PART_BYTES: usize = 16 * 1024 * 1024;

/// Writes the folder and returns how many events it holds.
pub fn write(dir: &Path, imported: &Imported, title: &str) -> Result<usize, String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty: import writes only into a new or empty folder",
                dir.display()
            ));
        }
    }
    let plan = Plan::of(imported, title);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    plan.files()
        .par_iter()
        .map(|(name, pieces)| write_pieces(&dir.join(name), pieces))
        .collect::<Result<Vec<()>, String>>()?;
    Ok(imported.rows.len())
}

/// The folder's files as (name, text), as `write` would write them.
pub fn render(imported: &Imported, title: &str) -> Vec<(String, String)> {
    Plan::of(imported, title)
        .files()
        .into_iter()
        .map(|(name, pieces)| (name, pieces.concat()))
        .collect()
}

/// What a folder will hold: `timeline.toml`, `actors.toml` and
/// `places.toml` as text, and each year's events, an event a piece.
struct Plan {
    head: Vec<(String, String)>,
    years: Vec<(u16, Vec<String>)>,
}

impl Plan {
    fn of(imported: &Imported, title: &str) -> Plan {
        let mut head = vec![("timeline.toml".to_string(), timeline(imported, title))];
        // Actors and places share one set of ids, as the checker requires.
        let mut taken = HashSet::new();
        let actors = actor_ids(imported, &mut taken);
        if !actors.is_empty() {
            head.push(("actors.toml".into(), actors_file(imported, &actors)));
        }
        let places = Places::of(imported, &mut taken);
        if !places.ids.is_empty() {
            head.push(("places.toml".into(), places.file()));
        }
        let mut rows: Vec<&Row> = imported.rows.iter().collect();
        rows.par_sort_by(|a, b| (a.date, &a.title, &a.key).cmp(&(b.date, &b.title, &b.key)));
        let mut by_year: Vec<(u16, Vec<&Row>)> = Vec::new();
        for r in rows {
            let year = r.date.year();
            match by_year.last_mut() {
                Some((y, rows)) if *y == year => rows.push(r),
                _ => by_year.push((year, vec![r])),
            }
        }
        // Each year's events as text, a year to a core at a time. An id
        // begins with its year, so ids made unique within each year are
        // unique in all.
        let years = by_year
            .par_iter()
            .map(|(year, rows)| {
                let mut ids = HashSet::new();
                let texts = rows
                    .iter()
                    .map(|r| {
                        let mut text = String::new();
                        event(&mut text, r, &mut ids, &actors, &places);
                        text
                    })
                    .collect();
                (*year, texts)
            })
            .collect();
        Plan { head, years }
    }

    fn files(&self) -> Vec<(String, Vec<&str>)> {
        let mut out: Vec<(String, Vec<&str>)> = self
            .head
            .iter()
            .map(|(n, t)| (n.clone(), vec![t.as_str()]))
            .collect();
        out.extend(files(&self.years));
        out
    }
}

/// Years packed into files: a run of quiet years shares one
/// (`events-1901-1910.toml`) until it holds `PACK` events, a busy year has
/// its own (`events-2023.toml`), and a year past `PART_BYTES` is cut in
/// parts (`events-2023-part2.toml`).
fn files(years: &[(u16, Vec<String>)]) -> Vec<(String, Vec<&str>)> {
    const PACK: usize = 200;
    let mut out = Vec::new();
    // (first year, last year, events, text)
    let mut open: Option<(u16, u16, usize, Vec<&str>)> = None;
    let name = |first: u16, last: u16| {
        if first == last {
            format!("events-{first:04}.toml")
        } else {
            format!("events-{first:04}-{last:04}.toml")
        }
    };
    for (year, events) in years {
        if let Some((first, last, n, text)) = open.take() {
            if n + events.len() > PACK {
                out.push((name(first, last), text));
            } else {
                open = Some((first, last, n, text));
            }
        }
        let bytes: usize = events.iter().map(String::len).sum();
        if bytes > PART_BYTES {
            if let Some((first, last, _, text)) = open.take() {
                out.push((name(first, last), text));
            }
            let mut part = 1;
            let (mut text, mut size) = (Vec::new(), 0);
            for e in events {
                if size + e.len() > PART_BYTES && !text.is_empty() {
                    out.push((parted(*year, part), std::mem::take(&mut text)));
                    (part, size) = (part + 1, 0);
                }
                text.push(e.as_str());
                size += e.len();
            }
            out.push((parted(*year, part), text));
            continue;
        }
        let (first, _, n, mut text) = open.take().unwrap_or((*year, *year, 0, Vec::new()));
        text.extend(events.iter().map(String::as_str));
        open = Some((first, *year, n + events.len(), text));
    }
    if let Some((first, last, _, text)) = open {
        out.push((name(first, last), text));
    }
    out
}

fn parted(year: u16, part: usize) -> String {
    if part == 1 {
        format!("events-{year:04}.toml")
    } else {
        format!("events-{year:04}-part{part}.toml")
    }
}

/// A new file of these pieces, one after the other, written atomically.
fn write_pieces(path: &Path, pieces: &[&str]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    // As any new file: readable by others as the umask allows, not 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        for p in pieces {
            std::io::Write::write_all(&mut out, p.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        std::io::Write::flush(&mut out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    tmp.persist_noclobber(path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

fn timeline(imported: &Imported, title: &str) -> String {
    let mut meta = String::from("[timeline]\n");
    let _ = writeln!(meta, "title = {}", toml_string(&one_line(title)));
    let mut summary = imported.summary.trim().to_string();
    let mut add = |s: &str| {
        if !summary.is_empty() {
            summary.push_str("\n\n");
        }
        summary.push_str(s);
    };
    if let Some(credit) = &imported.credit {
        add(credit);
    }
    let origins = if imported.origins.is_empty() {
        "another tool".to_string()
    } else {
        imported.origins.join(" and ")
    };
    add(&format!("Imported by chronoscope from {origins}."));
    let _ = writeln!(meta, "summary = {}", toml_string(&summary));
    meta
}

/// A unique id from a name: its slug, else `fallback`, numbered when taken.
pub(super) fn unique(base: String, fallback: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        fallback.to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn actor_ids(imported: &Imported, taken: &mut HashSet<String>) -> BTreeMap<String, String> {
    imported
        .actors
        .keys()
        .map(|name| (name.clone(), unique(slug(name), "actor", taken)))
        .collect()
}

fn actors_file(imported: &Imported, ids: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, a) in &imported.actors {
        let Some(id) = ids.get(name) else {
            continue;
        };
        let _ = writeln!(out, "[actors.{id}]");
        let _ = writeln!(out, "name = {}", toml_string(&one_line(name)));
        let _ = writeln!(out, "kind = {}", toml_string(a.kind));
        let _ = writeln!(out, "summary = {}\n", toml_string(&a.summary));
    }
    out
}

/// An id from the date and the title (or the row's own key), made unique
/// by a number.
fn id_for(r: &Row, ids: &mut HashSet<String>) -> String {
    let tail = slug(r.key.as_deref().unwrap_or(&r.title));
    let date = r.date.to_edtf();
    let date = date.trim_end_matches(['~', '?']);
    let base = if tail.is_empty() {
        format!("{date}-event")
    } else {
        format!("{date}-{tail}")
    };
    unique(base, "event", ids)
}

fn list(out: &mut String, key: &str, items: &[&str]) {
    if !items.is_empty() {
        let t: Vec<String> = items.iter().map(|t| toml_string(t)).collect();
        let _ = writeln!(out, "{key} = [{}]", t.join(", "));
    }
}

fn event(
    out: &mut String,
    r: &Row,
    ids: &mut HashSet<String>,
    actors: &BTreeMap<String, String>,
    places: &Places,
) {
    out.push_str("[[events]]\n");
    let _ = writeln!(out, "id = {}", toml_string(&id_for(r, ids)));
    let _ = writeln!(out, "date = {}", toml_string(&r.date.to_edtf()));
    if let Some(end) = r.end {
        let _ = writeln!(out, "end = {}", toml_string(&end.to_edtf()));
    }
    let _ = writeln!(out, "title = {}", toml_string(&one_line(&r.title)));
    let _ = writeln!(out, "summary = {}", toml_string(&r.summary));
    if !r.details.is_empty() {
        let _ = writeln!(out, "details = {}", toml_string(&r.details));
    }
    let mut who: Vec<&str> = r
        .actors
        .iter()
        .filter_map(|a| actors.get(a).map(String::as_str))
        .collect();
    who.sort_unstable();
    who.dedup();
    list(out, "actors", &who);
    if !r.location.trim().is_empty() {
        let _ = writeln!(out, "location = {}", toml_string(&one_line(&r.location)));
    }
    if let Some(id) = r.place.as_deref().and_then(|p| places.id(p)) {
        list(out, "places", &[id]);
    }
    let mut tags: Vec<&str> = r.tags.iter().map(String::as_str).collect();
    tags.sort_unstable();
    tags.dedup();
    list(out, "tags", &tags);
    if !r.figures.is_empty() {
        let f: Vec<String> = r
            .figures
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        let _ = writeln!(out, "figures = {{ {} }}", f.join(", "));
    }
    if !r.notes.is_empty() {
        let _ = writeln!(out, "editor_note = {}", toml_string(&r.notes.join("\n\n")));
    }
    for s in &r.sources {
        out.push_str("\n[[events.sources]]\n");
        let _ = writeln!(out, "publisher = {}", toml_string(&one_line(&s.publisher)));
        let _ = writeln!(out, "title = {}", toml_string(&one_line(&s.title)));
        if let Some(d) = s.date {
            let _ = writeln!(out, "date = {}", toml_string(&d.to_edtf()));
        }
        if !s.url.is_empty() {
            let _ = writeln!(out, "url = {}", toml_string(&s.url));
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn years(spec: &[(u16, usize, usize)]) -> Vec<(u16, Vec<String>)> {
        spec.iter()
            .map(|&(y, n, size)| (y, (0..n).map(|_| "x".repeat(size)).collect()))
            .collect()
    }

    #[test]
    fn quiet_years_share_a_file_and_a_huge_year_is_cut_in_parts() {
        let names = |spec: &[(u16, usize, usize)]| -> Vec<String> {
            let years = years(spec);
            files(&years).into_iter().map(|(n, _)| n).collect()
        };
        assert_eq!(
            names(&[(622, 1, 10), (1901, 3, 10), (1910, 2, 10)]),
            ["events-0622-1910.toml"]
        );
        assert_eq!(
            names(&[(2022, 150, 10), (2023, 300, 10), (2024, 10, 10)]),
            ["events-2022.toml", "events-2023.toml", "events-2024.toml"]
        );
        // Three to a part: eight make three parts.
        let big = PART_BYTES / 4 + 1;
        assert_eq!(
            names(&[(2020, 1, 10), (2023, 8, big), (2024, 1, 10)]),
            [
                "events-2020.toml",
                "events-2023.toml",
                "events-2023-part2.toml",
                "events-2023-part3.toml",
                "events-2024.toml"
            ]
        );
        // Every event is written once.
        let spec = years(&[(2020, 5, 10), (2023, 8, big)]);
        let all = files(&spec);
        let bytes: usize = all
            .iter()
            .map(|(_, t)| t.iter().map(|p| p.len()).sum::<usize>())
            .sum();
        assert_eq!(bytes, 5 * 10 + 8 * big);
    }
}
