//! Opening a timeline through the cache: an entry for these very files
//! when it is good, else the files, archived on the side for next time.

use std::path::{Path, PathBuf};

use super::{Archived, Key, Made, WRITING, entry, probe, read_file, wait, write_made};
use crate::load::{self, Input, Loaded};
use crate::query::{Index, SearchText};

/// A timeline loaded for the explorer, `list` or `present`: from the
/// cache when an entry for these very files is good, else from the files.
pub struct Opened {
    pub loaded: Loaded,
    /// The folded search text from the cache, until `index` takes it.
    text: Option<SearchText>,
    /// Whether the timeline came from the cache.
    cached: bool,
    /// Where to keep the timeline, when it came from the files with no
    /// error and may be kept.
    keep: Option<(PathBuf, Key)>,
}

impl Opened {
    /// Loads the timeline `files` hold (found for the `paths` given)
    /// through the cache in `folder`; `None`: from the files alone.
    ///
    /// An entry is decoded while the files are hashed on another core, so
    /// a good one costs little more than the longer of the two; the entry
    /// counts only if the files' key is the one it was written for.
    pub fn load(
        folder: Option<&Path>,
        paths: &[PathBuf],
        files: &[PathBuf],
    ) -> Result<Opened, load::LoadError> {
        let Some(folder) = folder else {
            return Ok(Opened::from_files(load::read_files(files)?, None));
        };
        let path = entry(folder, paths);
        // An entry for files since edited is not even read.
        if let Ok((file, stored)) = probe(&path)
            && stored.stat == Key::stat_of(files)
        {
            let (key, got) =
                rayon::join(|| Key::of_files(files), || read_file(&file, &path, stored));
            if let (Some(key), Ok((timeline, text))) = (key, got)
                && key == stored
            {
                return Ok(Opened {
                    loaded: Loaded {
                        timeline,
                        diagnostics: Vec::new(),
                        files: load::Files::default(),
                    },
                    text: Some(text),
                    cached: true,
                    keep: None,
                });
            }
        }
        let inputs = load::read_files(files)?;
        let key = Key::of(files, &inputs);
        Ok(Opened::from_files(inputs, Some((path, key))))
    }

    /// The timeline the bundled files hold, never cached: it loads in
    /// milliseconds.
    pub fn bundled() -> Opened {
        Opened::from_files(load::bundled(), None)
    }

    /// Loads `inputs`, to be kept at `keep` if they hold no error.
    fn from_files(inputs: Vec<Input>, keep: Option<(PathBuf, Key)>) -> Opened {
        let loaded = load::load(inputs);
        let keep = keep.filter(|_| loaded.errors() == 0);
        Opened {
            loaded,
            text: None,
            cached: false,
            keep,
        }
    }

    /// True when the timeline was read from the cache.
    pub fn from_cache(&self) -> bool {
        self.cached
    }

    /// The index of the timeline, from the cached text or folded now.
    /// A timeline from the files is archived for the cache meanwhile, on
    /// a second core, and written to it in the background (`wait`), so
    /// keeping it costs the first open little.
    pub fn index(&mut self) -> Index {
        if let Some(text) = self.text.take() {
            return Index::with_text(&self.loaded.timeline, text);
        }
        // A timeline with no error needs its files' text for no message:
        // it goes before the index and the archive take as much room again.
        if self.loaded.errors() == 0 {
            self.loaded.files = load::Files::default();
        }
        let timeline = &self.loaded.timeline;
        let Some((path, key)) = self.keep.take() else {
            return Index::build(timeline);
        };
        let (archived, index) = std::thread::scope(|s| {
            let archived = s.spawn(|| Archived::of(timeline));
            let index = Index::build(timeline);
            (archived.join(), index)
        });
        // A cache that cannot be written only means the next open parses
        // again.
        if let Ok(Ok(archived)) = archived
            && let Ok(made) = Made::new(archived, index.search_text(), key)
        {
            wait();
            let spawned = std::thread::Builder::new()
                .name("cache".into())
                .spawn(move || {
                    let _ = write_made(&made, &path);
                });
            if let (Ok(handle), Ok(mut writing)) = (spawned, WRITING.lock()) {
                *writing = Some(handle);
            }
        }
        index
    }
}
