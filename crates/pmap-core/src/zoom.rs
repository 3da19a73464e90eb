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
