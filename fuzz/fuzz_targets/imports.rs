//! Files given to `chronoscope import`: the bytes read as TimelineJS JSON,
//! as the TimelineJS sheet, as an ACLED export and as a CSV through a
//! mapping. It asserts that nothing panics, and that whenever rows are
//! read, the folder import would write from them loads with no error.

#![no_main]

use chronoscope::import::{From, Mapping, Options, read, render};
use chronoscope::load::{Input, Severity, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let map = Mapping::parse("date=date,end=end,title=title,actors=who,tags=tags,location=where,lat=lat,lon=lon,url=url,killed=killed").ok();
    for from in [From::Timelinejs, From::TimelinejsCsv, From::Acled, From::Csv] {
        let options = Options {
            from: Some(from),
            map: map.clone(),
            date_format: None,
        };
        let Ok(got) = read("fuzz", data, &options) else {
            continue;
        };
        if got.rows.is_empty() {
            continue;
        }
        let inputs = render(&got, "fuzz")
            .into_iter()
            .map(|(name, text)| Input {
                name,
                bytes: text.into_bytes(),
            })
            .collect();
        let loaded = load(inputs);
        for d in &loaded.diagnostics {
            assert!(d.severity != Severity::Error, "{}", loaded.files.render(d));
        }
        assert_eq!(loaded.timeline.events.len(), got.rows.len());
    }
}
