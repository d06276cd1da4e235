//! A map as a standalone SVG drawing and as JSON, for reports and for other
//! tools. Every text is escaped: names come from people.

use super::canvas::{link_class, link_text, shape, H, W};
use super::label::{drawn_lines, line_baselines, place_labels, Rect, Wanted, LABEL_FONT};
use super::model::{Element, Link, MapInfo, PainPoint};
use crate::features::ProjectState;
use serde::Serialize;

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
pub struct MapExport<'a> {
    pub format: &'static str,
    pub project: &'a str,
    pub version: i64,
    pub map: &'a MapInfo,
    pub elements: Vec<&'a Element>,
    pub links: Vec<&'a Link>,
    pub pain_points: Vec<&'a PainPoint>,
}

pub fn json(state: &ProjectState, map_id: &str) -> Option<String> {
    let map = state.map.maps.get(map_id)?;
    let elements: Vec<&Element> = state
        .map
        .elements
        .values()
        .filter(|e| e.map_id == map_id)
        .collect();
    let links: Vec<&Link> = state.map.links.values().filter(|l| l.map_id == map_id).collect();
    let pain_points = state
        .map
        .pain_points
        .values()
        .filter(|p| elements.iter().any(|e| e.id == p.target) || links.iter().any(|l| l.id == p.target))
        .collect();
    serde_json::to_string_pretty(&MapExport {
        format: "samspill-map/1",
        project: &state.project.name,
        version: state.seq,
        map,
        elements,
        links,
        pain_points,
    })
    .ok()
}

/// The page's look, in the same sizes (`NAME_FONT`, `LABEL_FONT`).
const STYLE: &str = "\
.element path{stroke:#1d2530;stroke-width:1.5}\
.element text{font:18px sans-serif;fill:#1d2530}\
.unit path{fill:#cfe0f7}.role path{fill:#d6f0d9}.it-system path{fill:#e6dcf7}\
.task path{fill:#fde3c8}.artefact path{fill:#eceff3}\
.link line{stroke:#4a5566;stroke-width:2;fill:none}\
.hand-over line{stroke:#0b5cad;stroke-width:4}.information-flow line{stroke-dasharray:8 5}\
.uses line{stroke-dasharray:2 4}.belongs-to line{stroke:#8a94a3;stroke-width:1.5}\
.other line{stroke-dasharray:10 4 2 4}\
.link text{font:15px sans-serif;fill:#4a5566;paint-order:stroke;stroke:#fff;stroke-width:4px}\
marker path{fill:#4a5566}.pain circle{fill:#a3162b}.pain text{font:bold 12px sans-serif;fill:#fff}";

/// A link as drawn: its ends on the boxes' edges and its label.
type Drawn<'a> = (&'a Link, (f64, f64), (f64, f64), String);

