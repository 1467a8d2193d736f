//! The two sides of a diff: a file or folder on disk, read as every
//! command reads one, or `REV:PATH`, a file or folder as a git revision
//! holds it.
//!
//! An argument is `REV:PATH` when it holds a `:` and names no existing
//! path. It is read through the `git` command of the current directory's
//! repository, never a shell: `git rev-parse` checks the revision and
//! finds `PATH` in it (relative to the repository's top, or to the current
//! directory when it starts with `./` or `../`, as `git show REV:PATH`
//! reads it), `git ls-tree` lists a folder's files with their sizes and
//! `git cat-file` reads each. As the loader does on disk, a folder gives
//! its `*.toml` files at any depth (up to 32 folders down) in sorted path
//! order, hidden files and folders skipped, and no file over
//! `MAX_FILE_BYTES` is read. Symbolic links and submodules in a revision
//! are skipped. Each file is named `REV:PATH/file.toml` in messages.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::export::Protected;
use crate::load::{self, Input, LoadError, MAX_FILE_BYTES};
use crate::text::one_line;

/// Folders nested deeper than this below `PATH` are not read, as on disk.
const MAX_DEPTH: usize = 32;

/// Where a side is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// A file or folder on disk.
    Disk(PathBuf),
    /// `PATH` as revision `REV` holds it.
    Git { rev: String, path: String },
}

impl Spec {
    /// `REV:PATH` when the argument holds a `:` and is no existing path
    /// (a dangling symbolic link counts as one); a path otherwise.
    pub fn parse(arg: &Path) -> Spec {
        if arg.symlink_metadata().is_ok() {
            return Spec::Disk(arg.to_path_buf());
        }
        match arg.to_str().and_then(|s| s.split_once(':')) {
            Some((rev, path)) => Spec::Git {
                rev: rev.to_string(),
                path: path.to_string(),
            },
            None => Spec::Disk(arg.to_path_buf()),
        }
    }
}

/// A side read: its files, what to call it, and what an output file may
/// never replace (the files and folders read from disk; nothing of a
/// revision is on disk).
pub struct Side {
    pub label: String,
    pub inputs: Vec<Input>,
    pub protected: Protected,
}

/// Why a side could not be read: exit code 2.
#[derive(Debug)]
pub enum SideError {
    Load(LoadError),
    Git { side: String, error: GitError },
}

/// What went wrong reading `REV:PATH` through git.
#[derive(Debug)]
pub enum GitError {
    /// No `git` command to run.
    NotInstalled,
    /// `git` could not be started for another reason.
    CannotRun(std::io::Error),
    /// Nothing before the `:`, or a revision git would read as an option.
    BadRevision(String),
    /// git refused, saying why (not a repository, say): its first line.
    Refused(String),
    UnknownRevision(String),
    NoSuchPath {
        rev: String,
        path: String,
    },
    NoTimelineFiles {
        rev: String,
        path: String,
    },
    /// `PATH` names something other than a file or a folder.
    NotAFile {
        rev: String,
        path: String,
    },
    TooLarge {
        name: String,
        size: u64,
    },
}

impl fmt::Display for SideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SideError::Load(e) => e.fmt(f),
            SideError::Git { side, error } => write!(f, "{}: {error}", one_line(side)),
        }
    }
}

impl std::error::Error for SideError {}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |s: &str| one_line(s);
        match self {
            GitError::NotInstalled => write!(
                f,
                "reading REV:PATH needs git, which is not installed (or not on PATH); install git, or give a file or folder"
            ),
            GitError::CannotRun(e) => write!(f, "cannot run git: {}", show(&e.to_string())),
            GitError::BadRevision(rev) if rev.is_empty() => write!(
                f,
                "no revision before the ':'; write REV:PATH, such as HEAD~1:timelines (or give a path that exists)"
            ),
            GitError::BadRevision(rev) => write!(
                f,
                "\"{}\" is not a revision (it starts with '-'); write REV:PATH, such as HEAD~1:timelines",
                show(rev)
            ),
            GitError::Refused(why) => write!(f, "git: {}", show(why)),
            GitError::UnknownRevision(rev) => write!(
                f,
                "unknown revision \"{}\" in this git repository (`git log --oneline` lists the commits)",
                show(rev)
            ),
            GitError::NoSuchPath { rev, path } => write!(
                f,
                "revision {} has no \"{}\" (PATH is relative to the repository's top, or to this folder when it starts with ./)",
                show(rev),
                show(path)
            ),
            GitError::NoTimelineFiles { rev, path } => write!(
                f,
                "no timeline files in \"{}\" at revision {} (a folder gives every *.toml file below it)",
                show(path),
                show(rev)
            ),
            GitError::NotAFile { rev, path } => write!(
                f,
                "\"{}\" at revision {} is neither a file nor a folder",
                show(path),
                show(rev)
            ),
            GitError::TooLarge { name, size } => write!(
                f,
                "{} is {} MiB, over the {} MiB limit for a timeline file",
                show(name),
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// Reads one side of a diff, from disk or from git (see the module's
/// documentation), without loading it.
pub fn read_side(arg: &Path) -> Result<Side, SideError> {
    let label = one_line(&arg.display().to_string());
    match Spec::parse(arg) {
        Spec::Disk(path) => {
            let paths = [path];
            let scan = load::scan(&paths).map_err(SideError::Load)?;
            let inputs = load::read_files(&scan.files).map_err(SideError::Load)?;
            let protected = Protected {
                files: scan.files.iter().chain(&paths).cloned().collect(),
                folders: paths.iter().filter(|p| p.is_dir()).cloned().collect(),
            };
            Ok(Side {
                label,
                inputs,
                protected,
            })
        }
        Spec::Git { rev, path } => {
            let inputs = read_git(&rev, &path).map_err(|error| SideError::Git {
                side: label.clone(),
                error,
            })?;
            Ok(Side {
                label,
                inputs,
                protected: Protected::default(),
            })
        }
    }
}

/// Runs `git` with `args` (no shell, standard input closed) in the
/// current directory.
fn git(args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .arg("--no-pager")
        .args(args)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::CannotRun(e),
        })
}

