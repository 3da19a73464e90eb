//! The one place where the core's results become reactive state.

use leptos::prelude::*;
use pmap_core::findings::{analyse, Report};
use pmap_core::governance::{layers, Governance};
use pmap_core::model::MapFile;
use pmap_core::model::Sector;
use pmap_core::scene::Scene;
use pmap_core::viewstate::{View, ViewState};
use pmap_core::{Diagnostic, Model};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The network's pan and zoom: drawn as `translate(x y) scale(s)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    /// Scale, 0.5..=6.
    pub s: f64,
    /// Horizontal offset in scene units.
    pub x: f64,
    /// Vertical offset in scene units.
    pub y: f64,
}

impl Default for Zoom {
    fn default() -> Self {
        Zoom {
            s: 1.0,
            x: 0.0,
            y: 0.0,
        }
    }
}

impl Zoom {
    /// Smallest and largest scale.
    pub const MIN: f64 = 0.5;
    /// Largest scale.
    pub const MAX: f64 = 6.0;

    /// Zooms by `factor` keeping scene point (cx, cy) (in untransformed units) still.
    pub fn zoom_at(self, factor: f64, cx: f64, cy: f64) -> Zoom {
        let s = (self.s * factor).clamp(Self::MIN, Self::MAX);
        let k = s / self.s;
        Zoom {
            s,
            x: cx - (cx - self.x) * k,
            y: cy - (cy - self.y) * k,
        }
    }

    /// The zoom that shows box (x0, y0, x1, y1) in a `w`×`h` drawing, at most `max` scale.
    pub fn fit(b: (f64, f64, f64, f64), w: f64, h: f64, max: f64) -> Zoom {
        let (x0, y0, x1, y1) = b;
        let bw = (x1 - x0).max(1.0) + 80.0;
        let bh = (y1 - y0).max(1.0) + 80.0;
        let s = (w / bw).min(h / bh).clamp(1.0, max);
        let cx = (x0 + x1) / 2.0;
        let cy = (y0 + y1) / 2.0;
        Zoom {
            s,
            x: w / 2.0 - cx * s,
            y: h / 2.0 - cy * s,
        }
    }
}

/// A loaded map and everything derived from it. Immutable: loading a new file builds a new
/// snapshot, so a half-loaded map can never be shown.
#[derive(Debug)]
pub struct Snapshot {
    /// The whole file, whatever the "as at" date (what edits and exports work on).
    pub full: MapFile,
    /// The date the model is filtered to, if any.
    pub as_at: Option<pmap_core::date::Date>,
    /// The validated model (as at the date, when one is set).
    pub model: Model,
    /// Findings and network figures.
    pub report: Report,
    /// The network picture.
    pub scene: Scene,
    /// The governance picture.
    pub governance: Governance,
    /// The areas' boundaries, projected (when the map has them).
    pub shapes: Option<pmap_core::geography::MapShapes>,
    /// Warnings from loading.
    pub warnings: Vec<Diagnostic>,
}

impl Snapshot {
    /// Loads, validates and analyses a map file.
    ///
    /// # Errors
    /// Every diagnostic, when the file has errors.
    pub fn load(text: &str) -> Result<Snapshot, Vec<Diagnostic>> {
        let loaded = pmap_core::load(text)?;
        let full = loaded.model.file().clone();
        Ok(Self::from_model(
            full,
            None,
            loaded.model,
            loaded.diagnostics,
        ))
    }

    /// The same map as at another date (`None`: every body whatever its dates).
    pub fn at(&self, date: Option<pmap_core::date::Date>) -> Snapshot {
        let file = match date {
            Some(d) => pmap_core::time::as_at(&self.full, d),
            None => self.full.clone(),
        };
        Self::from_model(
            self.full.clone(),
            date,
            Model::build(file),
            self.warnings.clone(),
        )
    }

    /// Validates a map file already in memory (after an edit or an import).
    ///
    /// # Errors
    /// Every diagnostic, when the file has errors.
    pub fn from_file(file: MapFile) -> Result<Snapshot, Vec<Diagnostic>> {
        let diags = pmap_core::validate::validate(&file);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        Ok(Self::from_model(
            file.clone(),
            None,
            Model::build(file),
            diags,
        ))
    }

