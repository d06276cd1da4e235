//! Laying a map out so it can be read ("Arrange"), and finding room for a
//! new element.
//!
//! Arrange draws the map in layers after Sugiyama, Tagawa and Toda (1981),
//! flowing left to right as text is read: links point from earlier to
//! later (a hand-over from the ward to home nursing puts home nursing to
//! the right; a role that belongs to a unit stands after the unit). Cycles
//! are broken by reversing the links that matter least (Eades, Lin and
//! Smyth's ordering, weighted so that hand-overs keep their direction);
//! layers by longest path; crossings reduced by barycentre sweeps; rows
//! pulled towards their neighbours, then packed without overlap.

use super::geometry::{H, W};
use super::model::{Element, Link, LinkKind, POSITION_LIMIT};
use std::collections::HashMap;

/// Between columns: room for a link's label.
pub const COLUMN_GAP: i32 = 140;
/// Between elements in a column.
pub const ROW_GAP: i32 = 40;
/// Where an arranged map starts.
const ORIGIN: i32 = 40;
/// How much room a link passing through a column takes.
const PASSING: f64 = 12.0;

/// How strongly a link keeps its direction when a cycle must be broken.
fn weight(kind: LinkKind) -> i64 {
    match kind {
        LinkKind::HandOver => 8,
        LinkKind::InformationFlow => 3,
        _ => 1,
    }
}

/// The elements' new places, in the order given.
pub fn arrange(elements: &[&Element], links: &[&Link]) -> Vec<(String, i32, i32)> {
    let n = elements.len();
    let index: HashMap<&str, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // Directed, weighted links between distinct elements, merged per pair.
    let mut weights: HashMap<(usize, usize), i64> = HashMap::new();
    for l in links {
        let (Some(&a), Some(&b)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) else {
            continue;
        };
        let (a, b) = if l.kind == LinkKind::BelongsTo {
            (b, a)
        } else {
            (a, b)
        };
        if a != b {
            *weights.entry((a, b)).or_default() += weight(l.kind);
        }
    }
    let mut pairs: Vec<((usize, usize), i64)> = weights.into_iter().collect();
    pairs.sort();
    let order = feedback_order(n, &pairs);
    let rank: Vec<usize> = {
        let mut r = vec![0; n];
        for (i, v) in order.iter().enumerate() {
            r[*v] = i;
        }
        r
    };
    // Every link now points forward in `order`.
    let mut edges: Vec<(usize, usize)> = pairs
        .iter()
        .map(|((a, b), _)| if rank[*a] < rank[*b] { (*a, *b) } else { (*b, *a) })
        .collect();
    edges.sort();
    edges.dedup();
    let layer = layers(n, &order, &edges);

    // Long links get a waypoint in every column they pass.
    let mut graph = Layered {
        layer_of: layer.clone(),
        real: n,
        edges: Vec::new(),
        before: Vec::new(),
        after: Vec::new(),
    };
    // Which element each waypoint's link comes from.
    let mut source: Vec<usize> = (0..n).collect();
    for &(a, b) in &edges {
        let mut from = a;
        for l in layer[a] + 1..layer[b] {
            let d = graph.layer_of.len();
            source.push(a);
            graph.layer_of.push(l);
            graph.edges.push((from, d));
            from = d;
        }
        graph.edges.push((from, b));
    }
    let depth = layer.iter().max().map_or(0, |m| m + 1);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (v, l) in graph.layer_of.iter().enumerate() {
        columns[*l].push(v);
    }
    // Start from the order things were added in, never from where they
    // are now: arranging an arranged map changes nothing.
    for c in &mut columns {
        c.sort_by_key(|v| (source[*v], *v));
    }
    graph.index();
    let columns = graph.reduce_crossings(columns);
    let ys = graph.rows(&columns);
    let step_x = W + COLUMN_GAP;
    elements
        .iter()
        .enumerate()
        .map(|(v, e)| {
            let x = ORIGIN + layer[v] as i32 * step_x;
            let y = ys[v].round() as i32;
            (e.id.clone(), x.min(POSITION_LIMIT), y.min(POSITION_LIMIT))
        })
        .collect()
}

