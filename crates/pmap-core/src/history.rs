//! Undo and redo for a document: every change pushes the map it replaced, capped at a
//! depth, and clears what could be redone; undoing and redoing swap the current map with
//! the newest entry of the other stack. Generic so it is tested on plain values.

/// Undo and redo stacks, newest last.
#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    depth: usize,
}

/// How many earlier maps the widget keeps for undo.
pub const UNDO_DEPTH: usize = 50;

impl<T> Default for History<T> {
    fn default() -> Self {
        Self::new(UNDO_DEPTH)
    }
}

impl<T> History<T> {
    /// Empty stacks that keep at most `depth` undo steps.
    pub fn new(depth: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            depth: depth.max(1),
        }
    }

    /// Records a change: `replaced` (the map before it) can be undone back to; anything
    /// that could be redone is forgotten, and the oldest step goes past the depth.
    ///
    /// ```
    /// use pmap_core::history::History;
    /// let mut h = History::new(2);
    /// for old in [1, 2, 3] { h.record(old); }
    /// assert_eq!(h.undo_len(), 2); // 1 fell off the end
    /// assert_eq!(h.undo(4), Some(3));
    /// h.record(3);                  // a new change after an undo
    /// assert_eq!(h.redo_len(), 0);  // clears the redo stack
    /// ```
    pub fn record(&mut self, replaced: T) {
        self.undo.push(replaced);
        if self.undo.len() > self.depth {
            let extra = self.undo.len() - self.depth;
            self.undo.drain(..extra);
        }
        self.redo.clear();
    }

    /// Steps back: returns the map to show and keeps `current` for redo; `None` (and
    /// `current` dropped) when there is nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        Some(prev)
    }

    /// Steps forward again after an undo; `None` when there is nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    /// Puts a step back where it came from, when the map it gave could not be shown.
    pub fn restore_undo(&mut self, item: T) {
        self.undo.push(item);
    }

    /// Undo steps held.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Redo steps held.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets every step (a fresh document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn undo_then_redo_returns_to_the_same_document() {
        // Documents 1 → 2 → 3 by two changes; undo twice reaches 1, redo twice reaches 3.
        let mut h = History::new(50);
        h.record(1);
        h.record(2);
        let mut cur = 3;
        cur = h.undo(cur).expect("a step");
        assert_eq!(cur, 2);
        cur = h.undo(cur).expect("a step");
        assert_eq!(cur, 1);
        assert_eq!(h.undo(cur), None);
        let mut cur = 1;
        cur = h.redo(cur).expect("a step");
        cur = h.redo(cur).expect("a step");
        assert_eq!(cur, 3);
        assert_eq!(h.redo(cur), None);
    }

    #[test]
    fn depth_is_a_cap_whatever_the_number_of_changes() {
        let mut h = History::new(50);
        for i in 0..500 {
            h.record(i);
        }
        assert_eq!(h.undo_len(), 50);
        // The newest 50 are kept: 450..500, so the first undo gives 499.
        assert_eq!(h.undo(500), Some(499));
    }
}