    fn from_model(
        full: MapFile,
        as_at: Option<pmap_core::date::Date>,
        model: Model,
        warnings: Vec<Diagnostic>,
    ) -> Snapshot {
        let loaded = pmap_core::Loaded {
            model,
            diagnostics: warnings,
        };
        let report = analyse(&loaded.model);
        let scene = Scene::build(&loaded.model);
        let governance = layers(&loaded.model);
        let shapes = pmap_core::geography::shapes(&loaded.model, 800.0);
        Snapshot {
            full,
            as_at,
            shapes,
            model: loaded.model,
            report,
            scene,
            governance,
            warnings: loaded.diagnostics,
        }
    }

    /// The finding with `id`.
    pub fn finding(&self, id: &str) -> Option<&pmap_core::findings::Finding> {
        self.report.findings.iter().find(|f| f.id == id)
    }
}

/// A file read for import, waiting for the user to apply it after seeing its diagnostics.
#[derive(Debug, Clone)]
pub struct Staged {
    /// What it is, for the preview heading (e.g. "bodies.csv, links.csv").
    pub label: String,
    /// The map it would become (`None` when nothing usable could be read).
    pub file: Option<MapFile>,
    /// Everything found, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl Staged {
    /// True when it can be applied (a map, and no errors).
    pub fn ready(&self) -> bool {
        self.file.is_some() && !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How many earlier maps undo keeps.
pub const UNDO_DEPTH: usize = 50;

/// The widget's reactive state, provided as context to every component.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The map on screen.
    pub snapshot: RwSignal<Option<Arc<Snapshot>>>,
    /// Errors from the last load that failed (the map on screen is kept).
    pub load_errors: RwSignal<Vec<Diagnostic>>,
    /// The selected body's id.
    pub selected: RwSignal<Option<String>>,
    /// The finding whose bodies are highlighted.
    pub active_finding: RwSignal<Option<String>>,
    /// The body under the pointer or keyboard focus.
    pub hovered: RwSignal<Option<String>>,
    /// Text for the screen-reader live region.
    pub announcement: RwSignal<String>,
    /// The open view.
    pub view: RwSignal<View>,
    /// Search text.
    pub query: RwSignal<String>,
    /// Sectors hidden from the pictures.
    pub hidden_sectors: RwSignal<BTreeSet<Sector>>,
    /// Only bodies of this kind.
    pub kind_filter: RwSignal<Option<String>>,
    /// Only bodies working on this theme.
    pub theme_filter: RwSignal<Option<String>>,
    /// Focus mode: only bodies this many steps from the selection.
    pub depth: RwSignal<Option<usize>>,
    /// Pan and zoom of the network.
    pub zoom: RwSignal<Zoom>,
    /// The tour step on screen.
    pub tour: RwSignal<Option<usize>>,
    /// The area chosen in the directory.
    pub area: RwSignal<Option<String>>,
    /// The partnership whose members are outlined (a hull), if any.
    pub outlined: RwSignal<Option<String>>,
    /// Earlier maps, newest last (undo).
    pub undo: RwSignal<Vec<MapFile>>,
    /// Undone maps, newest last (redo).
    pub redo: RwSignal<Vec<MapFile>>,
    /// A file read for import, awaiting Apply.
    pub staged: RwSignal<Option<Staged>>,
    /// localStorage key for autosave; `None` turns autosave off.
    pub autosave_key: RwSignal<Option<String>>,
    /// True after an edit that has not been downloaded.
    pub dirty: RwSignal<bool>,
    /// The area under the pointer or keyboard focus on the map.
    pub area_focus: RwSignal<Option<String>>,
    /// Areas in the grouping being explored.
    pub grouping: RwSignal<BTreeSet<String>>,
    /// Saved groupings to compare: (name, area codes).
    pub saved: RwSignal<Vec<(String, BTreeSet<String>)>>,
    /// Population thresholds for a grouping: (smallest, largest).
    pub band: RwSignal<(f64, f64)>,
}

impl AppState {
    /// Fresh state with no map.
    pub fn new() -> Self {
        Self {
            snapshot: RwSignal::new(None),
            load_errors: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            active_finding: RwSignal::new(None),
            hovered: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            view: RwSignal::new(View::Network),
            query: RwSignal::new(String::new()),
            hidden_sectors: RwSignal::new(BTreeSet::new()),
            kind_filter: RwSignal::new(None),
            theme_filter: RwSignal::new(None),
            depth: RwSignal::new(None),
            zoom: RwSignal::new(Zoom::default()),
            tour: RwSignal::new(None),
            area: RwSignal::new(None),
            outlined: RwSignal::new(None),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            staged: RwSignal::new(None),
            autosave_key: RwSignal::new(None),
            dirty: RwSignal::new(false),
            area_focus: RwSignal::new(None),
            grouping: RwSignal::new(BTreeSet::new()),
            saved: RwSignal::new(Vec::new()),
            band: RwSignal::new((500_000.0, 1_500_000.0)),
        }
    }

