//! Pan and zoom maths for the pictures, in scene units.
//!
//! A picture is drawn as `translate(x y) scale(s)`: a scene point `p` appears on screen at
//! `p·s + (x, y)`. Keeping a point still while zooming (the point under the pointer, or the
//! centre for the buttons) and fitting a box to the drawing are the two operations.

/// The pan and zoom of a picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Zoom {
    /// Scale, [`Zoom::MIN`]..=[`Zoom::MAX`].
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
    /// Smallest scale.
    pub const MIN: f64 = 0.5;
    /// Largest scale.
    pub const MAX: f64 = 6.0;

    /// Zooms by `factor`, keeping the point at drawing position (cx, cy) where it is on
    /// screen. The scale is clamped to [`Zoom::MIN`]..=[`Zoom::MAX`].
    ///
    /// A point `p` is drawn at `p·s + x`; for it to stay at `c` after the scale becomes
    /// `s' = s·k`, the offset must become `x' = c − (c − x)·k`.
    ///
    /// ```
    /// use pmap_core::zoom::Zoom;
    /// let z = Zoom::default().zoom_at(2.0, 100.0, 50.0);
    /// assert_eq!((z.s, z.x, z.y), (2.0, -100.0, -50.0));
    /// // The point (100, 50) of the scene is still drawn at (100, 50).
    /// assert_eq!((100.0 * z.s + z.x, 50.0 * z.s + z.y), (100.0, 50.0));
    /// ```
    ///
    /// A scale already above [`Zoom::MAX`] (a large picture zoomed in with
    /// [`Zoom::zoom_upto`]) is not snapped back: it may only shrink.
    #[must_use]
    pub fn zoom_at(self, factor: f64, cx: f64, cy: f64) -> Zoom {
        self.zoom_upto(factor, cx, cy, Self::MAX)
    }

    /// [`Zoom::zoom_at`] with another largest scale `max` (a large picture needs to zoom
    /// further in before its labels can be read).
    ///
    /// ```
    /// use pmap_core::zoom::Zoom;
    /// let z = Zoom { s: 5.0, x: 0.0, y: 0.0 }.zoom_upto(4.0, 0.0, 0.0, 40.0);
    /// assert_eq!(z.s, 20.0);
    /// // The default limit does not snap it back, but it cannot grow either.
    /// assert_eq!(z.zoom_at(2.0, 0.0, 0.0).s, 20.0);
    /// assert_eq!(z.zoom_at(0.5, 0.0, 0.0).s, 10.0);
    /// ```
    #[must_use]
    pub fn zoom_upto(self, factor: f64, cx: f64, cy: f64, max: f64) -> Zoom {
        let top = max.max(Self::MIN).max(self.s.min(f64::MAX));
        let s = (self.s * factor).clamp(Self::MIN, top);
        let k = s / self.s;
        Zoom {
            s,
            x: cx - (cx - self.x) * k,
            y: cy - (cy - self.y) * k,
        }
    }

    /// The zoom that shows box (x0, y0, x1, y1), with a 40-unit margin on each side, centred
    /// in a `w`×`h` drawing, at a scale between 1 and `max`.
    ///
    /// ```
    /// use pmap_core::zoom::Zoom;
    /// // A 20×20 box at (390..410, 290..310) in an 800×600 drawing: the box plus margins is
    /// // 100 wide, so the scale is min(800/100, 600/100, 4) = 4, centred on (400, 300).
    /// let z = Zoom::fit((390.0, 290.0, 410.0, 310.0), 800.0, 600.0, 4.0);
    /// assert_eq!(z.s, 4.0);
    /// assert_eq!((400.0 * z.s + z.x, 300.0 * z.s + z.y), (400.0, 300.0));
    /// ```
    #[must_use]
    pub fn fit(b: (f64, f64, f64, f64), w: f64, h: f64, max: f64) -> Zoom {
        let (x0, y0, x1, y1) = b;
        let bw = (x1 - x0).max(1.0) + 80.0;
        let bh = (y1 - y0).max(1.0) + 80.0;
        let s = (w / bw).min(h / bh).clamp(1.0, max.max(1.0));
        let cx = (x0 + x1) / 2.0;
        let cy = (y0 + y1) / 2.0;
        Zoom {
            s,
            x: w / 2.0 - cx * s,
            y: h / 2.0 - cy * s,
        }
    }
}

