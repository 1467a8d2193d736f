//! The pieces of import a file's rows pass through: dates in each form,
//! the mapping, ACLED's categories, the packing of years into files.

#![allow(clippy::unwrap_used)]

use super::mapped::{Mapping, date};
use super::*;

#[test]
fn a_csv_date_keeps_the_precision_its_form_gives() {
    let iso = |s: &str| date(s, None).map(|d| d.to_edtf());
    assert_eq!(iso("2014").unwrap(), "2014");
    assert_eq!(iso("2014-12").unwrap(), "2014-12");
    assert_eq!(iso("2014-12-16~").unwrap(), "2014-12-16~");
    assert_eq!(iso("2014-12-16T09:30:00Z").unwrap(), "2014-12-16");
    assert!(iso("16/12/2014").unwrap_err().contains("--date-format"));
    assert!(iso("2014-02-30").is_err());
    let with = |s: &str, f: &str| date(s, Some(f)).map(|d| d.to_edtf());
    assert_eq!(with("16/12/2014", "%d/%m/%Y").unwrap(), "2014-12-16");
    assert_eq!(with("Dec 2014", "%b %Y").unwrap(), "2014-12");
    assert_eq!(with("2014", "%Y").unwrap(), "2014");
    assert_eq!(with("12/16/2014", "%m/%d/%Y").unwrap(), "2014-12-16");
    assert!(with("16/12/2014", "%m/%d/%Y").is_err());
}

#[test]
fn a_mapping_names_known_fields_once_and_the_date() {
    assert!(Mapping::parse("date=When, title = Headline ,figure.injured=Hurt").is_ok());
    let err = |s: &str| Mapping::parse(s).unwrap_err();
    assert!(err("title=Headline").contains("needs date="));
    assert!(err("date=When").contains("title=COLUMN or summary=COLUMN"));
    assert!(err("date=When,title=A,title=B").contains("mapped twice"));
    assert!(err("date=When,summry=A").contains("did you mean summary?"));
    assert!(err("date=When,title").contains("not field=COLUMN"));
    assert!(err("date=,title=A").contains("names no column"));
    assert!(err("date=When,title=A,figure.Bad Name=X").contains("no field"));
}

#[test]
fn formats_are_told_by_their_header() {
    let csv = |h: &str| detect("f.csv", &format!("{h}\n"));
    assert_eq!(
        csv("Year,Month,Day,Time,End Year,Headline,Text,Type,Group").unwrap(),
        From::TimelinejsCsv
    );
    assert_eq!(
        csv("event_id_cnty,event_date,year,time_precision,event_type,actor1,notes").unwrap(),
        From::Acled
    );
    assert_eq!(
        detect("f.json", "  {\"events\": []}").unwrap(),
        From::Timelinejs
    );
    let err = csv("When,What").unwrap_err();
    assert!(err.contains("The file begins: When, What"), "{err}");
}

#[test]
fn decoding_reads_utf8_and_utf16_with_their_marks_and_nothing_else() {
    assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    assert_eq!(decode(&[0xFF, 0xFE, b'a', 0, b'b', 0]).unwrap(), "ab");
    assert_eq!(decode(&[0xFE, 0xFF, 0, b'a']).unwrap(), "a");
    assert_eq!(decode(b"ab\xFFc").unwrap_err(), "invalid UTF-8 at byte 2");
    assert!(
        decode(&[0xFF, 0xFE, 0x00, 0xD8]).is_err(),
        "a lone surrogate"
    );
}

#[test]
fn html_becomes_paragraphs_with_their_links_written_out() {
    assert_eq!(
        plain("<p>One <a href=\"https://a.org/x\">link</a>.</p><p>Two &amp; <b>bold</b></p>"),
        "One link (https://a.org/x).\n\nTwo & bold"
    );
    // A link whose words are its address, or that is no web address, is
    // written once.
    assert_eq!(
        plain("<a href=\"https://a.org\">https://a.org</a> <a href=\"#x\">here</a>"),
        "https://a.org here"
    );
    assert_eq!(plain("no markup at all "), "no markup at all");
}

