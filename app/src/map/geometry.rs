//! The map's drawing shared by the canvas, the look back and the SVG
//! download: the shapes, where arrows end, and the view that fits a map.

use super::label::{MIN_NAME_PX, NAME_FONT};
use super::model::{Element, ElementKind, LinkKind};

pub const W: i32 = 150;
pub const H: i32 = 60;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl View {
    /// As the drawing's `viewBox` says it.
    pub fn view_box(&self) -> String {
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
    }

    /// Where a new element lands: the middle of what is shown.
    pub fn centre(&self) -> (i32, i32) {
        (
            (self.x + self.w / 2.0).round() as i32,
            (self.y + self.h / 2.0).round() as i32,
        )
    }
}

/// The space around a map's elements in a fitted view.
const MARGIN: f64 = 40.0;

/// The fitted view: every element, if that leaves names readable. `frame`
/// is the drawing's size on screen (known only in the browser): the view
/// takes its proportions and never magnifies beyond 1:1, so a phone's tall,
/// narrow frame is filled instead of showing a thin landscape strip. It
/// never zooms out so far that names drop under `MIN_NAME_PX` on screen: a
/// map too big for that shows its start (top left, where an arranged map's
/// flow begins) and the rest is a drag away.
pub fn initial_view(elements: &[Element], frame: Option<(f64, f64)>) -> View {
    if elements.is_empty() {
        return View {
            x: 0.0,
            y: 0.0,
            w: 1200.0,
            h: 640.0,
        };
    }
    let min_x = elements.iter().map(|e| e.x).min().unwrap_or(0) as f64;
    let min_y = elements.iter().map(|e| e.y).min().unwrap_or(0) as f64;
    let max_x = elements.iter().map(|e| e.x + W).max().unwrap_or(0) as f64;
    let max_y = elements.iter().map(|e| e.y + H).max().unwrap_or(0) as f64;
    let (bw, bh) = (max_x - min_x + 2.0 * MARGIN, max_y - min_y + 2.0 * MARGIN);
    match frame {
        Some((fw, fh)) if fw > 0.0 && fh > 0.0 => {
            let readable = NAME_FONT / MIN_NAME_PX;
            let k = (bw / fw).max(bh / fh).clamp(1.0, readable.max(1.0));
            let (w, h) = (fw * k, fh * k);
            // Centred where the elements fit (margins may be cut), else the start.
            let place = |lo: f64, hi: f64, span: f64| {
                if span >= hi - lo {
                    (lo + hi - span) / 2.0
                } else {
                    lo - MARGIN
                }
            };
            View {
                x: place(min_x, max_x, w),
                y: place(min_y, max_y, h),
                w,
                h,
            }
        }
        _ => View {
            x: min_x - MARGIN,
            y: min_y - MARGIN,
            w: bw.max(600.0),
            h: bh.max(320.0),
        },
    }
}

/// The outline of an element of a kind, at the origin.
pub fn shape(kind: ElementKind) -> (&'static str, String) {
    let (w, h) = (W, H);
    match kind {
        ElementKind::Unit => ("unit", format!("M0 0 H{w} V{h} H0 Z")),
        ElementKind::Role => (
            "role",
            format!(
                "M{r} 0 H{} A{r} {r} 0 0 1 {} {h} H{r} A{r} {r} 0 0 1 {r} 0 Z",
                w - h / 2,
                w - h / 2,
                r = h / 2
            ),
        ),
        ElementKind::ItSystem => (
            "it-system",
            format!("M0 8 Q0 0 8 0 H{} Q{w} 0 {w} 8 V{h} H0 Z M0 14 H{w}", w - 8),
        ),
        ElementKind::Task => (
            "task",
            format!(
                "M16 0 H{} L{w} {} L{} {h} H16 L0 {} Z",
                w - 16,
                h / 2,
                w - 16,
                h / 2
            ),
        ),
        ElementKind::Artefact => (
            "artefact",
            format!("M0 0 H{} L{w} 16 V{h} H0 Z M{} 0 V16 H{w}", w - 16, w - 16),
        ),
    }
}

pub fn link_class(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::HandOver => "hand-over",
        LinkKind::InformationFlow => "information-flow",
        LinkKind::Uses => "uses",
        LinkKind::BelongsTo => "belongs-to",
        LinkKind::Other => "other",
    }
}

/// Where a line from the centre of `a` towards the centre of `b` leaves the
/// box of `a`, so arrows end at the edge rather than under the shape.
pub fn edge(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    if dx == 0.0 && dy == 0.0 {
        return a;
    }
    let (hw, hh) = (W as f64 / 2.0 + 4.0, H as f64 / 2.0 + 4.0);
    let t = (hw / dx.abs()).min(hh / dy.abs());
    (a.0 + dx * t, a.1 + dy * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: i32, y: i32) -> Element {
        Element {
            id: format!("{x},{y}"),
            map_id: "m".into(),
            kind: ElementKind::Unit,
            name: "Ward".into(),
            description: String::new(),
            x,
            y,
            added_by: "u".into(),
        }
    }

    fn contains(v: &View, e: &Element) -> bool {
        v.x <= e.x as f64
            && v.y <= e.y as f64
            && e.x as f64 + W as f64 <= v.x + v.w
            && e.y as f64 + H as f64 <= v.y + v.h
    }

    #[test]
    fn on_a_phone_two_elements_fill_the_tall_frame_at_no_more_than_one_to_one() {
        let elements = [at(40, 40), at(230, 40)];
        let v = initial_view(&elements, Some((338.0, 400.0)));
        assert!(elements.iter().all(|e| contains(&v, e)));
        // The frame's proportions, so nothing is squeezed into a strip.
        assert!((v.w / v.h - 338.0 / 400.0).abs() < 1e-9);
        // Scaled down only as far as needed to fit both (wider than 338).
        assert!(v.w > 338.0 && v.w < 600.0, "{v:?}");
    }

    #[test]
    fn a_small_map_on_a_wide_screen_is_not_blown_up() {
        let v = initial_view(&[at(0, 0)], Some((900.0, 560.0)));
        assert_eq!((v.w, v.h), (900.0, 560.0));
        assert!(contains(&v, &at(0, 0)));
    }

    #[test]
    fn a_map_that_fits_readably_is_shown_whole() {
        let elements: Vec<_> = (0..12)
            .map(|i| at(40 + (i % 4) * 300, 40 + (i / 4) * 150))
            .collect();
        let v = initial_view(&elements, Some((900.0, 560.0)));
        assert!(elements.iter().all(|e| contains(&v, e)));
        assert!(900.0 / v.w * NAME_FONT >= MIN_NAME_PX);
    }

    #[test]
    fn a_big_map_shows_its_start_with_names_still_readable() {
        let elements: Vec<_> = (0..300)
            .map(|i| at(40 + (i % 20) * 200, 40 + (i / 20) * 110))
            .collect();
        for frame in [(900.0, 560.0), (358.0, 400.0)] {
            let v = initial_view(&elements, Some(frame));
            let on_screen = frame.0 / v.w * NAME_FONT;
            assert!(on_screen >= MIN_NAME_PX, "{on_screen} px in {frame:?}");
            assert!(contains(&v, &elements[0]), "{v:?}");
        }
    }
}