/// What a pointer movement means, from [`Pointers::motion`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Motion {
    /// The pointer is not pressed: a hover.
    Hover,
    /// Nothing to do yet: a pressed pointer has moved less than [`TAP_SLOP_PX`] in all.
    Still,
    /// Pan by this many pixels (one pointer down, past the slop).
    Pan(f64, f64),
    /// Zoom by `factor` about the client point `(x, y)`: two pointers down, and the
    /// distance between them changed by that factor.
    Pinch {
        /// New distance ÷ old distance.
        factor: f64,
        /// Midpoint of the two pointers, in client pixels.
        x: f64,
        /// Midpoint, y.
        y: f64,
    },
}

/// How far, in pixels summed over a press, a pointer may move and still count as a tap
/// (a click that selects), not a drag.
pub const TAP_SLOP_PX: f64 = 4.0;

/// The pressed pointers of a picture and how far they have moved: turns pointer events
/// into taps, pans and pinches, the same way for the SVG and the canvas pictures.
/// Positions are client pixels.
///
/// ```
/// use pmap_core::zoom::{Motion, Pointers};
/// let mut p = Pointers::default();
/// p.press(1, 100.0, 100.0);
/// assert_eq!(p.motion(1, 102.0, 100.0), Motion::Still); // 2 px: still a tap
/// assert_eq!(p.motion(1, 110.0, 100.0), Motion::Pan(8.0, 0.0)); // 10 px in all: a drag
/// assert!(!p.release(1)); // a drag, not a tap
/// // Two fingers 100 px apart move to 200 px apart: zoom 2× about their midpoint.
/// p.press(1, 0.0, 0.0);
/// p.press(2, 100.0, 0.0);
/// assert_eq!(p.motion(2, 200.0, 0.0), Motion::Pinch { factor: 2.0, x: 100.0, y: 0.0 });
/// // A pointer that was never pressed only hovers.
/// assert_eq!(p.motion(9, 5.0, 5.0), Motion::Hover);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Pointers {
    down: Vec<(i32, f64, f64)>,
    moved: f64,
}

impl Pointers {
    /// A pointer went down at `(x, y)`: a new press starts.
    pub fn press(&mut self, id: i32, x: f64, y: f64) {
        self.moved = 0.0;
        self.down.retain(|p| p.0 != id);
        self.down.push((id, x, y));
    }

    /// Pointer `id` moved to `(x, y)`.
    pub fn motion(&mut self, id: i32, x: f64, y: f64) -> Motion {
        let Some(k) = self.down.iter().position(|p| p.0 == id) else {
            return Motion::Hover;
        };
        let (_, bx, by) = self.down[k];
        self.down[k] = (id, x, y);
        let other = self.down.iter().find(|p| p.0 != id).copied();
        match other {
            None => {
                let (dx, dy) = (x - bx, y - by);
                self.moved += dx.abs() + dy.abs();
                if self.dragging() {
                    Motion::Pan(dx, dy)
                } else {
                    Motion::Still
                }
            }
            Some((_, ox, oy)) => {
                let d0 = ((bx - ox).powi(2) + (by - oy).powi(2)).sqrt();
                let d1 = ((x - ox).powi(2) + (y - oy).powi(2)).sqrt();
                // A pinch is never a tap.
                self.moved = self.moved.max(TAP_SLOP_PX * 2.0);
                if d0 > 1.0 {
                    Motion::Pinch {
                        factor: d1 / d0,
                        x: (x + ox) / 2.0,
                        y: (y + oy) / 2.0,
                    }
                } else {
                    Motion::Still
                }
            }
        }
    }

    /// Pointer `id` went up (or was cancelled, or left). True when it was pressed and the
    /// press was a tap: it moved no more than [`TAP_SLOP_PX`].
    pub fn release(&mut self, id: i32) -> bool {
        let was = self.down.iter().any(|p| p.0 == id);
        self.down.retain(|p| p.0 != id);
        was && !self.dragging()
    }

    /// Whether the current (or last) press has moved past the tap slop.
    pub fn dragging(&self) -> bool {
        self.moved > TAP_SLOP_PX
    }
}

/// The zoom factor for one wheel step of `delta_y` (pixels; negative zooms in), between
/// ½ and 2.
///
/// ```
/// assert!(pmap_core::zoom::wheel_factor(-100.0) > 1.0);
/// assert_eq!(pmap_core::zoom::wheel_factor(10_000.0), 0.5);
/// ```
pub fn wheel_factor(delta_y: f64) -> f64 {
    (-delta_y * 0.0015).exp().clamp(0.5, 2.0)
}
