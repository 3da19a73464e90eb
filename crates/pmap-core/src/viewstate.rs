//! The widget's view state as a URL fragment, so a view can be bookmarked, shared and
//! restored: `#view=network&sel=icb-frimley&q=hart&hide=police,fire&depth=1`.
//!
//! Only this module knows the encoding; unknown keys are ignored and bad values fall back
//! to defaults, so a mangled link still opens the widget.

use std::collections::BTreeSet;

/// The widget's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The force-directed network.
    #[default]
    Network,
    /// LSP → board → groups → delivery bodies.
    Governance,
    /// Coterminosity gaps and orphaned responsibilities.
    Findings,
    /// Who does what: the directory for new members.
    Directory,
    /// Acronyms explained.
    Glossary,
    /// Import, export and editing.
    Data,
    /// Boundaries, groupings and statutory partners.
    Map,
    /// How each kind of service lines up with each other kind.
    Alignment,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 8] = [
        View::Network,
        View::Map,
        View::Alignment,
        View::Governance,
        View::Findings,
        View::Directory,
        View::Glossary,
        View::Data,
    ];

    /// Name used in URLs and element ids.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Network => "network",
            View::Governance => "governance",
            View::Findings => "findings",
            View::Directory => "directory",
            View::Glossary => "glossary",
            View::Data => "data",
            View::Map => "map",
            View::Alignment => "alignment",
        }
    }

    /// Tab label.
    pub fn label(self) -> &'static str {
        match self {
            View::Network => "Network",
            View::Governance => "Governance",
            View::Findings => "Findings",
            View::Directory => "Who does what",
            View::Glossary => "Glossary",
            View::Data => "Data and editing",
            View::Map => "Map and groupings",
            View::Alignment => "Alignment",
        }
    }

    /// Parses a name from [`View::as_str`].
    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Everything about what the user is looking at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// The open view.
    pub view: View,
    /// Selected body id.
    pub selected: Option<String>,
    /// Highlighted finding id.
    pub finding: Option<String>,
    /// Search text.
    pub query: String,
    /// Sectors hidden by the filter (by `Sector::as_str`).
    pub hidden_sectors: BTreeSet<String>,
    /// Only bodies of this kind (by `BodyKind::as_str`).
    pub kind: Option<String>,
    /// Only bodies working on this theme.
    pub theme: Option<String>,
    /// Focus mode: only bodies within this many steps of the selection.
    pub depth: Option<usize>,
    /// Zoom: (scale, x, y) of the network's transform.
    pub zoom: Option<(f64, f64, f64)>,
    /// Area chosen in the directory.
    pub area: Option<String>,
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn dec(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ViewState {
    /// Encodes as a fragment (without the `#`), leaving out defaults.
    ///
    /// ```
    /// use pmap_core::viewstate::{View, ViewState};
    /// assert!(View::ALL.iter().all(|v| View::parse(v.as_str()) == Some(*v)));
    /// let s = ViewState { view: View::Findings, selected: Some("icb-frimley".into()), depth: Some(2), ..Default::default() };
    /// assert_eq!(s.to_fragment(), "view=findings&sel=icb-frimley&depth=2");
    /// assert_eq!(ViewState::from_fragment(&s.to_fragment()), s);
    /// ```
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        if self.view != View::Network {
            parts.push(format!("view={}", self.view.as_str()));
        }
        if let Some(s) = &self.selected {
            parts.push(format!("sel={}", enc(s)));
        }
        if let Some(f) = &self.finding {
            parts.push(format!("finding={}", enc(f)));
        }
        if !self.query.is_empty() {
            parts.push(format!("q={}", enc(&self.query)));
        }
        if !self.hidden_sectors.is_empty() {
            let v: Vec<String> = self.hidden_sectors.iter().map(|s| enc(s)).collect();
            parts.push(format!("hide={}", v.join(",")));
        }
        if let Some(k) = &self.kind {
            parts.push(format!("kind={}", enc(k)));
        }
        if let Some(t) = &self.theme {
            parts.push(format!("theme={}", enc(t)));
        }
        if let Some(d) = self.depth {
            parts.push(format!("depth={d}"));
        }
        if let Some((s, x, y)) = self.zoom {
            parts.push(format!("zoom={s:.3},{x:.1},{y:.1}"));
        }
        if let Some(a) = &self.area {
            parts.push(format!("area={}", enc(a)));
        }
        parts.join("&")
    }

    /// Decodes a fragment (with or without the `#`). Never fails: bad parts are ignored.
    ///
    /// ```
    /// use pmap_core::viewstate::{View, ViewState};
    /// let s = ViewState::from_fragment("#view=nonsense&depth=x&q=Hart%20DC&hide=police,fire");
    /// assert_eq!(s.view, View::Network);
    /// assert_eq!(s.depth, None);
    /// assert_eq!(s.query, "Hart DC");
    /// assert_eq!(s.hidden_sectors.len(), 2);
    /// ```
    pub fn from_fragment(fragment: &str) -> ViewState {
        let mut s = ViewState::default();
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        for part in f.split('&').filter(|p| !p.is_empty()).take(32) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let v = dec(v);
            if v.chars().count() > 500 {
                continue;
            }
            match k {
                "view" => s.view = View::parse(&v).unwrap_or_default(),
                "sel" if !v.is_empty() => s.selected = Some(v),
                "finding" if !v.is_empty() => s.finding = Some(v),
                "q" => s.query = v,
                "hide" => {
                    s.hidden_sectors = v
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "kind" if !v.is_empty() => s.kind = Some(v),
                "theme" if !v.is_empty() => s.theme = Some(v),
                "depth" => s.depth = v.parse().ok().filter(|d| (1..=6).contains(d)),
                "zoom" => {
                    let n: Vec<f64> = v
                        .split(',')
                        .filter_map(|x| x.parse().ok())
                        .filter(|x: &f64| x.is_finite())
                        .collect();
                    if let [sc, x, y] = n.as_slice() {
                        if (0.2..=8.0).contains(sc) {
                            s.zoom = Some((*sc, *x, *y));
                        }
                    }
                }
                "area" if !v.is_empty() => s.area = Some(v),
                _ => {}
            }
        }
        s
    }
}