/// An order of the elements in which few (and light) links point back:
/// sinks to the end, sources to the front, else the element with most
/// weight out less weight in.
fn feedback_order(n: usize, pairs: &[((usize, usize), i64)]) -> Vec<usize> {
    let mut alive = vec![true; n];
    let (mut out_w, mut in_w) = (vec![0i64; n], vec![0i64; n]);
    let mut succ: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    for &((a, b), w) in pairs {
        out_w[a] += w;
        in_w[b] += w;
        succ[a].push((b, w));
        pred[b].push((a, w));
    }
    let (mut front, mut back) = (Vec::new(), Vec::new());
    let mut left = n;
    let take = |v: usize, alive: &mut Vec<bool>, out_w: &mut Vec<i64>, in_w: &mut Vec<i64>| {
        alive[v] = false;
        for &(b, w) in &succ[v] {
            in_w[b] -= w;
        }
        for &(a, w) in &pred[v] {
            out_w[a] -= w;
        }
    };
    while left > 0 {
        let mut moved = true;
        while moved {
            moved = false;
            for v in 0..n {
                if alive[v] && out_w[v] == 0 && in_w[v] > 0 {
                    take(v, &mut alive, &mut out_w, &mut in_w);
                    back.push(v);
                    left -= 1;
                    moved = true;
                } else if alive[v] && in_w[v] == 0 {
                    take(v, &mut alive, &mut out_w, &mut in_w);
                    front.push(v);
                    left -= 1;
                    moved = true;
                }
            }
        }
        if let Some(v) = (0..n)
            .filter(|v| alive[*v])
            .max_by_key(|v| (out_w[*v] - in_w[*v], usize::MAX - v))
        {
            take(v, &mut alive, &mut out_w, &mut in_w);
            front.push(v);
            left -= 1;
        }
    }
    back.reverse();
    front.extend(back);
    front
}

/// Each element's column: after everything that points to it (longest
/// path), an element that only points onwards pulled up to just before the
/// first it points to, and an element with no links where columns are
/// shortest.
fn layers(n: usize, order: &[usize], edges: &[(usize, usize)]) -> Vec<usize> {
    let mut layer = vec![0usize; n];
    let mut linked = vec![false; n];
    let mut has_pred = vec![false; n];
    for &(a, b) in edges {
        linked[a] = true;
        linked[b] = true;
        has_pred[b] = true;
    }
    for &v in order {
        for &(a, b) in edges {
            if b == v {
                layer[v] = layer[v].max(layer[a] + 1);
            }
        }
    }
    for &v in order.iter().rev() {
        if linked[v] && !has_pred[v] {
            if let Some(first) = edges
                .iter()
                .filter(|(a, _)| *a == v)
                .map(|(_, b)| layer[*b])
                .min()
            {
                layer[v] = first.saturating_sub(1);
            }
        }
    }
    let alone = linked.iter().filter(|l| !**l).count();
    // A map without links is a square grid, not one tall column.
    let depth = layer
        .iter()
        .zip(&linked)
        .filter(|(_, l)| **l)
        .map(|(d, _)| d + 1)
        .max()
        .unwrap_or(1)
        .max((alone as f64).sqrt().ceil() as usize);
    let mut sizes = vec![0usize; depth];
    for v in 0..n {
        if linked[v] {
            sizes[layer[v]] += 1;
        }
    }
    for v in 0..n {
        if !linked[v] {
            let (l, _) = sizes
                .iter()
                .enumerate()
                .min_by_key(|(l, s)| (**s, *l))
                .unwrap_or((0, &0));
            layer[v] = l;
            sizes[l] += 1;
        }
    }
    layer
}

/// The layered graph: elements `0..real`, then the waypoints of long links.
struct Layered {
    layer_of: Vec<usize>,
    real: usize,
    /// From a column to the next.
    edges: Vec<(usize, usize)>,
    /// Each one's neighbours in the column before and the column after.
    before: Vec<Vec<usize>>,
    after: Vec<Vec<usize>>,
}

impl Layered {
    fn index(&mut self) {
        let count = self.layer_of.len();
        self.before = vec![Vec::new(); count];
        self.after = vec![Vec::new(); count];
        for &(a, b) in &self.edges {
            self.after[a].push(b);
            self.before[b].push(a);
        }
    }

