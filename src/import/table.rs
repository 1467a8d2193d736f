//! A CSV file as a header and rows, each row with the line it starts on
//! (a quoted cell may span lines) and its cells found by column name.

use std::collections::HashMap;

use super::Imported;

/// A CSV file read whole: its column names and its rows.
#[derive(Debug)]
pub struct Table {
    pub header: Vec<String>,
    /// Column name, as written and trimmed → position.
    exact: HashMap<String, usize>,
    /// Column name, trimmed and lowercase → position.
    columns: HashMap<String, usize>,
    pub rows: Vec<Line>,
    /// Rows the CSV reader could not read: (line, why).
    pub broken: Vec<(u64, String)>,
}

/// One row and the line of the file it starts on.
#[derive(Debug)]
pub struct Line {
    pub line: u64,
    pub cells: csv::StringRecord,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes())
}

/// The column names on the first line, or none.
pub fn header(text: &str) -> Vec<String> {
    reader(text)
        .headers()
        .map(|h| h.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default()
}

/// Reads the whole file; a row the CSV reader cannot read is kept aside
/// with its line, to be reported and skipped.
pub fn read(text: &str) -> Result<Table, String> {
    let mut r = reader(text);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| format!("the header cannot be read: {e}"))?
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    let mut columns = HashMap::new();
    let mut exact = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        columns.entry(key(h)).or_insert(i);
        exact.entry(h.clone()).or_insert(i);
    }
    let mut rows = Vec::new();
    let mut broken = Vec::new();
    let mut record = csv::StringRecord::new();
    // The reader counts a record as starting where the last one's line
    // ending did (a CRLF, a blank line); the line is counted here from the
    // record's first byte instead.
    let bytes = text.as_bytes();
    let (mut seen, mut line) = (0usize, 1u64);
    let mut line_of = |at: usize| -> u64 {
        let mut at = at.min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > seen {
            line += bytes[seen..at].iter().filter(|b| **b == b'\n').count() as u64;
            seen = at;
        }
        line
    };
    loop {
        match r.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let at = record.position().map_or(0, |p| p.byte() as usize);
                let line = line_of(at);
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                rows.push(Line {
                    line,
                    cells: std::mem::take(&mut record),
                });
            }
            Err(e) => {
                let line = line_of(e.position().map_or(usize::MAX, |p| p.byte() as usize));
                broken.push((line, e.to_string()));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(Table {
        header,
        exact,
        columns,
        rows,
        broken,
    })
}

impl Table {
    /// Whether the header has this column (case and spaces aside).
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(&key(name))
    }

    /// The position of a column, if the header has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        // Most look-ups name a column as the header writes it: no
        // lowercase copy for those.
        self.exact
            .get(name)
            .or_else(|| self.columns.get(&key(name)))
            .copied()
    }

    /// A row's cell in a column, trimmed; empty when either is missing.
    pub fn cell<'a>(&self, row: &'a Line, name: &str) -> &'a str {
        self.column(name)
            .and_then(|i| row.cells.get(i))
            .map_or("", str::trim)
    }

    /// Every row through `read`, which adds it to an import or says why
    /// not: the rows cut in one run per core, and the runs put together in
    /// order, after the rows the reader could not read. What comes out is
    /// what one run would give, since `Imported::absorb` keeps the first
    /// of each actor and place, as one run does.
    pub fn each_row<S, F>(&self, read: F) -> Imported
    where
        S: Default,
        F: Fn(&Line, &mut Imported, &mut S) -> Result<(), String> + Sync,
    {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let size = self.rows.len().div_ceil(cores.min(8)).max(2000);
        let run = |rows: &[Line]| {
            let mut out = Imported::default();
            let mut state = S::default();
            for line in rows {
                if let Err(why) = read(line, &mut out, &mut state) {
                    out.skipped.push(super::RowError {
                        at: format!("line {}", line.line),
                        why,
                    });
                }
            }
            out
        };
        let runs: Vec<Imported> = std::thread::scope(|s| {
            let handles: Vec<_> = self
                .rows
                .chunks(size)
                .map(|rows| s.spawn(move || run(rows)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut all = Imported {
            skipped: self.broken_rows(),
            ..Imported::default()
        };
        for r in runs {
            all.absorb(r);
        }
        all
    }

    /// The rows the reader could not read, as errors at their lines.
    pub fn broken_rows(&self) -> Vec<super::RowError> {
        self.broken
            .iter()
            .map(|(line, why)| super::RowError {
                at: format!("line {line}"),
                why: why.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn each_row_knows_the_line_it_starts_on() {
        let t = read("a,b\n1,2\n3,\"x\ny\nz\"\n\n5,6\n7").unwrap();
        let crlf = read("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n5,6\r\n").unwrap();
        let lines: Vec<u64> = crlf.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 7, 8]);
        assert_eq!(t.cell(&t.rows[1], " B "), "x\ny\nz");
        assert_eq!(t.cell(&t.rows[3], "b"), "");
        assert_eq!(t.cell(&t.rows[0], "c"), "");
    }
}
