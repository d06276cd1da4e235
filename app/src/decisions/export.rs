//! A decision as a readable Markdown report: the question, the options
//! with their arguments and positions by profession, the outcome, the
//! rationale and the dissent. Every text people wrote is escaped, so a
//! title cannot become a link, an image or HTML in whatever renders it.

use super::model::{Decision, Reference};
use super::texts::decisions_texts;
use crate::features::ProjectState;
use crate::fields::slice::cell_of;
use crate::i18n::Lang;
use crate::people::Profession;

/// `raw` as Markdown text that shows exactly those characters: every mark
/// that could start a link, an image, emphasis, code, HTML or an entity is
/// backslash-escaped, and a line break becomes a space (a list item stays
/// one item). Full stops and hyphens stay as they are, for reading.
pub fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '<' | '>' | '|' | '~'
            | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A paragraph of free text, its lines kept: a line that would start a
/// list, a heading underline or a quote is escaped at its start too.
fn paragraph(raw: &str) -> String {
    raw.lines()
        .map(|line| {
            let line = escape(line.trim_start());
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line.chars().nth(digits) {
                Some('.' | ')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
                Some('-' | '+' | '=') if digits == 0 => format!("\\{line}"),
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

/// What a reference names, in words.
pub fn reference_name(state: &ProjectState, r: &Reference) -> String {
    let s = &state.content;
    match r {
        Reference::Element(id) => s.map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default(),
        Reference::Field(id) | Reference::Context(id) => s.fields.name(id),
        Reference::Cell(id) => cell_of(id)
            .map(|(f, c)| format!("{} – {}", s.fields.name(f), s.fields.name(c)))
            .unwrap_or_default(),
        Reference::Decision(id) => s.decisions.title(id),
    }
}

pub fn markdown(state: &ProjectState, d: &Decision, name_of: &dyn Fn(&str) -> String, lang: Lang) -> String {
    let t = lang.texts();
    let dt = decisions_texts(lang);
    let who = |person: &str, profession: Option<Profession>| match profession {
        Some(p) => format!("{} ({})", escape(&name_of(person)), t.profession(p)),
        None => escape(&name_of(person)),
    };
    let text = d.text();
    let mut md = format!("# {}\n\n", escape(&text.title));
    md.push_str(&format!(
        "{}: {} · {}\n\n",
        dt.filter_status,
        (dt.statuses)(d.status),
        (dt.revision)(d.revision())
    ));
    if let Some(by) = &d.superseded_by {
        md.push_str(&format!(
            "{}: {}\n\n",
            dt.superseded_by,
            escape(&state.content.decisions.title(by))
        ));
    }
    for older in &d.supersedes {
        md.push_str(&format!(
            "{}: {}\n\n",
            dt.supersedes,
            escape(&state.content.decisions.title(older))
        ));
    }
    if !d.quorum.is_empty() {
        let list: Vec<&str> = d.quorum.iter().map(|p| t.profession(*p)).collect();
        md.push_str(&format!("{}: {}\n\n", dt.quorum, list.join(", ")));
    }
    if !text.problem.is_empty() {
        md.push_str(&format!("## {}\n\n{}\n\n", dt.problem, paragraph(&text.problem)));
    }
    if !d.references.is_empty() {
        md.push_str(&format!("## {}\n\n", dt.concerns));
        for r in &d.references {
            md.push_str(&format!("- {}\n", escape(&reference_name(state, r))));
        }
        md.push('\n');
    }
    md.push_str(&format!("## {}\n\n", dt.options));
    for (n, o) in text.options.iter().enumerate() {
        md.push_str(&format!("### {}. {}\n\n", n + 1, escape(&o.text)));
        for (side, label) in [
            (super::model::Side::For, dt.for_),
            (super::model::Side::Against, dt.against),
        ] {
            let arguments: Vec<_> = d
                .arguments
                .iter()
                .filter(|a| a.option_id == o.id && a.side == side)
                .collect();
            if arguments.is_empty() {
                continue;
            }
            md.push_str(&format!("**{label}**\n\n"));
            for a in arguments {
                md.push_str(&format!(
                    "- {}: {}",
                    who(&a.author, a.profession),
                    escape(&a.text)
                ));
                if !a.evidence.is_empty() {
                    md.push_str(&format!(" ({})", escape(&a.evidence)));
                }
                md.push('\n');
            }
            md.push('\n');
        }
        let positions: Vec<_> = d.latest_positions(&o.id).collect();
        if !positions.is_empty() {
            md.push_str(&format!("**{}**\n\n", dt.positions));
            for (person, p) in positions {
                md.push_str(&format!(
                    "- {}: {}",
                    who(person, p.profession),
                    (dt.stances)(p.stance)
                ));
                if !p.reason.is_empty() {
                    md.push_str(&format!(" – {}", escape(&p.reason)));
                }
                if p.revision < d.revision() {
                    md.push_str(&format!(" ({})", (dt.given_on)(p.revision)));
                }
                md.push('\n');
            }
            md.push('\n');
        }
    }
    if let Some(c) = &d.closing {
        let outcome = match &c.outcome {
            Some(id) => format!(
                "{}: {}",
                dt.accepted,
                escape(&d.option(id).map(|o| o.text.clone()).unwrap_or_default())
            ),
            None => dt.all_rejected.to_owned(),
        };
        md.push_str(&format!("## {}\n\n{outcome}\n\n", dt.outcome));
        md.push_str(&format!(
            "### {}\n\n{}\n\n",
            dt.rationale,
            paragraph(&c.rationale)
        ));
        if !c.override_reason.is_empty() {
            md.push_str(&format!("{} {}\n\n", dt.overridden, escape(&c.override_reason)));
        }
        md.push_str(&format!("### {}\n\n", dt.dissent));
        if c.dissent.is_empty() {
            md.push_str(&format!("{}\n", dt.no_dissent));
        }
        for x in &c.dissent {
            md.push_str(&format!(
                "- {}: {} – {}\n",
                who(&x.person, x.profession),
                (dt.stances)(x.stance),
                escape(&x.reason)
            ));
        }
        if !c.criteria.is_empty() {
            md.push_str(&format!("\n### {}\n\n", dt.criteria));
            for x in &c.criteria {
                md.push_str(&format!("- {} ({})\n", escape(&x.text), (dt.due)(&x.due)));
            }
        }
    }
    if let Some(f) = super::fingerprint::fingerprint(d) {
        // The canonical text in a fenced block holds anything: its fence is
        // longer than any run of backticks inside.
        let longest = f.canonical.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat((longest + 1).max(3));
        md.push_str(&format!(
            "\n### {}\n\n`{}`\n\n{}\n\n{fence}json\n{}\n{fence}\n",
            dt.fingerprint,
            f.sha256,
            (dt.fingerprint_hint)(f.sealed_by),
            f.canonical
        ));
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_people_wrote_cannot_become_a_link_an_image_or_html() {
        let e = escape(
            "[klikk](javascript:alert(1)) ![x](y) <script>alert(1)</script> # *fet* `kode` &amp;\n- liste",
        );
        // Every mark that could open a link, an image, HTML, emphasis or
        // code comes with its backslash.
        let chars: Vec<char> = e.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if "[]()<>`*_&#".contains(*c) {
                assert_eq!(chars.get(i.wrapping_sub(1)), Some(&'\\'), "{c} at {i} in {e}");
            }
        }
        assert!(!e.contains('\n'), "{e}");
        assert_eq!(escape("[a](b)"), "\\[a\\]\\(b\\)");
        assert_eq!(escape("<b>&amp;"), "\\<b\\>\\&amp;");
        // Ordinary writing stays readable.
        assert_eq!(
            escape("Ja, hvis fastlegen: «alltid»? 1. gang."),
            "Ja, hvis fastlegen: «alltid»? 1. gang."
        );
        // A line of a paragraph cannot start a list or a heading underline.
        assert_eq!(
            paragraph("Først\n1. punkt\n- punkt\n==="),
            "Først  \n1\\. punkt  \n\\- punkt  \n\\==="
        );
    }
}