    fn near(&self, v: usize, forward: bool) -> &[usize] {
        if forward {
            &self.before[v]
        } else {
            &self.after[v]
        }
    }

    fn height(&self, v: usize) -> f64 {
        if v < self.real {
            H as f64
        } else {
            PASSING
        }
    }

    /// Barycentre sweeps down and up the columns, keeping the best order.
    fn reduce_crossings(&self, mut columns: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        let mut best = columns.clone();
        let mut fewest = crossings(&columns, &self.edges, self.layer_of.len());
        let mut pos = vec![0.0; self.layer_of.len()];
        for round in 0..12 {
            let forward = round % 2 == 0;
            let range: Vec<usize> = if forward {
                (1..columns.len()).collect()
            } else {
                (0..columns.len().saturating_sub(1)).rev().collect()
            };
            for l in range {
                let near = if forward { l - 1 } else { l + 1 };
                for (i, v) in columns[near].iter().enumerate() {
                    pos[*v] = i as f64;
                }
                let mut keyed: Vec<(f64, usize)> = columns[l]
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let around = self.near(*v, forward);
                        let key = if around.is_empty() {
                            i as f64
                        } else {
                            around.iter().map(|u| pos[*u]).sum::<f64>() / around.len() as f64
                        };
                        (key, *v)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                columns[l] = keyed.into_iter().map(|(_, v)| v).collect();
            }
            let now = crossings(&columns, &self.edges, self.layer_of.len());
            if now < fewest {
                fewest = now;
                best = columns.clone();
            }
        }
        best
    }

    /// The top of each element: each pulled towards the middle of what it
    /// is linked to in the column before (then after), the column packed
    /// without overlap and shifted as a whole to stay near where it wants
    /// to be.
    fn rows(&self, columns: &[Vec<usize>]) -> Vec<f64> {
        let count = self.layer_of.len();
        // Lines passing through need little room; elements need a row's gap.
        let gap = |v: usize| if v < self.real { ROW_GAP as f64 } else { 6.0 };
        let mut y = vec![0.0; count];
        for c in columns {
            let mut top = 0.0;
            for v in c {
                y[*v] = top;
                top += self.height(*v) + gap(*v);
            }
        }
        let centre = |y: &Vec<f64>, v: usize| y[v] + self.height(v) / 2.0;
        for round in 0..8 {
            let forward = round % 2 == 0;
            let order: Vec<usize> = if forward {
                (1..columns.len()).collect()
            } else {
                (0..columns.len().saturating_sub(1)).rev().collect()
            };
            for l in order {
                let wanted: Vec<f64> = columns[l]
                    .iter()
                    .map(|v| {
                        let around = self.near(*v, forward);
                        if around.is_empty() {
                            centre(&y, *v)
                        } else {
                            around.iter().map(|u| centre(&y, *u)).sum::<f64>() / around.len() as f64
                        }
                    })
                    .collect();
                // Packed downwards from where each wants its top.
                let mut packed = Vec::with_capacity(wanted.len());
                let mut floor = f64::MIN;
                for (v, want) in columns[l].iter().zip(&wanted) {
                    let top = (want - self.height(*v) / 2.0).max(floor);
                    packed.push(top);
                    floor = top + self.height(*v) + gap(*v);
                }
                let shift = columns[l]
                    .iter()
                    .zip(&wanted)
                    .zip(&packed)
                    .map(|((v, want), top)| top + self.height(*v) / 2.0 - want)
                    .sum::<f64>()
                    / packed.len().max(1) as f64;
                for (v, top) in columns[l].iter().zip(packed) {
                    y[*v] = top - shift;
                }
            }
        }
        let lowest = (0..self.real).map(|v| y[v]).fold(f64::MAX, f64::min);
        let lowest = if lowest == f64::MAX { 0.0 } else { lowest };
        // Whole tens: positions people can read and nudge with the keys.
        y.iter()
            .map(|t| ((t - lowest + ORIGIN as f64) / 10.0).round() * 10.0)
            .collect()
    }
}

