//! What was said about an event and who reported it: claims with their
//! stances and cited sources, and the sources with their Admiralty grades.
//! FORMAT.md ("Claims and stances", "Sources and the Admiralty grade") is
//! the rule each follows.

use super::{ActorIx, EventDate, Str};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Stance {
    Asserts,
    Confirms,
    Denies,
    Disputes,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Asserts,
        Stance::Confirms,
        Stance::Denies,
        Stance::Disputes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Confirms => "confirms",
            Stance::Denies => "denies",
            Stance::Disputes => "disputes",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What claims of this stance are called: "denials".
    pub fn plural(self) -> &'static str {
        match self {
            Stance::Asserts => "assertions",
            Stance::Confirms => "confirmations",
            Stance::Denies => "denials",
            Stance::Disputes => "disputes",
        }
    }

    /// Asserting and confirming stand on one side; denying and disputing on the other.
    pub fn is_for(self) -> bool {
        matches!(self, Stance::Asserts | Stance::Confirms)
    }
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Claim {
    pub by: ActorIx,
    pub stance: Stance,
    pub text: Str,
    /// The event's sources that report this claim, as positions in
    /// `Event::sources` (0-based here; the file writes them from 1, as a
    /// footnote reads). Empty when the claim cites none.
    pub sources: Vec<usize>,
}

impl Claim {
    /// The citation mark a reader sees beside the claim: "[1, 3]", or
    /// nothing when it cites no source.
    pub fn citation(&self) -> String {
        if self.sources.is_empty() {
            return String::new();
        }
        let n: Vec<String> = self.sources.iter().map(|i| (i + 1).to_string()).collect();
        format!("[{}]", n.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Source {
    pub publisher: Str,
    pub title: Str,
    pub date: Option<EventDate>,
    pub url: Option<Str>,
    pub grade: Option<Grade>,
}

/// A web address the explorer and exports may link to: http or https,
/// at most 2,048 characters, each one a URL may hold unescaped.
pub fn web_link(url: &str) -> Option<&str> {
    let scheme = url
        .strip_prefix("https://")
        .or(url.strip_prefix("http://"))?;
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b);
    (!scheme.is_empty() && url.len() <= 2048 && url.bytes().all(allowed)).then_some(url)
}

impl Source {
    /// The address, when it is one a browser may be sent to: `http` or
    /// `https`, and nothing but the printable ASCII a URL is written in —
    /// no space, quote, angle bracket, backslash or control, so it can end
    /// neither a terminal sequence nor an argument. Anything else is shown,
    /// never followed.
    pub fn link(&self) -> Option<&str> {
        web_link(self.url.as_deref()?)
    }

    /// A source a fact-checker would not rest on alone: graded D–F in
    /// reliability, not graded, or with no address to follow.
    pub fn is_weak(&self) -> bool {
        self.url.is_none() || self.grade.is_none_or(|g| g.reliability >= 'D')
    }
}

/// An Admiralty (NATO) grade: the source's reliability A–F and the
/// information's credibility 1–6.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Grade {
    pub reliability: char,
    pub credibility: u8,
}

impl Grade {
    pub fn parse(s: &str) -> Option<Grade> {
        let mut chars = s.chars();
        let (r, c) = (chars.next()?, chars.next()?);
        if chars.next().is_some() || !('A'..='F').contains(&r) || !('1'..='6').contains(&c) {
            return None;
        }
        Some(Grade {
            reliability: r,
            credibility: c as u8 - b'0',
        })
    }

    /// Whether this grade is at least `min`: as reliable **and** as
    /// credible. The halves are compared apart, never added: A3 is not at
    /// least B2, nor is C1. F and 6 ("cannot be judged") meet only F and 6.
    pub fn at_least(&self, min: Grade) -> bool {
        self.reliability <= min.reliability && self.credibility <= min.credibility
    }

    /// "B2 usually reliable, probably true".
    pub fn describe(&self) -> String {
        let r = match self.reliability {
            'A' => "completely reliable",
            'B' => "usually reliable",
            'C' => "fairly reliable",
            'D' => "not usually reliable",
            'E' => "unreliable",
            _ => "reliability unknown",
        };
        let c = match self.credibility {
            1 => "confirmed",
            2 => "probably true",
            3 => "possibly true",
            4 => "doubtful",
            5 => "improbable",
            _ => "truth unknown",
        };
        format!("{self} {r}, {c}")
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.reliability, self.credibility)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_follow_the_admiralty_code() {
        assert_eq!(Grade::parse("B2").map(|g| g.to_string()), Some("B2".into()));
        for bad in ["", "G1", "A7", "a1", "A0", "B22", "2B"] {
            assert_eq!(Grade::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Grade::parse("F6").map(|g| g.describe()),
            Some("F6 reliability unknown, truth unknown".into())
        );
    }

    #[test]
    fn grades_compare_half_by_half() {
        let g = |s: &str| Grade::parse(s).unwrap();
        assert!(g("B2").at_least(g("B2")) && g("A1").at_least(g("B2")));
        assert!(g("B1").at_least(g("B2")) && g("A2").at_least(g("B2")));
        for worse in ["A3", "C1", "C3", "F1", "A6", "F6"] {
            assert!(!g(worse).at_least(g("B2")), "{worse}");
        }
        assert!(g("F6").at_least(g("F6")) && g("E5").at_least(g("F6")));
    }

    #[test]
    fn weak_sources_are_low_graded_ungraded_or_unlinked() {
        let s = |grade: Option<&str>, url: Option<&str>| Source {
            publisher: "P".into(),
            title: "T".into(),
            date: None,
            url: url.map(Str::from),
            grade: grade.and_then(Grade::parse),
        };
        let url = Some("https://www.dawn.com/news/1");
        assert!(!s(Some("B2"), url).is_weak() && !s(Some("C3"), url).is_weak());
        assert!(s(Some("D2"), url).is_weak() && s(Some("F6"), url).is_weak());
        assert!(s(None, url).is_weak(), "ungraded");
        assert!(s(Some("A1"), None).is_weak(), "nothing to follow");
    }

    #[test]
    fn only_plain_web_addresses_are_followed() {
        let s = |url: &str| Source {
            publisher: "P".into(),
            title: "T".into(),
            date: None,
            url: Some(url.into()),
            grade: None,
        };
        let dawn = "https://www.dawn.com/news/1151361";
        assert_eq!(s(dawn).link(), Some(dawn));
        assert_eq!(
            s("http://x.example/a?b=1&c=(2)").link(),
            Some("http://x.example/a?b=1&c=(2)")
        );
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://x.example/␛]8;;http://evil.example/␇",
            "https://x.example/\u{1b}]0;t\u{7}",
            "https://x.example/a b",
            "https://x.example/\"onmouseover",
            "https://x.example/a\\b",
            "https://x.example/<script>",
            "ftp://x.example/",
        ] {
            assert_eq!(s(bad).link(), None, "{bad:?}");
        }
    }

    #[test]
    fn stances_split_into_two_sides() {
        assert!(Stance::Asserts.is_for() && Stance::Confirms.is_for());
        assert!(!Stance::Denies.is_for() && !Stance::Disputes.is_for());
        assert_eq!(Stance::parse("denies"), Some(Stance::Denies));
        assert_eq!(Stance::parse("deny"), None);
    }
}