    /// Replaces the map with `file` after validating it. The map on screen goes on the undo
    /// stack, so nothing is ever lost; on errors nothing changes and the errors are returned.
    ///
    /// # Errors
    /// The diagnostics, when `file` has errors.
    pub fn replace_map(&self, file: MapFile, what: &str) -> Result<(), Vec<Diagnostic>> {
        let snap = Snapshot::from_file(file)?;
        if let Some(old) = self.snapshot.get_untracked() {
            let old = old.full.clone();
            self.undo.update(|u| {
                u.push(old);
                if u.len() > UNDO_DEPTH {
                    u.remove(0);
                }
            });
        }
        self.redo.set(Vec::new());
        self.install(snap);
        self.dirty.set(true);
        self.autosave();
        self.announcement.set(what.to_string());
        Ok(())
    }

    /// Shows the map as at `date` (`None`: all dates). Nothing is lost: the full file is kept.
    pub fn set_as_at(&self, date: Option<pmap_core::date::Date>) {
        let Some(cur) = self.snapshot.get_untracked() else {
            return;
        };
        let snap = cur.at(date);
        let n = snap.model.bodies().len();
        self.install_exact(snap);
        self.announcement.set(match date {
            Some(d) => format!("Showing the partnership as at {d}: {n} bodies"),
            None => format!("Showing every body whatever its dates: {n} bodies"),
        });
    }

    fn install(&self, snap: Snapshot) {
        // Keep the "as at" date across edits, undo and imports.
        let snap = match self.snapshot.get_untracked().and_then(|s| s.as_at) {
            Some(d) if snap.as_at.is_none() => snap.at(Some(d)),
            _ => snap,
        };
        self.install_exact(snap);
    }

    fn install_exact(&self, snap: Snapshot) {
        // Keep the selection when the body still exists (edits), drop it otherwise.
        let keep = self
            .selected
            .get_untracked()
            .filter(|id| snap.model.body_index(id).is_some());
        self.snapshot.set(Some(Arc::new(snap)));
        self.selected.set(keep);
        self.active_finding.set(None);
        self.load_errors.set(Vec::new());
    }

    /// Undoes the last change. Returns whether there was one.
    pub fn undo_last(&self) -> bool {
        self.step_history(true)
    }

    /// Redoes the last undone change. Returns whether there was one.
    pub fn redo_last(&self) -> bool {
        self.step_history(false)
    }

    fn step_history(&self, back: bool) -> bool {
        let (from, to) = if back {
            (self.undo, self.redo)
        } else {
            (self.redo, self.undo)
        };
        let Some(file) = from.try_update(Vec::pop).flatten() else {
            return false;
        };
        let Ok(snap) = Snapshot::from_file(file) else {
            return false;
        };
        if let Some(cur) = self.snapshot.get_untracked() {
            let cur = cur.full.clone();
            to.update(|v| v.push(cur));
        }
        self.install(snap);
        self.dirty.set(true);
        self.autosave();
        self.announcement
            .set(if back { "Undone" } else { "Redone" }.to_string());
        true
    }

    /// Writes the current map to localStorage (when autosave is on).
    pub fn autosave(&self) {
        let (Some(key), Some(snap)) = (
            self.autosave_key.get_untracked(),
            self.snapshot.get_untracked(),
        ) else {
            return;
        };
        let Ok(map) = serde_json::to_value(snap.model.file()) else {
            return;
        };
        let saved_at = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let record = serde_json::json!({ "saved_at": saved_at, "map": map });
        if let Some(storage) = window().local_storage().ok().flatten() {
            // Storage may be full or blocked: the map on screen is unaffected either way.
            let _ = storage.set_item(&key, &record.to_string());
        }
    }

