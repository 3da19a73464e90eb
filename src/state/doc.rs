//! The document: the whole map file, its history, a staged import, and autosave. Every
//! change of map goes through [`Doc::commit`], so there is one way to change it.

use super::{Checked, Snapshot, Source};
use leptos::prelude::*;
use pmap_core::history::History;
use pmap_core::model::MapFile;
use pmap_core::Diagnostic;
use std::cell::Cell;
use std::sync::Arc;

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

/// Why the map is changing: decides what the history and the "as at" date do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An edit or an applied import: recorded for undo, the "as at" date kept.
    Edit,
    /// A whole new map (`el.load()`, `src`): recorded for undo, shown at all dates.
    Load,
    /// The first map of a fresh widget: nothing to undo back to.
    Initial,
    /// The map the page's `src` names: the host's own choice, so allowed when read-only.
    Source,
}

thread_local! {
    /// True while a snapshot is being built: a panic then must not wipe the widget, since
    /// nothing on screen has changed yet (see `embed::install_panic_hook`).
    static BUILDING: Cell<bool> = const { Cell::new(false) };
}

/// True while [`Doc::commit`] is building a snapshot.
pub fn building() -> bool {
    BUILDING.with(Cell::get)
}

/// Marks the build as over (the panic hook calls this, since a panic never returns).
pub fn end_building() {
    BUILDING.with(|b| b.set(false));
}

/// Checks `source` and builds its snapshot, marked as building throughout so that a panic
/// on the way leaves the screen alone (see `embed::install_panic_hook`).
fn build(
    source: Source<'_>,
    date: Option<pmap_core::date::Date>,
) -> Result<Snapshot, Vec<Diagnostic>> {
    BUILDING.with(|b| b.set(true));
    let snap = Checked::from(source).map(|c| Snapshot::from_checked(c, date));
    end_building();
    snap
}

/// The document's signals.
#[derive(Clone, Copy)]
pub struct Doc {
    /// The map on screen.
    pub snapshot: RwSignal<Option<Arc<Snapshot>>>,
    /// Errors from the last change that failed (the map on screen is kept).
    pub load_errors: RwSignal<Vec<Diagnostic>>,
    /// Undo and redo.
    pub history: RwSignal<History<MapFile>>,
    /// A file read for import, awaiting Apply.
    pub staged: RwSignal<Option<Staged>>,
    /// localStorage key for autosave; `None` turns autosave off.
    pub autosave_key: RwSignal<Option<String>>,
    /// True after an edit that has not been downloaded.
    pub dirty: RwSignal<bool>,
    /// No change of map is accepted (`readonly` attribute).
    pub readonly: RwSignal<bool>,
}

impl Doc {
    /// An empty document.
    pub fn new() -> Self {
        Doc {
            snapshot: RwSignal::new(None),
            load_errors: RwSignal::new(Vec::new()),
            history: RwSignal::new(History::default()),
            staged: RwSignal::new(None),
            autosave_key: RwSignal::new(None),
            dirty: RwSignal::new(false),
            readonly: RwSignal::new(false),
        }
    }

    /// The whole file on screen (every date), or an empty one.
    pub fn full(&self) -> MapFile {
        self.snapshot
            .get_untracked()
            .map(|s| s.full().clone())
            .unwrap_or_default()
    }

    /// The one way to change the map: validate → build the whole snapshot → swap → record
    /// for undo (capped) and clear redo → autosave the **full** file. Nothing on screen
    /// changes until the new snapshot is complete; on errors nothing changes at all and the
    /// errors are returned (and shown).
    ///
    /// # Errors
    /// The diagnostics, when the file has errors or the widget is read-only.
    pub fn commit(
        &self,
        source: Source<'_>,
        change: Change,
    ) -> Result<Arc<Snapshot>, Vec<Diagnostic>> {
        if self.readonly.get_untracked() && matches!(change, Change::Edit | Change::Load) {
            let e = vec![Diagnostic::error(
                "readonly",
                "(map)",
                "This map is read-only here: the page set the readonly attribute, so it cannot be changed or replaced",
            )];
            self.load_errors.set(e.clone());
            return Err(e);
        }
        let date = match change {
            Change::Edit => self.snapshot.get_untracked().and_then(|s| s.as_at),
            Change::Load | Change::Initial | Change::Source => None,
        };
        let snap = match build(source, date) {
            Ok(s) => Arc::new(s),
            Err(d) => {
                self.load_errors.set(d.clone());
                return Err(d);
            }
        };
        let old = self.snapshot.get_untracked();
        self.snapshot.set(Some(snap.clone()));
        self.load_errors.set(Vec::new());
        match (change, old) {
            (Change::Initial, _) => self.history.update(History::clear),
            (_, Some(old)) => self.history.update(|h| h.record(old.full().clone())),
            (_, None) => {}
        }
        // Only the user's own edits are autosaved: a map loaded whole can be loaded again,
        // and saving it would overwrite unsaved edits that recovery should offer back.
        if change == Change::Edit {
            self.dirty.set(true);
            self.autosave();
        }
        Ok(snap)
    }

    /// Shows the map as at `date` (`None`: all dates). Not a change of map: nothing is
    /// recorded, and the full file stays as it was.
    pub fn set_as_at(&self, date: Option<pmap_core::date::Date>) -> Option<usize> {
        let cur = self.snapshot.get_untracked()?;
        let snap = cur.at(date);
        let n = snap.model.bodies().len();
        self.snapshot.set(Some(Arc::new(snap)));
        Some(n)
    }

    /// Steps back (`back`) or forward in the history. Returns whether there was a step.
    pub fn step_history(&self, back: bool) -> bool {
        let Some(cur) = self.snapshot.get_untracked() else {
            return false;
        };
        if self.readonly.get_untracked() {
            return false;
        }
        let mut h = self.history.get_untracked();
        let next = if back {
            h.undo(cur.full().clone())
        } else {
            h.redo(cur.full().clone())
        };
        let Some(file) = next else {
            return false;
        };
        let Ok(snap) = build(Source::File(&file), cur.as_at) else {
            // Every map in the history passed validation once; if one no longer does,
            // leave everything as it was.
            return false;
        };
        self.history.set(h);
        self.snapshot.set(Some(Arc::new(snap)));
        self.load_errors.set(Vec::new());
        self.dirty.set(true);
        self.autosave();
        true
    }

    /// Writes the whole map (every date, whatever "as at" shows) to localStorage.
    pub fn autosave(&self) {
        let (Some(key), Some(snap)) = (
            self.autosave_key.get_untracked(),
            self.snapshot.get_untracked(),
        ) else {
            return;
        };
        let saved_at = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let record = pmap_core::autosave::record(snap.full(), &saved_at);
        if let Some(storage) = window().local_storage().ok().flatten() {
            // Storage may be full or blocked: the map on screen is unaffected either way.
            let _ = storage.set_item(&key, &record);
        }
    }

    /// An autosaved map that differs from the one on screen: (when it was saved, the map).
    pub fn recoverable(&self) -> Option<(String, MapFile)> {
        let key = self.autosave_key.get_untracked()?;
        let storage = window().local_storage().ok().flatten()?;
        let text = storage.get_item(&key).ok().flatten()?;
        let (saved_at, file) = pmap_core::autosave::recover(&text).ok()?;
        let current = self.snapshot.get_untracked()?;
        (*current.full() != file).then_some((saved_at, file))
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
}

impl Default for Doc {
    fn default() -> Self {
        Self::new()
    }
}