/// The map as a standalone SVG document.
pub fn svg(state: &ProjectState, map_id: &str) -> Option<String> {
    let map = state.map.maps.get(map_id)?;
    let elements: Vec<&Element> = state
        .map
        .elements
        .values()
        .filter(|e| e.map_id == map_id)
        .collect();
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (0, 0, 600, 320);
    if let Some(first) = elements.first() {
        (min_x, min_y, max_x, max_y) = (first.x, first.y, first.x + W, first.y + H);
        for e in &elements {
            min_x = min_x.min(e.x);
            min_y = min_y.min(e.y);
            max_x = max_x.max(e.x + W);
            max_y = max_y.max(e.y + H);
        }
    }
    let (x0, y0) = (min_x - 40, min_y - 70);
    let (w, h) = (max_x - min_x + 80, max_y - min_y + 110);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{x0} {y0} {w} {h}\" width=\"{w}\" height=\"{h}\">\
         <title>{}</title><style>{STYLE}</style>\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" markerHeight=\"14\" \
         orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\"/></marker></defs>\
         <rect x=\"{x0}\" y=\"{y0}\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\
         <text x=\"{}\" y=\"{}\" style=\"font:bold 18px sans-serif\">{}</text>",
        escape(&format!("{} – {}", state.project.name, map.name)),
        x0 + 20,
        y0 + 30,
        escape(&format!("{} – {}", state.project.name, map.name)),
    );
    let centre = |id: &str| {
        state
            .map
            .elements
            .get(id)
            .map(|e| (e.x as f64 + W as f64 / 2.0, e.y as f64 + H as f64 / 2.0))
    };
    let pains = |id: &str| state.map.pain_points.values().filter(|p| p.target == id).count();
    // Lines and labels placed as on the page: no label over another or
    // over an element.
    let drawn: Vec<Drawn> = state
        .map
        .links
        .values()
        .filter(|l| l.map_id == map_id)
        .filter_map(|l| {
            let (a, b) = (centre(&l.from)?, centre(&l.to)?);
            let (p, q) = (super::canvas::edge(a, b), super::canvas::edge(b, a));
            Some((l, p, q, link_text(l, pains(&l.id))))
        })
        .collect();
    let boxes: Vec<Rect> = elements
        .iter()
        .map(|e| Rect {
            x0: e.x as f64,
            y0: e.y as f64,
            x1: (e.x + W) as f64,
            y1: (e.y + H) as f64,
        })
        .collect();
    let wanted: Vec<Wanted> = drawn
        .iter()
        .map(|(_, p, q, text)| Wanted {
            from: *p,
            to: *q,
            text,
        })
        .collect();
    let labels = place_labels(&wanted, &boxes);
    for ((l, p, q, text), at) in drawn.iter().zip(labels) {
        out.push_str(&format!(
            "<g class=\"link {}\"><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" marker-end=\"url(#arrow)\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></g>",
            link_class(l.kind),
            p.0,
            p.1,
            q.0,
            q.1,
            at.0,
            at.1 + LABEL_FONT * 0.35,
            escape(text),
        ));
    }
    for e in &elements {
        let (class, outline) = shape(e.kind);
        let lines_drawn = drawn_lines(&e.name);
        let lines: String = lines_drawn
            .iter()
            .zip(line_baselines(lines_drawn.len()))
            .map(|((line, after), y)| {
                format!(
                    "<tspan x=\"{}\" y=\"{y:.1}\">{}</tspan>{after}",
                    W / 2,
                    escape(line)
                )
            })
            .collect();
        // The whole name as the element's tooltip.
        out.push_str(&format!(
            "<g class=\"element {class}\" transform=\"translate({} {})\"><title>{}</title><path d=\"{outline}\"/>\
             <text text-anchor=\"middle\">{lines}</text>",
            e.x,
            e.y,
            escape(&e.name),
        ));
        let n = pains(&e.id);
        if n > 0 {
            out.push_str(&format!(
                "<g class=\"pain\" transform=\"translate({} -8)\"><circle r=\"11\"/><text y=\"4\" text-anchor=\"middle\">{n}</text></g>",
                W - 8
            ));
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::label::label_rect;
    use crate::map::model::ElementKind;

    #[test]
    fn names_are_escaped_in_the_drawing() {
        let mut s = ProjectState::new("p");
        s.content.project.name = "Prosjekt".into();
        s.content.map.maps.insert(
            "m".into(),
            MapInfo {
                id: "m".into(),
                name: "I dag".into(),
            },
        );
        s.content.map.elements.insert(
            "e".into(),
            Element {
                id: "e".into(),
                map_id: "m".into(),
                kind: ElementKind::Unit,
                name: "<script>alert(1)</script> & \"x\"".into(),
                description: String::new(),
                x: 0,
                y: 0,
                added_by: "k".into(),
            },
        );
        let drawing = svg(&s, "m").unwrap();
        assert!(!drawing.contains("<script>"));
        assert!(drawing.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(drawing.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        let json = json(&s, "m").unwrap();
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["elements"][0]["name"], "<script>alert(1)</script> & \"x\"");
        assert!(svg(&s, "nope").is_none());
    }

    fn unit(s: &mut ProjectState, id: &str, name: &str, x: i32) {
        s.content.map.elements.insert(
            id.into(),
            Element {
                id: id.into(),
                map_id: "m".into(),
                kind: ElementKind::Unit,
                name: name.into(),
                description: String::new(),
                x,
                y: 0,
                added_by: "k".into(),
            },
        );
    }

    #[test]
    fn names_wrap_and_labels_keep_apart_in_the_drawing() {
        let mut s = ProjectState::new("p");
        s.content.map.maps.insert(
            "m".into(),
            MapInfo {
                id: "m".into(),
                name: "I dag".into(),
            },
        );
        unit(&mut s, "a", "Sykepleier på sengepost", 0);
        unit(&mut s, "b", "Hjemmesykepleien", 400);
        // Both ways between the same two: the middles of the lines coincide.
        for (id, from, to, label) in [
            ("l1", "a", "b", "Utskrivningsrapport"),
            ("l2", "b", "a", "Spørsmål om medisiner"),
        ] {
            s.content.map.links.insert(
                id.into(),
                Link {
                    id: id.into(),
                    map_id: "m".into(),
                    from: from.into(),
                    to: to.into(),
                    kind: crate::map::model::LinkKind::InformationFlow,
                    label: label.into(),
                    description: String::new(),
                    channel: None,
                    message_type: String::new(),
                    timing: None,
                    added_by: "k".into(),
                },
            );
        }
        let drawing = svg(&s, "m").unwrap();
        assert!(drawing.contains(">Sykepleier på</tspan> <tspan"), "{drawing}");
        assert!(drawing.contains(">sengepost</tspan>"));
        assert!(drawing.contains("<title>Sykepleier på sengepost</title>"));
        let at = |label: &str| {
            let end = drawing.find(&format!(">{label}</text>")).unwrap();
            let start = drawing[..end].rfind("<text x=\"").unwrap();
            let nums: Vec<f64> = drawing[start..end]
                .split('"')
                .filter_map(|p| p.parse().ok())
                .collect();
            label_rect((nums[0], nums[1]), label)
        };
        let (a, b) = (at("Utskrivningsrapport"), at("Spørsmål om medisiner"));
        assert_eq!(a.overlap(&b), 0.0, "{a:?} {b:?}");
    }
}