    /// An autosaved map that differs from the one on screen: (when it was saved, the map).
    pub fn recoverable(&self) -> Option<(String, MapFile)> {
        let key = self.autosave_key.get_untracked()?;
        let storage = window().local_storage().ok().flatten()?;
        let text = storage.get_item(&key).ok().flatten()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let file: MapFile = serde_json::from_value(v.get("map")?.clone()).ok()?;
        let current = self.snapshot.get_untracked()?;
        (current.full != file).then(|| {
            (
                v.get("saved_at")
                    .and_then(|s| s.as_str())
                    .unwrap_or("")
                    .to_string(),
                file,
            )
        })
    }

    /// Forgets the autosaved map.
    pub fn discard_autosave(&self) {
        if let (Some(key), Some(storage)) = (
            self.autosave_key.get_untracked(),
            window().local_storage().ok().flatten(),
        ) {
            let _ = storage.remove_item(&key);
        }
    }

    /// The current view state, for the URL.
    pub fn view_state(&self) -> ViewState {
        let z = self.zoom.get();
        ViewState {
            view: self.view.get(),
            selected: self.selected.get(),
            finding: self.active_finding.get(),
            query: self.query.get(),
            hidden_sectors: self
                .hidden_sectors
                .get()
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            kind: self.kind_filter.get(),
            theme: self.theme_filter.get(),
            depth: self.depth.get(),
            zoom: (z != Zoom::default()).then_some((z.s, z.x, z.y)),
            area: self.area.get(),
        }
    }

    /// Applies a view state from the URL, ignoring ids the map does not have.
    pub fn apply_view_state(&self, v: &ViewState) {
        let Some(snap) = self.snapshot.get_untracked() else {
            return;
        };
        self.view.set(v.view);
        self.selected.set(
            v.selected
                .clone()
                .filter(|id| snap.model.body_index(id).is_some()),
        );
        self.active_finding
            .set(v.finding.clone().filter(|id| snap.finding(id).is_some()));
        self.query.set(v.query.clone());
        self.hidden_sectors.set(
            Sector::ALL
                .into_iter()
                .filter(|s| v.hidden_sectors.contains(s.as_str()))
                .collect(),
        );
        self.kind_filter.set(v.kind.clone());
        self.theme_filter.set(v.theme.clone());
        self.depth.set(v.depth);
        self.zoom.set(
            v.zoom
                .map_or_else(Zoom::default, |(s, x, y)| Zoom { s, x, y }),
        );
        self.area.set(
            v.area
                .clone()
                .filter(|a| snap.model.area_index(a).is_some()),
        );
    }

    /// Bodies (indices) shown in the pictures after filters and focus mode; `None` = all.
    pub fn visible(&self) -> Option<BTreeSet<usize>> {
        let snap = self.snapshot.get()?;
        let hidden = self.hidden_sectors.get();
        let kind = self.kind_filter.get();
        let theme = self.theme_filter.get();
        let depth = self.depth.get();
        let selected = self
            .selected
            .get()
            .and_then(|id| snap.model.body_index(&id));
        if hidden.is_empty()
            && kind.is_none()
            && theme.is_none()
            && (depth.is_none() || selected.is_none())
        {
            return None;
        }
        let m = &snap.model;
        let near = match (depth, selected) {
            (Some(d), Some(sel)) => Some(snap.scene.within(sel, d)),
            _ => None,
        };
        Some(
            (0..m.bodies().len())
                .filter(|&i| {
                    let Some(b) = m.body(i) else { return false };
                    if Some(i) == selected {
                        return true;
                    }
                    !hidden.contains(&b.kind.sector())
                        && kind.as_deref().is_none_or(|k| b.kind.as_str() == k)
                        && theme.as_deref().is_none_or(|t| works_on(m, i, t))
                        && near.as_ref().is_none_or(|n| n.contains(&i))
                })
                .collect(),
        )
    }

    /// Ids of bodies whose name matches the search text (case-insensitive).
    pub fn matches(&self) -> Vec<String> {
        let q = self.query.get().trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let Some(snap) = self.snapshot.get() else {
            return Vec::new();
        };
        snap.model
            .bodies()
            .iter()
            .filter(|b| {
                b.name.to_lowercase().contains(&q)
                    || b.id.to_lowercase() == q
                    || b.code
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(&q))
            })
            .map(|b| b.id.clone())
            .collect()
    }

