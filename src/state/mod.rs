//! The one place where the core's results become reactive state, split by concern:
//!
//! * [`Doc`]: the document (full file, history, staged import, autosave);
//! * [`Selection`]: what the user picked or is pointing at;
//! * [`NetView`]: the network's search, filters, focus mode and zoom;
//! * [`GroupingState`]: the grouping sandbox.
//!
//! Each is provided as its own context, and [`AppState`] bundles them for the components
//! that need several. The rules (visibility, search, highlighting, history, cascades,
//! zoom) live in the core and are tested natively; this module only wraps them.

pub mod analysis;
mod doc;
pub mod layout;
pub mod tasks;

pub use doc::{building, end_building, Change, Doc, Staged};
pub use pmap_core::history::UNDO_DEPTH;
pub use pmap_core::zoom::Zoom;

use leptos::prelude::*;
use pmap_core::findings::{analyse, Report};
use pmap_core::focus::{Filters, HighlightCause};
use pmap_core::governance::{layers, Governance};
use pmap_core::model::{MapFile, Sector};
use pmap_core::scene::Scene;
use pmap_core::viewstate::{View, ViewState};
use pmap_core::{Diagnostic, Model};
use std::collections::BTreeSet;
use std::sync::Arc;

#[cfg(feature = "test-hooks")]
thread_local! {
    /// Test hook: the next snapshot build panics halfway (see `embed`).
    pub static PANIC_ON_NEXT_BUILD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A loaded map and everything derived from it. Immutable: every change builds a new
/// snapshot completely before anything on screen changes, so a half-loaded map can never
/// be shown.
#[derive(Debug)]
pub struct Snapshot {
    /// The whole file when an "as at" date filters the model; `None` when it is the model's
    /// own file (no date), which then is not held twice: see [`Snapshot::full`].
    full: Option<MapFile>,
    /// The date the model is filtered to, if any.
    pub as_at: Option<pmap_core::date::Date>,
    /// The validated model (as at the date, when one is set).
    pub model: Model,
    /// Findings and network figures: worked out while building, or (a large map) in the
    /// worker, arriving later (`None` until then). Read it with [`Snapshot::report`].
    report: ArcRwSignal<Option<Arc<Report>>>,
    /// The analyses were sent to the worker ([`analysis`]).
    pub analysis_pending: bool,
    /// The network picture: laid out when built, or (a large map) first an even spread
    /// that the worker's layout replaces when it settles. Read it with
    /// [`Snapshot::scene`].
    scene: ArcRwSignal<Arc<Scene>>,
    /// The layout still has to run in the worker.
    pub layout_pending: bool,
    /// The layout is done: laid out while building, or settled (or stopped) in the worker.
    settled: ArcRwSignal<bool>,
    /// Iterations and milliseconds of the layout done while building (none when pending).
    pub layout_stats: Option<(usize, f64)>,
    /// The governance picture, worked out the first time it is needed ([`Snapshot::governance`]).
    governance: std::sync::OnceLock<Governance>,
    /// The text the map was loaded from, until the worker's analyses take it
    /// ([`Snapshot::take_text`]).
    text: std::sync::Mutex<Option<String>>,
    /// The partnerships the network rings ([`Snapshot::ring_groups`]).
    rings: std::sync::OnceLock<Vec<usize>>,
    /// Each body's partnership load, worked out the first time it is needed
    /// ([`Snapshot::load`]).
    load: std::sync::OnceLock<Vec<pmap_core::analysis::load::BodyLoad>>,
    /// The areas' boundaries, projected (when the map has them).
    pub shapes: Option<pmap_core::geography::MapShapes>,
    /// Warnings from loading.
    pub warnings: Vec<Diagnostic>,
    /// Which areas touch, worked out the first time it is needed.
    adjacency: std::sync::OnceLock<pmap_core::analysis::contiguity::Adjacency>,
    /// The alignment atlas, taken out of the report ([`Snapshot::atlas`]).
    atlas: std::sync::OnceLock<Arc<pmap_core::analysis::alignment::Atlas>>,
    /// A worker's atlas as JSON, read the first time the Alignment view asks for it: on
    /// 20,000 bodies reading it took about 200 ms, which need not hold the page when the
    /// findings arrive.
    atlas_json: std::sync::Mutex<Option<String>>,
}

impl Snapshot {
    /// Builds everything from a checked map, shown as at `date` (`None`: every body
    /// whatever its dates).
    pub fn from_checked(checked: Checked, date: Option<pmap_core::date::Date>) -> Snapshot {
        Self::build(checked.file, date, checked.warnings, checked.text)
    }

    /// The partnerships whose members the network rings ([`pmap_core::scene::ring_groups`]).
    /// Worked out once: the legend and the picture both ask, and at 20,000 bodies it takes
    /// about 15 ms.
    pub fn ring_groups(&self) -> &[usize] {
        self.rings
            .get_or_init(|| pmap_core::scene::ring_groups(&self.model, pmap_core::scene::MAX_RINGS))
    }

    /// The text this map was loaded from, once, if it was loaded from text with no "as at"
    /// date and is analysed in the worker: the worker reads that rather than the page
    /// writing the map out again (20,000 bodies: about 35 ms of the page's time).
    pub fn take_text(&self) -> Option<String> {
        self.text.lock().ok().and_then(|mut t| t.take())
    }

    /// The whole file, whatever the "as at" date (what edits, exports and autosave use).
    pub fn full(&self) -> &MapFile {
        self.full.as_ref().unwrap_or_else(|| self.model.file())
    }

    /// The same map as at another date.
    pub fn at(&self, date: Option<pmap_core::date::Date>) -> Snapshot {
        Self::build(self.full().clone(), date, self.warnings.clone(), None)
    }

    fn build(
        full: MapFile,
        as_at: Option<pmap_core::date::Date>,
        warnings: Vec<Diagnostic>,
        text: Option<String>,
    ) -> Snapshot {
        // Without a date the model's file is the whole file: moved in, not copied (a copy
        // of 20,000 bodies and 100,000 links was a tenth of the page's load).
        let (model, full) = match as_at {
            Some(d) => (Model::build(pmap_core::time::as_at(&full, d)), Some(full)),
            None => (Model::build(full), None),
        };
        #[cfg(feature = "test-hooks")]
        if PANIC_ON_NEXT_BUILD.with(|p| p.replace(false)) {
            panic!("test hook: a deliberate panic while building the map");
        }
        // Findings and the alignment atlas, timed for the figures in the README; a large
        // map's are worked out in the worker (`state::analysis`).
        let analysis_pending =
            model.bodies().len() > analysis::SYNC_ANALYSIS_LIMIT && tasks::has_worker();
        let atlas = std::sync::OnceLock::new();
        let report = (!analysis_pending).then(|| {
            let mut r = timed("pm:analyse", || analyse(&model));
            let _ = atlas.set(Arc::new(std::mem::take(&mut r.atlas)));
            Arc::new(r)
        });
        // A large map is drawn at once as an even spread, and laid out in the worker
        // (`state::layout`); a small one is laid out here, which is quicker than a worker.
        let layout_pending =
            model.bodies().len() > layout::SYNC_LAYOUT_LIMIT && tasks::has_worker();
        let t0 = js_sys::Date::now();
        let (scene, layout_stats) = if layout_pending {
            (Scene::spread(&model), None)
        } else {
            let scene = timed("pm:layout", || Scene::build(&model));
            let iterations = pmap_core::scene::iterations_for(model.bodies().len());
            (scene, Some((iterations, js_sys::Date::now() - t0)))
        };
        let scene = ArcRwSignal::new(Arc::new(scene));
        let shapes = pmap_core::geography::shapes(&model, 800.0);
        Snapshot {
            full,
            as_at,
            model,
            report: ArcRwSignal::new(report),
            analysis_pending,
            scene,
            layout_pending,
            settled: ArcRwSignal::new(!layout_pending),
            layout_stats,
            governance: std::sync::OnceLock::new(),
            rings: std::sync::OnceLock::new(),
            load: std::sync::OnceLock::new(),
            shapes,
            warnings,
            adjacency: std::sync::OnceLock::new(),
            atlas,
            atlas_json: std::sync::Mutex::new(None),
            // Kept only for the worker's analyses, and only when it is the model's file (no
            // date).
            text: std::sync::Mutex::new(text.filter(|_| analysis_pending && as_at.is_none())),
        }
    }

    /// The network picture (tracked: a view reading it is redrawn when the layout settles).
    pub fn scene(&self) -> Arc<Scene> {
        self.scene.get()
    }

    /// The governance picture (layers of boards and groups). Worked out on first use, not
    /// while loading: 20,000 bodies take about 60 ms natively, spent only when the
    /// Governance view opens.
    pub fn governance(&self) -> &Governance {
        self.governance.get_or_init(|| layers(&self.model))
    }

    /// Each body's partnership load (boards it must and does sit on), in body order. Worked
    /// out on first use (20,000 bodies: about 150 ms natively), as the details, the directory
    /// and the small network's accessible names need it.
    pub fn load(&self) -> &[pmap_core::analysis::load::BodyLoad] {
        self.load
            .get_or_init(|| pmap_core::analysis::load::load_per_body(&self.model))
    }

    /// Which areas touch (from the boundaries and the file's neighbour links).
    pub fn adjacency(&self) -> &pmap_core::analysis::contiguity::Adjacency {
        self.adjacency
            .get_or_init(|| pmap_core::analysis::contiguity::Adjacency::of(&self.model))
    }

    /// [`Snapshot::scene`] without tracking.
    pub fn scene_untracked(&self) -> Arc<Scene> {
        self.scene.get_untracked()
    }

    /// Replaces the picture (the worker's layout has settled, or shows progress).
    pub fn set_scene(&self, scene: Scene) {
        let old = self.scene.get_untracked();
        self.scene.set(Arc::new(scene));
        // Freeing a 20,000-body scene is several ms: not in the task that shows the new one.
        tasks::drop_later(old);
    }

    /// The findings and figures (tracked: a view reading it is redrawn when a report from
    /// the worker arrives). Empty while [`Snapshot::analysing`].
    pub fn report(&self) -> Arc<Report> {
        self.report.get().unwrap_or_default()
    }

    /// [`Snapshot::report`] without tracking, `None` while the worker is still at it.
    pub fn report_untracked(&self) -> Option<Arc<Report>> {
        self.report.get_untracked()
    }

    /// The worker is still working out this map's findings (tracked).
    pub fn analysing(&self) -> bool {
        self.report.with(Option::is_none)
    }

    /// The report has come (from the worker, or worked out on the page when it failed),
    /// with its atlas in it, or as JSON still to read (`atlas_json`, from the worker).
    pub fn set_report(&self, mut report: Report, atlas_json: Option<String>) {
        match atlas_json {
            Some(text) => {
                if let Ok(mut slot) = self.atlas_json.lock() {
                    *slot = Some(text);
                }
            }
            None => {
                let _ = self.atlas.set(Arc::new(std::mem::take(&mut report.atlas)));
            }
        }
        self.report.set(Some(Arc::new(report)));
    }

    /// The service-alignment atlas (tracked like [`Snapshot::report`]; empty while the
    /// worker is at it). The report's own `atlas` is always empty in a snapshot: the atlas
    /// lives here, read from the worker's JSON on first use.
    pub fn atlas(&self) -> Arc<pmap_core::analysis::alignment::Atlas> {
        if self.analysing() {
            return Arc::default();
        }
        if let Some(a) = self.atlas.get() {
            return a.clone();
        }
        let text = self.atlas_json.lock().ok().and_then(|mut t| t.take());
        let read = text
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        self.atlas.get_or_init(|| Arc::new(read)).clone()
    }

    /// Whether the layout is done (tracked): see [`Snapshot::mark_settled`].
    pub fn settled(&self) -> bool {
        self.settled.get()
    }

    /// The worker's layout has settled, failed or been stopped.
    pub fn mark_settled(&self) {
        self.settled.set(true);
    }

    /// The finding with `id` (tracked, like [`Snapshot::report`]).
    pub fn finding(&self, id: &str) -> Option<pmap_core::findings::Finding> {
        self.report
            .with(|r| r.as_ref()?.findings.iter().find(|f| f.id == id).cloned())
    }
}

/// Runs `f`, recorded as the performance measure `name` (`performance.getEntriesByName`),
/// which the e2e suite reads for its figures.
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let (start, end) = (format!("{name}-start"), format!("{name}-end"));
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    out
}