mod written {
    //! Whatever the rows hold, the folder written from them loads with no
    //! error: the checker is the judge of the writer.

    use proptest::prelude::*;

    use super::super::*;
    use crate::model::{EventDate, Qualifier};

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,40}",
            "\\PC{0,30}",
            Just(String::new()),
            Just("=cmd|' /C calc'!A0".to_string()),
            Just("\u{1b}[31m\u{7}\u{7f}\u{9b}\r\u{202e}\t\"\"\"''\\".to_string()),
        ]
    }

    fn date() -> impl Strategy<Value = EventDate> {
        (
            0u16..=9999,
            prop::option::of(1u32..=12),
            1u32..=28,
            any::<bool>(),
            0u8..3,
        )
            .prop_map(|(y, m, d, with_day, q)| {
                let q = [
                    Qualifier::Exact,
                    Qualifier::Approximate,
                    Qualifier::Uncertain,
                ][usize::from(q)];
                EventDate::from_parts(y, m, m.and(with_day.then_some(d)), q).unwrap()
            })
    }

    prop_compose! {
        fn row()(
            date in date(),
            end in prop::option::of(date()),
            title in text(), summary in text(), details in text(), location in text(),
            tags in prop::collection::vec(text(), 0..3),
            actors in prop::collection::vec(text(), 0..3),
            place in prop::option::of(prop::collection::vec(text(), 1..4)),
            killed in prop::option::of(any::<u64>()),
            key in prop::option::of(text()),
            source in prop::option::of((text(), text(), text())),
            note in text(),
        ) -> Row {
            let mut r = Row::on(date);
            r.end = end.filter(|e| e.first_day() > date.first_day());
            r.title = if title.trim().is_empty() { "t".into() } else { title };
            r.summary = if summary.trim().is_empty() { "s".into() } else { summary };
            r.details = details;
            r.location = location;
            r.tags = tags.iter().map(|t| slug(t)).filter(|t| !t.is_empty()).collect();
            r.actors = actors;
            r.place = place;
            r.figures = killed.map(|k| vec![("killed".to_string(), k)]).unwrap_or_default();
            r.key = key;
            r.sources = source
                .map(|(p, t, u)| vec![Source {
                    publisher: if p.trim().is_empty() { "p".into() } else { p },
                    title: if t.trim().is_empty() { "t".into() } else { t },
                    url: if is_link(&u) { u } else { String::new() },
                    date: Some(date),
                }])
                .unwrap_or_default();
            if !note.is_empty() {
                r.notes.push(note);
            }
            r
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_rows_write_a_folder_that_loads_without_error(
            rows in prop::collection::vec(row(), 1..30),
            coords in prop::collection::vec(prop::option::of((-90.0f64..=90.0, -180.0f64..=180.0)), 30),
            title in text(),
        ) {
            let mut imported = Imported::default();
            for (i, r) in rows.iter().enumerate() {
                for a in &r.actors {
                    imported.actors.insert(a.clone(), ActorSeed { kind: "other", summary: "x".into() });
                }
                if let Some(p) = &r.place {
                    for n in 1..=p.len() {
                        imported.places.entry(p[..n].to_vec()).or_insert(PlaceSeed {
                            kind: "city",
                            at: if n == p.len() { coords[i % coords.len()] } else { None },
                        });
                    }
                }
            }
            imported.rows = rows;
            let title = if title.trim().is_empty() { "T".to_string() } else { title };
            let inputs = render(&imported, &title)
                .into_iter()
                .map(|(name, text)| crate::load::Input { name, bytes: text.into_bytes() })
                .collect();
            let loaded = crate::load::load(inputs);
            let errors: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == crate::load::Severity::Error)
                .map(|d| loaded.files.render(d))
                .collect();
            prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
            prop_assert_eq!(loaded.timeline.events.len(), imported.rows.len());
        }
    }
}
