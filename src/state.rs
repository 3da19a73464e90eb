//! The one place where the core's results become reactive state.

use leptos::prelude::*;
use pmap_core::findings::{analyse, Report};
use pmap_core::scene::Scene;
use pmap_core::{Diagnostic, Model};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A loaded map and everything derived from it. Immutable: loading a new file builds a new
/// snapshot, so a half-loaded map can never be shown.
#[derive(Debug)]
pub struct Snapshot {
    /// The validated model.
    pub model: Model,
    /// Findings and network figures.
    pub report: Report,
    /// The network picture.
    pub scene: Scene,
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
        let report = analyse(&loaded.model);
        let scene = Scene::build(&loaded.model);
        Ok(Snapshot {
            model: loaded.model,
            report,
            scene,
            warnings: loaded.diagnostics,
        })
    }

    /// The finding with `id`.
    pub fn finding(&self, id: &str) -> Option<&pmap_core::findings::Finding> {
        self.report.findings.iter().find(|f| f.id == id)
    }
}

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
        }
    }

    /// Loads a map file. On success it replaces the map on screen; on failure the map on
    /// screen stays and the errors are shown. Returns whether it loaded.
    pub fn load_text(&self, text: &str) -> bool {
        match Snapshot::load(text) {
            Ok(s) => {
                let title = s.model.file().meta.title.clone();
                self.snapshot.set(Some(Arc::new(s)));
                self.load_errors.set(Vec::new());
                self.selected.set(None);
                self.active_finding.set(None);
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
        if let Some(fid) = self.active_finding.get() {
            if let Some(f) = snap.finding(&fid) {
                return f.bodies.iter().cloned().collect();
            }
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

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