/// git's first line of complaint, if it made one.
fn complaint(out: &Output) -> Option<String> {
    let text = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(one_line(line.strip_prefix("fatal: ").unwrap_or(line)))
}

fn stdout_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The files `PATH` names in revision `REV`, as `Input`s named `REV:file`.
fn read_git(rev: &str, path: &str) -> Result<Vec<Input>, GitError> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(GitError::BadRevision(rev.to_string()));
    }
    let tree = format!("{rev}^{{tree}}");
    let out = git(&["rev-parse", "--verify", "--quiet", &tree])?;
    if !out.status.success() {
        return Err(match complaint(&out) {
            Some(why) => GitError::Refused(why),
            None => GitError::UnknownRevision(rev.to_string()),
        });
    }
    let object = format!("{rev}:{path}");
    let out = git(&["rev-parse", "--verify", "--quiet", &object])?;
    let no_path = || GitError::NoSuchPath {
        rev: rev.to_string(),
        path: path.to_string(),
    };
    if !out.status.success() {
        return Err(complaint(&out).map_or_else(no_path, GitError::Refused));
    }
    let oid = stdout_line(&out);
    let out = git(&["cat-file", "-t", &oid])?;
    let kind = stdout_line(&out);
    if !out.status.success() {
        return Err(complaint(&out).map_or_else(no_path, GitError::Refused));
    }
    match kind.as_str() {
        "blob" => {
            let out = git(&["cat-file", "-s", &oid])?;
            let size = stdout_line(&out).parse::<u64>().unwrap_or(u64::MAX);
            Ok(vec![blob(&oid, size, object)?])
        }
        "tree" => {
            let files = tree_files(&oid)?;
            if files.is_empty() {
                return Err(GitError::NoTimelineFiles {
                    rev: rev.to_string(),
                    path: path.to_string(),
                });
            }
            let folder = path.trim_end_matches('/');
            files
                .into_iter()
                .map(|f| {
                    let name = match folder {
                        "" => format!("{rev}:{}", f.path),
                        _ => format!("{rev}:{folder}/{}", f.path),
                    };
                    blob(&f.oid, f.size, name)
                })
                .collect()
        }
        _ => Err(GitError::NotAFile {
            rev: rev.to_string(),
            path: path.to_string(),
        }),
    }
}

/// A timeline file in a revision's folder.
struct TreeFile {
    path: String,
    oid: String,
    size: u64,
}

/// The `*.toml` files below a tree, in the loader's order: regular files
/// only, hidden names and what lies too deep skipped.
fn tree_files(tree: &str) -> Result<Vec<TreeFile>, GitError> {
    let out = git(&["ls-tree", "-r", "-l", "-z", "--full-tree", tree])?;
    if !out.status.success() {
        return Err(GitError::Refused(
            complaint(&out).unwrap_or_else(|| "git ls-tree failed".to_string()),
        ));
    }
    let mut files: Vec<TreeFile> = out
        .stdout
        .split(|&b| b == 0)
        .filter_map(|record| {
            // "<mode> <type> <object> <size>\t<path>"
            let record = String::from_utf8_lossy(record);
            let (meta, path) = record.split_once('\t')?;
            let mut meta = meta.split_whitespace();
            let (mode, kind, oid, size) = (meta.next()?, meta.next()?, meta.next()?, meta.next()?);
            let regular = kind == "blob" && matches!(mode, "100644" | "100755");
            let parts: Vec<&str> = path.split('/').collect();
            let hidden = parts.iter().any(|p| p.starts_with('.'));
            let wanted =
                regular && !hidden && parts.len() <= MAX_DEPTH + 1 && path.ends_with(".toml");
            wanted.then(|| TreeFile {
                path: path.to_string(),
                oid: oid.to_string(),
                size: size.parse().unwrap_or(u64::MAX),
            })
        })
        .collect();
    files.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    Ok(files)
}

/// One file's bytes, refused before it is read when it is over the limit.
fn blob(oid: &str, size: u64, name: String) -> Result<Input, GitError> {
    if size > MAX_FILE_BYTES {
        return Err(GitError::TooLarge { name, size });
    }
    let out = git(&["cat-file", "blob", oid])?;
    if !out.status.success() {
        return Err(GitError::Refused(
            complaint(&out).unwrap_or_else(|| format!("cannot read {name}")),
        ));
    }
    let bytes = out.stdout;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(GitError::TooLarge {
            name,
            size: bytes.len() as u64,
        });
    }
    Ok(Input { name, bytes })
}
