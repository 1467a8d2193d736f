//! The presenter view's channel: `present --publish` on the room's screen
//! listens on a Unix socket, `chronoscope presenter` in a second terminal
//! follows it. Local only: the socket lives in a folder only its owner may
//! enter (`$XDG_RUNTIME_DIR/chronoscope`, mode 0700), and carries only
//! positions and event ids (`protocol`), checked on receipt.
//!
//! One presenter view follows at a time; another is told it is refused.
//! A presenter view that starts first waits for the room's screen, and
//! waits again when it closes; the room's screen goes on when the
//! presenter view quits, and takes the next one that comes.

pub mod protocol;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub use protocol::{Command, ToPresenter};

/// What the link's threads report to the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    // On the room's screen.
    /// A presenter view started following.
    Joined,
    /// It quit, or its connection failed.
    Left,
    /// It asked for this.
    Command(Command),
    // In the presenter view.
    /// No presentation is published yet at this socket.
    Waiting,
    /// The room's screen said this.
    Said(ToPresenter),
    /// The room's screen closed, or its connection failed: waiting again.
    Ended,
    /// The room's screen sent what cannot be read: why.
    Garbled(String),
}

/// Hands the loop a report; false once the loop is gone.
pub type Report = Box<dyn Fn(Event) -> bool + Send + Sync>;

/// How often a waiting presenter view tries the socket again.
const RETRY: Duration = Duration::from_millis(250);
/// How long a write may block before the other side counts as gone.
const WRITE_TIMEOUT: Duration = Duration::from_secs(1);
/// How long a connection may take to say who it is.
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);

/// The socket both sides use: `present.sock` in the user's runtime folder.
pub fn socket_path() -> Result<PathBuf, String> {
    Ok(folder()?.join("present.sock"))
}

/// `$XDG_RUNTIME_DIR/chronoscope`, or a folder of the user's own in the
/// temporary folder when there is no runtime folder; made for its owner
/// only, and refused when anyone else could enter it.
fn folder() -> Result<PathBuf, String> {
    use etcetera::BaseStrategy as _;
    let runtime = etcetera::choose_base_strategy()
        .ok()
        .and_then(|b| b.runtime_dir())
        .filter(|p| p.is_absolute());
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    let dir = match runtime {
        Some(r) => r.join("chronoscope"),
        None => std::env::temp_dir().join(format!("chronoscope-{uid}")),
    };
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(&dir)
        .map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let meta = std::fs::symlink_metadata(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    if !meta.is_dir() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(format!(
            "{} is not a folder only you can enter; remove it, or set XDG_RUNTIME_DIR",
            dir.display()
        ));
    }
    Ok(dir)
}

/// The presenter view following, by connection number, and where to write.
type Slot = Arc<Mutex<Option<(u64, UnixStream)>>>;

/// The room's screen's end: a listening socket, removed when dropped.
pub struct Publisher {
    path: PathBuf,
    listener: Option<UnixListener>,
    follower: Slot,
}