/// What a new map comes from: a file already in memory (an edit, an import, a step in the
/// history) or map text (`el.load()`, `src`).
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A map in memory.
    File(&'a MapFile),
    /// Map text, checked with its line and column numbers.
    Text(&'a str),
}

/// A map that passed validation, with its warnings: the only thing a snapshot is built
/// from, so every path validates exactly once.
#[derive(Debug, Clone)]
pub struct Checked {
    file: MapFile,
    warnings: Vec<Diagnostic>,
    /// The text it was read from, kept for a map large enough to be analysed in the worker
    /// ([`Snapshot::take_text`]).
    text: Option<String>,
}

impl Checked {
    /// Validates the map `source` gives.
    ///
    /// # Errors
    /// Every diagnostic, when it has errors.
    pub fn from(source: Source<'_>) -> Result<Checked, Vec<Diagnostic>> {
        let (file, diags) = match source {
            Source::File(f) => (Some(f.clone()), pmap_core::validate::validate(f)),
            Source::Text(t) => pmap_core::check_map(t),
        };
        let text = match (source, &file) {
            (Source::Text(t), Some(f)) if f.bodies.len() > analysis::SYNC_ANALYSIS_LIMIT => {
                Some(t.to_owned())
            }
            _ => None,
        };
        match file {
            Some(file) if !diags.iter().any(Diagnostic::is_error) => Ok(Checked {
                file,
                warnings: diags,
                text,
            }),
            _ => Err(diags),
        }
    }
}

/// What the user picked or is pointing at.
#[derive(Clone, Copy)]
pub struct Selection {
    /// The selected body's id.
    pub selected: RwSignal<Option<String>>,
    /// The finding whose bodies are highlighted.
    pub active_finding: RwSignal<Option<String>>,
    /// The body under the pointer or keyboard focus.
    pub hovered: RwSignal<Option<String>>,
    /// The area under the pointer or keyboard focus on the map.
    pub area_focus: RwSignal<Option<String>>,
    /// The partnership whose members are outlined (a hull), if any.
    pub outlined: RwSignal<Option<String>>,
    /// The tour step on screen.
    pub tour: RwSignal<Option<usize>>,
    /// The area chosen in the directory.
    pub area: RwSignal<Option<String>>,
}

impl Selection {
    fn new() -> Self {
        Selection {
            selected: RwSignal::new(None),
            active_finding: RwSignal::new(None),
            hovered: RwSignal::new(None),
            area_focus: RwSignal::new(None),
            outlined: RwSignal::new(None),
            tour: RwSignal::new(None),
            area: RwSignal::new(None),
        }
    }

    /// Forgets everything picked (a new map).
    pub fn clear(&self) {
        self.selected.set(None);
        self.active_finding.set(None);
        self.hovered.set(None);
        self.area_focus.set(None);
        self.outlined.set(None);
        self.tour.set(None);
        self.area.set(None);
    }

    /// Keeps what still exists in `snap` after an edit, and drops the finding (its id may
    /// now mean another finding).
    pub fn keep_valid(&self, snap: &Snapshot) {
        let keep = self
            .selected
            .get_untracked()
            .filter(|id| snap.model.body_index(id).is_some());
        self.selected.set(keep);
        self.active_finding.set(None);
    }
}

/// The network's search, filters, focus mode and zoom.
#[derive(Clone, Copy)]
pub struct NetView {
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
    /// The layout of a large map, running in the worker or done.
    pub layout: RwSignal<layout::LayoutStatus>,
}

impl NetView {
    fn new() -> Self {
        NetView {
            query: RwSignal::new(String::new()),
            hidden_sectors: RwSignal::new(BTreeSet::new()),
            kind_filter: RwSignal::new(None),
            theme_filter: RwSignal::new(None),
            depth: RwSignal::new(None),
            zoom: RwSignal::new(Zoom::default()),
            layout: RwSignal::new(layout::LayoutStatus::default()),
        }
    }

    /// The filters as the core's rules take them.
    pub fn filters(&self) -> Filters {
        Filters {
            hidden: self.hidden_sectors.get(),
            kind: self.kind_filter.get(),
            theme: self.theme_filter.get(),
            depth: self.depth.get(),
        }
    }
}

/// The grouping sandbox.
#[derive(Clone, Copy)]
pub struct GroupingState {
    /// Areas in the grouping being explored.
    pub grouping: RwSignal<BTreeSet<String>>,
    /// Saved groupings to compare: (name, area codes).
    pub saved: RwSignal<Vec<(String, BTreeSet<String>)>>,
    /// Population thresholds for a grouping: (smallest, largest).
    pub band: RwSignal<(f64, f64)>,
    /// Reorganisation proposals to compare: (CSV text, the file's name for messages).
    pub proposals: RwSignal<(String, String)>,
}

impl GroupingState {
    fn new() -> Self {
        GroupingState {
            grouping: RwSignal::new(BTreeSet::new()),
            saved: RwSignal::new(Vec::new()),
            band: RwSignal::new((500_000.0, 1_500_000.0)),
            proposals: RwSignal::new((String::new(), String::new())),
        }
    }
}

/// Every concern's state, for components that need several; each is also its own context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The document.
    pub doc: Doc,
    /// The selection.
    pub sel: Selection,
    /// The network view.
    pub net: NetView,
    /// The grouping sandbox.
    pub grp: GroupingState,
    /// The open view.
    pub view: RwSignal<View>,
    /// Text for the screen-reader live region.
    pub announcement: RwSignal<String>,
}

