//! The decisions over the project's life: per stretch of time, how many
//! were proposed (an outlined bar) and how many decided (a filled bar), so
//! the picture reads without colour. Each bar names its stretch and counts
//! on hover; the figure says the totals in words. Workshops are marked
//! where they started, a dashed line each, named on hover.

use crate::decisions::dates::day_of;
use crate::decisions::log::Timeline;
use crate::i18n::use_texts;
use leptos::prelude::*;

const WIDTH: f64 = 600.0;
const BARS: f64 = 90.0;
const HEIGHT: f64 = 100.0;

/// `workshops`: each workshop's title and when it started.
pub fn picture(timeline: Option<Timeline>, workshops: Vec<(String, i64)>) -> impl IntoView {
    let texts = use_texts();
    let dt = texts.decisions;
    let t = timeline?;
    let n = t.buckets.len();
    let most = t
        .buckets
        .iter()
        .map(|(p, d)| (*p).max(*d))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = WIDTH / n as f64;
    let stretch = (t.end_ms - t.start_ms + 1) / n as i64;
    let (proposed, decided) = t.buckets.iter().fold((0, 0), |(p, d), (bp, bd)| (p + bp, d + bd));
    let summary = (dt.timeline_summary)(proposed, decided, &day_of(t.start_ms), &day_of(t.end_ms));
    let bars = t
        .buckets
        .iter()
        .enumerate()
        .map(|(i, (p, d))| {
            let x = i as f64 * slot;
            let h = |count: usize| count as f64 / most * BARS;
            let from = day_of(t.start_ms + i as i64 * stretch);
            let to = day_of(t.start_ms + (i as i64 + 1) * stretch - 1);
            let label = (dt.timeline_stretch)(&from, &to, *p, *d);
            view! {
                <g>
                    <title>{label}</title>
                    <rect class="proposed" x=format!("{:.1}", x + 1.0) y=format!("{:.1}", BARS - h(*p) + 4.0)
                        width=format!("{:.1}", slot / 2.0 - 1.5) height=format!("{:.1}", h(*p)) />
                    <rect class="decided" x=format!("{:.1}", x + slot / 2.0) y=format!("{:.1}", BARS - h(*d) + 4.0)
                        width=format!("{:.1}", slot / 2.0 - 1.5) height=format!("{:.1}", h(*d)) />
                </g>
            }
        })
        .collect_view();
    let span = (t.end_ms - t.start_ms).max(1) as f64;
    let marks: Vec<(String, f64)> = workshops
        .into_iter()
        .filter(|(_, at)| (t.start_ms..=t.end_ms).contains(at))
        .map(|(title, at)| {
            let label = (texts.workshops.timeline_mark)(&title, &day_of(at));
            (label, (at - t.start_ms) as f64 / span * WIDTH)
        })
        .collect();
    let marked = marks.len();
    let marks = marks
        .into_iter()
        .map(|(label, x)| {
            view! {
                <g class="workshop-mark">
                    <title>{label}</title>
                    <line x1=format!("{x:.1}") x2=format!("{x:.1}") y1="0" y2=(BARS + 4.0).to_string() />
                </g>
            }
        })
        .collect_view();
    Some(view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary.clone()>
                <line x1="0" x2=WIDTH.to_string() y1=(BARS + 4.5).to_string() y2=(BARS + 4.5).to_string() class="axis" />
                {bars}
                {marks}
            </svg>
            <figcaption>
                <span class="legend-proposed" aria-hidden="true"></span>" "{dt.proposed_label}" "
                <span class="legend-decided" aria-hidden="true"></span>" "{dt.decided_label}
                " – "{summary}
                {(marked > 0).then(|| view! { " " {(texts.workshops.timeline_marks)(marked)} })}
            </figcaption>
        </figure>
    })
}
