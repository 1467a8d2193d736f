//! Bytes read as a cache entry (`chronoscope::cache::decode`), the key
//! and the files' fingerprint in its header set to the ones looked for so
//! that the archives are reached (the checksums are not compared in a
//! fuzzing build). It asserts that nothing panics or hangs, and that
//! whatever is accepted can be indexed, filtered, searched and exported as
//! a timeline from files can.

#![no_main]

use chronoscope::cache::{Key, decode};
use chronoscope::export::{About, Format};
use chronoscope::query::{Filter, Index, apply, terms};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let key = Key::of(&[], &[]);
    let mut bytes = data.to_vec();
    if bytes.len() >= 64 {
        bytes[8..24].copy_from_slice(&key.to_le_bytes());
        bytes[56..64].copy_from_slice(&key.stat_le_bytes());
    }
    let Ok((timeline, text)) = decode(&bytes, key) else {
        return;
    };
    let index = Index::with_text(&timeline, text);
    let shown = apply(&timeline, &index, &Filter::default());
    // A letter (read from the sketches), words, and one more letter typed
    // onto each (narrowed from the offsets the first search gave).
    for query in ["a", "a e", "pe"] {
        let hits = index.search(&terms(query), None);
        let _ = index.search_on(&format!("{query}s"), &hits.events, &hits.last_at);
    }
    let _ = timeline.year_span();
    for e in &timeline.events {
        let _ = (e.display_date(), e.last_day(), e.has_conflict());
    }
    let about = About::now(&timeline, &Filter::default(), &shown);
    for format in [Format::Text, Format::Json, Format::Markdown] {
        let _ = format.render(&timeline, &shown, &about);
    }
}