/// How many pairs of links between neighbouring columns cross.
fn crossings(columns: &[Vec<usize>], edges: &[(usize, usize)], count: usize) -> usize {
    let mut pos = vec![0usize; count];
    let mut col = vec![0usize; count];
    for (l, c) in columns.iter().enumerate() {
        for (i, v) in c.iter().enumerate() {
            pos[*v] = i;
            col[*v] = l;
        }
    }
    let mut by_column: Vec<Vec<(usize, usize)>> = vec![Vec::new(); columns.len()];
    for (a, b) in edges {
        by_column[col[*a]].push((pos[*a], pos[*b]));
    }
    by_column
        .iter()
        .map(|es| {
            let mut n = 0;
            for (i, (a1, b1)) in es.iter().enumerate() {
                for (a2, b2) in &es[i + 1..] {
                    if (a1 < a2 && b1 > b2) || (a1 > a2 && b1 < b2) {
                        n += 1;
                    }
                }
            }
            n
        })
        .sum()
}

type Line<'a> = (&'a Link, (f64, f64), (f64, f64));

/// What a person sees of a drawing: how many links cross each other (as
/// straight lines between the centres of their ends, not counting links
/// that share an end), and how many pairs of elements overlap.
pub fn drawn_crossings_and_overlaps(places: &HashMap<&str, (i32, i32)>, links: &[&Link]) -> (usize, usize) {
    let centre = |id: &str| {
        places
            .get(id)
            .map(|(x, y)| (*x as f64 + W as f64 / 2.0, *y as f64 + H as f64 / 2.0))
    };
    let lines: Vec<Line> = links
        .iter()
        .filter_map(|l| Some((*l, centre(&l.from)?, centre(&l.to)?)))
        .collect();
    let cross = |p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)| {
        let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
            (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
        };
        let (d1, d2) = (side(q1, q2, p1), side(q1, q2, p2));
        let (d3, d4) = (side(p1, p2, q1), side(p1, p2, q2));
        d1 * d2 < 0.0 && d3 * d4 < 0.0
    };
    let mut crossings = 0;
    for (i, (l1, p1, p2)) in lines.iter().enumerate() {
        for (l2, q1, q2) in &lines[i + 1..] {
            let shared = [&l1.from, &l1.to].iter().any(|e| **e == l2.from || **e == l2.to);
            if !shared && cross(*p1, *p2, *q1, *q2) {
                crossings += 1;
            }
        }
    }
    let boxes: Vec<&(i32, i32)> = places.values().collect();
    let mut overlaps = 0;
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if (a.0 - b.0).abs() < W && (a.1 - b.1).abs() < H {
                overlaps += 1;
            }
        }
    }
    (crossings, overlaps)
}

/// Room for a new element near `near` (the centre of what the person sees):
/// the nearest place on a 20-unit grid with room beside every other element
/// for a link with its arrow and label (a column's gap side by side, twice
/// a row's one above the other).
pub fn free_spot(taken: &[(i32, i32)], near: (i32, i32)) -> (i32, i32) {
    const STEP: i32 = 20;
    const REACH: i32 = 80;
    let (gap_x, gap_y) = (COLUMN_GAP, 2 * ROW_GAP);
    let start = (near.0 - W / 2, near.1 - H / 2);
    let start = (
        start.0 - start.0.rem_euclid(STEP),
        start.1 - start.1.rem_euclid(STEP),
    );
    let free = |(x, y): (i32, i32)| {
        taken
            .iter()
            .all(|(tx, ty)| (x - tx).abs() >= W + gap_x || (y - ty).abs() >= H + gap_y)
    };
    let mut offsets: Vec<(i32, i32)> = (-REACH..=REACH)
        .flat_map(|dx| (-REACH..=REACH).map(move |dy| (dx, dy)))
        .collect();
    offsets.sort_by_key(|(dx, dy)| (dx * dx + dy * dy, *dy, *dx));
    let limit = |v: i32| v.clamp(-POSITION_LIMIT, POSITION_LIMIT - W);
    offsets
        .into_iter()
        .map(|(dx, dy)| (limit(start.0 + dx * STEP), limit(start.1 + dy * STEP)))
        .find(|p| free(*p))
        .unwrap_or((limit(start.0), limit(start.1)))
}

#[cfg(test)]
mod tests;