    /// Loads a map file. On success it replaces the map on screen; on failure the map on
    /// screen stays and the errors are shown. Returns whether it loaded.
    pub fn load_text(&self, text: &str) -> bool {
        // Load + validate + analyse + layout, timed for the e2e figures (performance.measure).
        let perf = window().performance();
        if let Some(p) = &perf {
            let _ = p.mark("pm:load-start");
        }
        let result = Snapshot::load(text);
        if let Some(p) = &perf {
            let _ = p.mark("pm:load-end");
            let _ =
                p.measure_with_start_mark_and_end_mark("pm:load", "pm:load-start", "pm:load-end");
        }
        match result {
            Ok(s) => {
                if let Some(old) = self.snapshot.get_untracked() {
                    let old = old.full.clone();
                    self.undo.update(|u| u.push(old));
                }
                let title = s.model.file().meta.title.clone();
                self.snapshot.set(Some(Arc::new(s)));
                self.load_errors.set(Vec::new());
                self.selected.set(None);
                self.active_finding.set(None);
                self.tour.set(None);
                self.outlined.set(None);
                self.zoom.set(Zoom::default());
                self.announcement.set(format!("Loaded {title}"));
                true
            }
            Err(errors) => {
                let n = errors.iter().filter(|d| d.is_error()).count();
                self.load_errors.set(errors);
                self.announcement.set(format!(
                    "The file was not loaded: {n} errors. The current map is unchanged."
                ));
                false
            }
        }
    }

    /// Ids of the bodies to highlight: the active finding's bodies, else the selected or
    /// hovered body and its neighbours. Empty means "highlight nothing, dim nothing".
    pub fn highlight(&self) -> BTreeSet<String> {
        let Some(snap) = self.snapshot.get() else {
            return BTreeSet::new();
        };
        if let Some(step) = self.tour.get().and_then(|i| snap.model.file().tour.get(i)) {
            return step.focus.iter().cloned().collect();
        }
        if let Some(fid) = self.active_finding.get() {
            if let Some(f) = snap.finding(&fid) {
                return f.bodies.iter().cloned().collect();
            }
        }
        if let Some(code) = self.area_focus.get() {
            if let Some(x) = snap.model.area_index(&code) {
                return (0..snap.model.bodies().len())
                    .filter(|&i| snap.model.footprint(i).iter().any(|(y, _)| *y == x))
                    .filter_map(|i| snap.model.body(i).map(|b| b.id.clone()))
                    .collect();
            }
        }
        let found = self.matches();
        if !found.is_empty() {
            return found.into_iter().collect();
        }
        let focus = self.hovered.get().or_else(|| self.selected.get());
        let Some(id) = focus else {
            return BTreeSet::new();
        };
        let Some(i) = snap.model.body_index(&id) else {
            return BTreeSet::new();
        };
        let mut set: BTreeSet<String> = snap
            .scene
            .neighbours
            .get(i)
            .map(|v| {
                v.iter()
                    .filter_map(|&j| snap.scene.nodes.get(j).map(|n| n.id.clone()))
                    .collect()
            })
            .unwrap_or_default();
        set.insert(id);
        set
    }

    /// Selects a body (or clears the selection) and announces it.
    pub fn select(&self, id: Option<String>) {
        let text = match (&id, self.snapshot.get_untracked()) {
            (Some(id), Some(s)) => s
                .model
                .body_index(id)
                .map(|i| format!("Selected {}", s.model.body_name(i)))
                .unwrap_or_default(),
            _ => "Selection cleared".to_string(),
        };
        self.selected.set(id);
        self.announcement.set(text);
    }
}

/// True when body `i` works on `theme`: its own theme, or it owns a responsibility on it,
/// or it is a member of a partnership on it.
pub fn works_on(m: &Model, i: usize, theme: &str) -> bool {
    let Some(b) = m.body(i) else { return false };
    b.theme.as_deref() == Some(theme)
        || m.file()
            .responsibilities
            .iter()
            .any(|r| r.theme.as_deref() == Some(theme) && r.owners.iter().any(|o| o.body == b.id))
        || m.links_from(i)
            .any(|(j, _)| m.body(j).is_some_and(|p| p.theme.as_deref() == Some(theme)))
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