impl AppState {
    /// Fresh state with no map.
    pub fn new() -> Self {
        Self {
            doc: Doc::new(),
            sel: Selection::new(),
            net: NetView::new(),
            grp: GroupingState::new(),
            view: RwSignal::new(View::Network),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// Provides each concern as its own context (and the bundle).
    pub fn provide(self) {
        provide_context(self);
        provide_context(self.doc);
        provide_context(self.sel);
        provide_context(self.net);
        provide_context(self.grp);
    }

    /// Replaces the map with an edited or imported `file` (validated first; the old map
    /// can be undone back to; the "as at" date is kept).
    ///
    /// # Errors
    /// The diagnostics, when `file` has errors.
    pub fn replace_map(&self, file: MapFile, what: &str) -> Result<(), Vec<Diagnostic>> {
        let snap = self.doc.commit(Source::File(&file), Change::Edit)?;
        self.sel.keep_valid(&snap);
        self.announcement.set(what.to_string());
        Ok(())
    }

    /// Loads map text as a new document. On success it replaces the map on screen (the old
    /// one can be undone back to); on failure the map on screen stays and the errors are
    /// shown. Returns whether it loaded.
    pub fn load_text(&self, text: &str) -> bool {
        self.load_as(text, Change::Load)
    }

    /// [`AppState::load_text`] for the first map of a widget (nothing to undo to).
    pub fn load_initial(&self, text: &str) -> bool {
        self.load_as(text, Change::Initial)
    }

    /// [`AppState::load_text`] for the map the page's `src` names (allowed when read-only).
    pub fn load_source(&self, text: &str) -> bool {
        self.load_as(text, Change::Source)
    }

    pub(crate) fn load_as(&self, text: &str, change: Change) -> bool {
        // Load + validate + analyse + layout, timed for the e2e figures.
        let result = timed("pm:load", || self.doc.commit(Source::Text(text), change));
        match result {
            Ok(snap) => {
                self.sel.clear();
                self.net.zoom.set(Zoom::default());
                self.announcement
                    .set(format!("Loaded {}", snap.model.file().meta.title));
                true
            }
            Err(errors) => {
                let n = errors.iter().filter(|d| d.is_error()).count();
                self.doc.load_errors.set(errors);
                self.announcement.set(format!(
                    "The map was not loaded: {n} errors. The current map is unchanged."
                ));
                false
            }
        }
    }

    /// Shows the map as at `date` (`None`: all dates). Nothing is lost: the full file is kept.
    pub fn set_as_at(&self, date: Option<pmap_core::date::Date>) {
        let Some(n) = self.doc.set_as_at(date) else {
            return;
        };
        if let Some(snap) = self.doc.snapshot.get_untracked() {
            self.sel.keep_valid(&snap);
        }
        self.announcement.set(match date {
            Some(d) => format!("Showing the partnership as at {d}: {n} bodies"),
            None => format!("Showing every body whatever its dates: {n} bodies"),
        });
    }

    /// Undoes the last change. Returns whether there was one.
    pub fn undo_last(&self) -> bool {
        self.step(true)
    }

    /// Redoes the last undone change. Returns whether there was one.
    pub fn redo_last(&self) -> bool {
        self.step(false)
    }

    fn step(&self, back: bool) -> bool {
        let done = self.doc.step_history(back);
        if done {
            if let Some(snap) = self.doc.snapshot.get_untracked() {
                self.sel.keep_valid(&snap);
            }
            self.announcement
                .set(if back { "Undone" } else { "Redone" }.to_string());
        }
        done
    }

    /// The current view state, for the URL.
    pub fn view_state(&self) -> ViewState {
        let z = self.net.zoom.get();
        ViewState {
            view: self.view.get(),
            selected: self.sel.selected.get(),
            finding: self.sel.active_finding.get(),
            query: self.net.query.get(),
            hidden_sectors: self
                .net
                .hidden_sectors
                .get()
                .iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            kind: self.net.kind_filter.get(),
            theme: self.net.theme_filter.get(),
            depth: self.net.depth.get(),
            zoom: (z != Zoom::default()).then_some((z.s, z.x, z.y)),
            area: self.sel.area.get(),
        }
    }

    /// Applies a view state from the URL, ignoring ids the map does not have.
    pub fn apply_view_state(&self, v: &ViewState) {
        let Some(snap) = self.doc.snapshot.get_untracked() else {
            return;
        };
        self.view.set(v.view);
        self.sel.selected.set(
            v.selected
                .clone()
                .filter(|id| snap.model.body_index(id).is_some()),
        );
        self.sel.active_finding.set(
            v.finding
                .clone()
                .filter(|id| snap.analysis_pending || snap.finding(id).is_some()),
        );
        self.net.query.set(v.query.clone());
        self.net.hidden_sectors.set(
            Sector::ALL
                .into_iter()
                .filter(|s| v.hidden_sectors.contains(s.as_str()))
                .collect(),
        );
        self.net.kind_filter.set(v.kind.clone());
        self.net.theme_filter.set(v.theme.clone());
        self.net.depth.set(v.depth);
        self.net.zoom.set(
            v.zoom
                .map_or_else(Zoom::default, |(s, x, y)| Zoom { s, x, y }),
        );
        self.sel.area.set(
            v.area
                .clone()
                .filter(|a| snap.model.area_index(a).is_some()),
        );
    }

    /// Bodies (indices) shown in the pictures after filters and focus mode; `None` = all.
    pub fn visible(&self) -> Option<BTreeSet<usize>> {
        let snap = self.doc.snapshot.get()?;
        let selected = self
            .sel
            .selected
            .get()
            .and_then(|id| snap.model.body_index(&id));
        pmap_core::focus::visible(&snap.model, &snap.scene(), &self.net.filters(), selected)
    }

    /// Ids of bodies the search text finds.
    pub fn matches(&self) -> Vec<String> {
        let q = self.net.query.get();
        self.doc
            .snapshot
            .get()
            .map(|s| pmap_core::focus::matches(&s.model, &q))
            .unwrap_or_default()
    }

    /// Ids of the bodies to highlight (see [`pmap_core::focus::highlight`]).
    pub fn highlight(&self) -> BTreeSet<String> {
        let Some(snap) = self.doc.snapshot.get() else {
            return BTreeSet::new();
        };
        let finding = self.sel.active_finding.get();
        let area = self.sel.area_focus.get();
        let query = self.net.query.get();
        let hovered = self.sel.hovered.get();
        let selected = self.sel.selected.get();
        let finding = finding.as_deref().and_then(|f| snap.finding(f));
        let cause = HighlightCause {
            tour_step: self.sel.tour.get(),
            finding_bodies: finding.as_ref().map(|f| f.bodies.as_slice()),
            area: area.as_deref(),
            query: &query,
            hovered: hovered.as_deref(),
            selected: selected.as_deref(),
        };
        pmap_core::focus::highlight(&snap.model, &snap.scene(), &cause)
    }

    /// Selects a body (or clears the selection) and announces it.
    pub fn select(&self, id: Option<String>) {
        let text = match (&id, self.doc.snapshot.get_untracked()) {
            (Some(id), Some(s)) => s
                .model
                .body_index(id)
                .map(|i| format!("Selected {}", s.model.body_name(i)))
                .unwrap_or_default(),
            _ => "Selection cleared".to_string(),
        };
        self.sel.selected.set(id);
        self.announcement.set(text);
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