impl Publisher {
    /// Listens at `path`, unless another presentation already does.
    pub fn bind(path: &Path) -> Result<Publisher, String> {
        if path.exists() {
            if UnixStream::connect(path).is_ok() {
                return Err(format!(
                    "another presentation is already published at {}; quit it first \
                     (one room screen at a time)",
                    path.display()
                ));
            }
            // Left by a presentation that was killed.
            std::fs::remove_file(path)
                .map_err(|e| format!("cannot replace {}: {e}", path.display()))?;
        }
        let listener = UnixListener::bind(path)
            .map_err(|e| format!("cannot listen at {}: {e}", path.display()))?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot restrict {}: {e}", path.display()))?;
        Ok(Publisher {
            path: path.to_path_buf(),
            listener: Some(listener),
            follower: Arc::new(Mutex::new(None)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts accepting presenter views, reporting to the loop.
    pub fn start(&mut self, report: Report) -> io::Result<()> {
        let Some(listener) = self.listener.take() else {
            return Ok(());
        };
        let follower = Arc::clone(&self.follower);
        let report = Arc::new(report);
        thread::Builder::new()
            .name("publish".into())
            .spawn(move || {
                for (n, stream) in (1u64..).zip(listener.incoming()) {
                    let Ok(stream) = stream else { continue };
                    let (follower, report) = (Arc::clone(&follower), Arc::clone(&report));
                    // Each connection on its own thread: a slow one holds up no other.
                    let _ = thread::Builder::new()
                        .name("presenter".into())
                        .spawn(move || serve(n, stream, &follower, &report));
                }
            })?;
        Ok(())
    }

    /// Sends a message to the presenter view following, if any; one that
    /// does not take it is let go.
    pub fn send(&self, msg: &ToPresenter) {
        let mut follower = self.follower.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = follower.as_mut()
            && writeln!(s, "{}", msg.line()).is_err()
        {
            let _ = s.shutdown(std::net::Shutdown::Both);
            *follower = None;
        }
    }
}

impl Drop for Publisher {
    fn drop(&mut self) {
        self.send(&ToPresenter::Bye);
        let mut follower = self.follower.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = follower.take() {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// One connection: a presenter view that says `follow` first is greeted
/// and its commands read, unless another one is following (it is told
/// so); anything else is closed unanswered.
fn serve(n: u64, stream: UnixStream, follower: &Slot, report: &Report) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_read_timeout(Some(HELLO_TIMEOUT));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut lines = BufReader::new(stream);
    if !matches!(read_line(&mut lines), Some(Ok(l)) if l == protocol::HELLO) {
        return;
    }
    {
        let mut slot = follower.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_some() {
            let _ = writeln!(writer, "{}", ToPresenter::Busy.line());
            return;
        }
        if writeln!(writer, "{}", ToPresenter::Greeting.line()).is_err() {
            return;
        }
        *slot = Some((n, writer));
    }
    let _ = lines.get_ref().set_read_timeout(None);
    if !report(Event::Joined) {
        return;
    }
    while let Some(Ok(line)) = read_line(&mut lines) {
        // A command that cannot be read is dropped, not obeyed.
        if let Ok(cmd) = Command::parse(&line)
            && !report(Event::Command(cmd))
        {
            return;
        }
    }
    let mut slot = follower.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_some_and(|(m, _)| *m == n) {
        *slot = None;
    }
    drop(slot);
    report(Event::Left);
}

/// One line, without its newline, read no further than `MAX_LINE` bytes;
/// `None` at the end of the stream.
fn read_line(r: &mut impl BufRead) -> Option<Result<String, String>> {
    let mut buf = Vec::new();
    let limit = u64::try_from(protocol::MAX_LINE + 1).unwrap_or(u64::MAX);
    match r.by_ref().take(limit).read_until(b'\n', &mut buf) {
        Ok(0) | Err(_) => return None,
        Ok(_) => {}
    }
    if buf.last() != Some(&b'\n') {
        return Some(Err("a line too long, or cut off".into()));
    }
    buf.pop();
    Some(String::from_utf8(buf).map_err(|_| "a line that is not UTF-8".to_string()))
}

/// The presenter view's end: where to send commands while connected.
#[derive(Clone, Default)]
pub struct Follower {
    stream: Arc<Mutex<Option<UnixStream>>>,
}

impl Follower {
    /// Follows the presentation at `path`: waits for it, reads it, and
    /// waits again when it ends, reporting to the loop.
    pub fn start(path: PathBuf, report: Report) -> io::Result<Follower> {
        let follower = Follower::default();
        let slot = Arc::clone(&follower.stream);
        thread::Builder::new()
            .name("follow".into())
            .spawn(move || follow(&path, &slot, &report))?;
        Ok(follower)
    }

    /// Sends a command to the room's screen, when connected.
    pub fn send(&self, cmd: Command) {
        let mut slot = self.stream.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = slot.as_mut()
            && writeln!(s, "{}", cmd.line()).is_err()
        {
            *slot = None;
        }
    }
}

fn follow(path: &Path, slot: &Arc<Mutex<Option<UnixStream>>>, report: &Report) {
    let mut said_waiting = false;
    loop {
        let stream = match UnixStream::connect(path) {
            Ok(s) => s,
            Err(_) => {
                if !said_waiting {
                    said_waiting = true;
                    if !report(Event::Waiting) {
                        return;
                    }
                }
                thread::sleep(RETRY);
                continue;
            }
        };
        said_waiting = false;
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Ok(mut writer) = stream.try_clone() else {
            thread::sleep(RETRY);
            continue;
        };
        if writeln!(writer, "{}", protocol::HELLO).is_err() {
            thread::sleep(RETRY);
            continue;
        }
        let mut lines = BufReader::new(stream);
        let mut first = true;
        let mut end = Event::Ended;
        while let Some(line) = read_line(&mut lines) {
            let msg = match line.and_then(|l| ToPresenter::parse(&l)) {
                Ok(m) => m,
                Err(why) => {
                    end = Event::Garbled(why);
                    break;
                }
            };
            if first {
                first = false;
                match msg {
                    ToPresenter::Greeting => {
                        *slot.lock().unwrap_or_else(|e| e.into_inner()) = writer.try_clone().ok();
                    }
                    ToPresenter::Busy => {
                        end = Event::Said(ToPresenter::Busy);
                        break;
                    }
                    _ => {
                        end =
                            Event::Garbled("it did not greet as a chronoscope presentation".into());
                        break;
                    }
                }
            }
            if !report(Event::Said(msg)) {
                return;
            }
        }
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let refused = end == Event::Said(ToPresenter::Busy);
        if !report(end) {
            return;
        }
        // Refused or ended: try again, more slowly when refused.
        thread::sleep(if refused { RETRY * 8 } else { RETRY });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::mpsc;

    fn reporter() -> (Report, mpsc::Receiver<Event>) {
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        (Box::new(move |e| tx.lock().unwrap().send(e).is_ok()), rx)
    }

    fn next(rx: &mpsc::Receiver<Event>) -> Event {
        rx.recv_timeout(Duration::from_secs(5)).unwrap()
    }

    #[test]
    fn a_presenter_view_follows_and_a_second_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("present.sock");
        let mut publisher = Publisher::bind(&path).unwrap();
        let Err(why) = Publisher::bind(&path) else {
            panic!("a second publisher is refused");
        };
        assert!(why.contains("already published"), "{why}");
        let (report, room) = reporter();
        publisher.start(report).unwrap();

        let (report, first) = reporter();
        let follower = Follower::start(path.clone(), report).unwrap();
        assert_eq!(next(&first), Event::Said(ToPresenter::Greeting));
        assert_eq!(next(&room), Event::Joined);
        publisher.send(&ToPresenter::State {
            at: 3,
            blank: false,
            elapsed: 9,
        });
        assert_eq!(
            next(&first),
            Event::Said(ToPresenter::State {
                at: 3,
                blank: false,
                elapsed: 9
            })
        );
        follower.send(Command::Go(5));
        assert_eq!(next(&room), Event::Command(Command::Go(5)));

        let (report, second) = reporter();
        let _other = Follower::start(path.clone(), report).unwrap();
        assert_eq!(next(&second), Event::Said(ToPresenter::Busy));

        drop(publisher);
        assert_eq!(next(&first), Event::Said(ToPresenter::Bye));
        assert_eq!(next(&first), Event::Ended);
        assert!(!path.exists(), "the socket is removed");
    }

    #[test]
    fn a_presenter_view_waits_for_the_room() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("present.sock");
        let (report, rx) = reporter();
        let _f = Follower::start(path.clone(), report).unwrap();
        assert_eq!(next(&rx), Event::Waiting);
        let mut publisher = Publisher::bind(&path).unwrap();
        let (report, _room) = reporter();
        publisher.start(report).unwrap();
        assert_eq!(next(&rx), Event::Said(ToPresenter::Greeting));
    }

    #[test]
    fn a_stale_socket_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("present.sock");
        drop(UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        assert!(Publisher::bind(&path).is_ok());
    }

    #[test]
    fn an_overlong_line_is_refused_without_reading_it_all() {
        let mut input = io::Cursor::new(vec![b'a'; protocol::MAX_LINE + 10]);
        assert!(matches!(read_line(&mut input), Some(Err(_))));
        let mut input = io::Cursor::new(b"next\nprev".to_vec());
        assert_eq!(read_line(&mut input), Some(Ok("next".into())));
        assert!(matches!(read_line(&mut input), Some(Err(_))), "cut off");
        assert_eq!(read_line(&mut input), None);
    }
}
