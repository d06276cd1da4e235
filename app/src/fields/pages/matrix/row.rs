//! A row of the matrix: its heading and cells, drawn as views in the
//! browser and written as text on the server.

#[cfg(feature = "ssr")]
use super::sensitivity_symbol;
use super::{sensitivity_mark, summary_of, Work, DISAGREEMENT_MARK};
use crate::components::address::encode_into;
use crate::components::live;
use crate::fields::measures::{CellSummaries, CellSummary};
use crate::fields::model::InformationField;
#[cfg(feature = "ssr")]
use crate::fields::model::Sensitivity;
use crate::fields::slice::cell_item;
use crate::i18n::{use_texts, Texts};
#[cfg(feature = "ssr")]
use leptos::either::Either;
use leptos::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

#[component]
pub(super) fn FieldRow(
    w: Work,
    field_id: String,
    contexts: Memo<Vec<(String, String)>>,
    cells: Memo<Arc<CellSummaries>>,
    cell_base: Memo<String>,
) -> impl IntoView {
    let t = use_texts();
    let id = StoredValue::new(field_id);
    let field = move || w.state.read().fields.fields.get(&id.get_value()).cloned();
    let drawn = move || {
        view! {
            <tr>
            {live(move || field().map(|field| row_heading(t, &field)))}
            // One closure for the row's cells, not one per cell: the matrix
            // has hundreds, and each closure's owner and keyed list were
            // much of its render. A change rebuilds the cells in place, so
            // a focused cell stays focused.
            {live(move || {
                id.with_value(|id| row_cells(t, &RowCells { id, contexts: &contexts.read(), cells: &cells.read(), base: &cell_base.read() }))
            })}
            </tr>
        }
    };
    // On the server a row is written as text, the same markup its views
    // make (a test holds them together): that took a tenth off the
    // processor time of a matrix page of 900 cells. The browser hydrates
    // that markup with the views. The text is written here, once, not in a
    // closure: Leptos calls an attribute's closure twice on the server, once
    // to find what it waits for and once to write it.
    #[cfg(feature = "ssr")]
    {
        let Some(field) = field() else {
            return Either::Right(drawn());
        };
        let mut html = String::with_capacity(contexts.read().len() * 320 + 256);
        id.with_value(|id| {
            write_row(
                &mut html,
                t,
                &field,
                &RowCells {
                    id,
                    contexts: &contexts.read(),
                    cells: &cells.read(),
                    base: &cell_base.read(),
                },
            )
        });
        Either::Left(view! { <tr inner_html=html></tr> })
    }
    #[cfg(not(feature = "ssr"))]
    drawn()
}

/// What a row's cells are made of.
struct RowCells<'a> {
    /// The field's id.
    id: &'a str,
    contexts: &'a [(String, String)],
    cells: &'a CellSummaries,
    /// The start of every cell's link, up to its `cell=`.
    base: &'a str,
}

impl RowCells<'_> {
    /// Each cell's summary and link.
    fn each(&self) -> impl Iterator<Item = (&CellSummary, String)> + '_ {
        static UNRATED: std::sync::LazyLock<CellSummary> = std::sync::LazyLock::new(CellSummary::default);
        self.contexts.iter().map(move |(context_id, _)| {
            let summary = summary_of(self.cells, self.id, context_id).unwrap_or(&UNRATED);
            let mut href = String::with_capacity(self.base.len() + 80);
            href.push_str(self.base);
            encode_into(&mut href, &cell_item(self.id, context_id));
            (summary, href)
        })
    }
}

/// A row's heading: the field's name and its marks.
fn row_heading(t: &'static Texts, field: &InformationField) -> impl IntoView {
    let f = t.information_fields;
    view! {
        <th scope="row">
            <bdi>{field.name().to_owned()}</bdi>
            " "
            {sensitivity_mark(t, field)}
            {field.kept_twice().then(|| view! { <span class="flag" title=f.kept_twice>"⧉"<span class="visually-hidden">{f.kept_twice}</span></span> })}
        </th>
    }
}

fn row_cells(t: &'static Texts, row: &RowCells) -> Vec<impl IntoView> {
    row.each()
        .map(|(summary, href)| {
            // The row and column headers name the cell for a screen reader
            // (scope), so the cell itself says only its ratings.
            view! {
                <td class=cell_class(summary)>
                    <a href=href>
                        {cell_text(summary)}
                        <span class="visually-hidden">{describe_after_space(t, summary)}</span>
                    </a>
                </td>
            }
        })
        .collect()
}

// A cell's class and text are one of a few; the matrix has hundreds of
// cells, and a string made for each was a good part of its render.
fn cell_class(s: &CellSummary) -> &'static str {
    const SCORED: [&str; 4] = ["cell r1", "cell r2", "cell r3", "cell r4"];
    match s.median {
        Some(r) => SCORED[usize::from(r.score() - 1)],
        None => "cell unscored",
    }
}

fn disagreed(s: &CellSummary) -> bool {
    s.disagreement.is_some_and(|d| d.delta >= DISAGREEMENT_MARK)
}

/// What the cell shows: the middle rating's number, `≠` if professions
/// disagree; below the threshold, how many rated.
fn cell_text(s: &CellSummary) -> Cow<'static, str> {
    const AGREED: [&str; 4] = ["1", "2", "3", "4"];
    const DISAGREED: [&str; 4] = ["1 ≠", "2 ≠", "3 ≠", "4 ≠"];
    match s.median {
        Some(r) if disagreed(s) => DISAGREED[usize::from(r.score() - 1)].into(),
        Some(r) => AGREED[usize::from(r.score() - 1)].into(),
        None if s.all.n() > 0 => format!("n={}", s.all.n()).into(),
        None => "·".into(),
    }
}

/// The cell in words, for screen readers and the short lists.
pub(super) fn describe(t: &'static Texts, s: &CellSummary) -> String {
    let mut out = String::new();
    write_description(&mut out, t, s);
    out
}

/// The same after a space, as it follows the cell's number.
fn describe_after_space(t: &'static Texts, s: &CellSummary) -> String {
    let mut out = String::with_capacity(128);
    out.push(' ');
    write_description(&mut out, t, s);
    out
}

fn write_description(out: &mut String, t: &'static Texts, s: &CellSummary) {
    use std::fmt::Write;
    let f = t.information_fields;
    let Some(median) = s.median else {
        out.push_str(&(f.too_few)(s.all.n()));
        return;
    };
    out.push_str((f.ratings)(median));
    out.push_str(", ");
    out.push_str(&(f.ratings_count)(s.all.n() as usize));
    let _ = write!(
        out,
        ", {} {:.0} %",
        f.consensus,
        s.consensus.unwrap_or(0.0) * 100.0
    );
    if let Some(d) = s.disagreement.filter(|d| d.delta > 0.0) {
        let _ = write!(
            out,
            ", {} {:.2} ({})",
            f.disagreement,
            d.delta,
            (f.disagreement_between)(t.profession(d.between.0), t.profession(d.between.1))
        );
    }
}

/// Writes a row as `row_heading` and `row_cells` draw it, without building
/// their views: the same escaping as Leptos's (`html_escape`), and `<!>`
/// where Leptos marks an empty place or separates two texts, which
/// hydration walks by.
#[cfg(feature = "ssr")]
fn write_row(out: &mut String, t: &'static Texts, field: &InformationField, row: &RowCells) {
    use html_escape::{encode_double_quoted_attribute_to_string as attr, encode_text_to_string};
    // Leptos writes an empty text as a space, so that it is a node.
    let text = |out: &mut String, s: &str| match s.is_empty() {
        true => out.push(' '),
        false => {
            encode_text_to_string(s, out);
        }
    };
    let f = t.information_fields;
    out.push_str("<th scope=\"row\"><bdi>");
    text(out, field.name());
    out.push_str("</bdi> ");
    match field.sensitivity() {
        Sensitivity::Ordinary => out.push_str("<!>"),
        s => {
            let label = (f.sensitivities)(s);
            out.push_str("<span title=\"");
            attr(label, out);
            out.push_str("\" class=\"badge sensitive\"><span aria-hidden=\"true\">");
            out.push_str(sensitivity_symbol(s));
            out.push_str("<!> </span>");
            text(out, label);
            out.push_str("</span>");
        }
    }
    if field.kept_twice() {
        out.push_str("<span title=\"");
        attr(f.kept_twice, out);
        out.push_str("\" class=\"flag\">⧉<span class=\"visually-hidden\">");
        text(out, f.kept_twice);
        out.push_str("</span></span>");
    } else {
        out.push_str("<!>");
    }
    out.push_str("</th>");
    let mut said = String::with_capacity(128);
    for (summary, href) in row.each() {
        out.push_str("<td class=\"");
        out.push_str(cell_class(summary));
        out.push_str("\"><a href=\"");
        attr(&href, out);
        out.push_str("\">");
        text(out, &cell_text(summary));
        out.push_str("<span class=\"visually-hidden\">");
        said.clear();
        said.push(' ');
        write_description(&mut said, t, summary);
        text(out, &said);
        out.push_str("</span></a></td>");
    }
    // The end of the cells' list.
    out.push_str("<!>");
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::fields::model::FieldDetails;
    use crate::fields::model::Rating;
    use crate::i18n::Lang;
    use crate::people::Profession;

    fn field(name: &str, sensitivity: Option<Sensitivity>, systems: &[&str]) -> InformationField {
        InformationField {
            id: format!("f-{name}"),
            details: FieldDetails {
                name: name.into(),
                sensitivity,
                source: systems.first().map(|s| s.to_string()),
                also_kept_in: systems.iter().skip(1).map(|s| s.to_string()).collect(),
                ..FieldDetails::default()
            },
            proposed_by: "kari".into(),
            reason: String::new(),
            retired: false,
        }
    }

    #[test]
    fn a_row_written_as_text_is_the_markup_its_views_draw() {
        use Profession::*;
        use Rating::*;
        let contexts: Vec<(String, String)> = ["unrated", "two", "agreed", "split", "odd id&<\"é"]
            .iter()
            .map(|c| (c.to_string(), format!("Kontekst {c}")))
            .collect();
        let fields = [
            field("Allergier / CAVE", Some(Sensitivity::Sensitive), &["a", "b"]),
            field("<b>Navn</b> & \"sitat\" 'x'", None, &["a"]),
            field(
                "Behandlings\u{2011}begrensning",
                Some(Sensitivity::StrictlyConfidential),
                &[],
            ),
        ];
        let mut cells = CellSummaries::new();
        for f in &fields {
            let row = cells.entry(f.id.clone()).or_default();
            row.insert(
                "two".into(),
                CellSummary::of([(Some(Nurse), Essential), (None, Useful)]),
            );
            row.insert(
                "agreed".into(),
                CellSummary::of([
                    (Some(Nurse), Essential),
                    (Some(Nurse), Essential),
                    (Some(Physician), Useful),
                ]),
            );
            let split = [
                Essential,
                Essential,
                Useful,
                NotNeeded,
                ShouldNotBeShown,
                ShouldNotBeShown,
            ];
            let professions = [Nurse, Nurse, Nurse, Physician, Physician, Physician];
            row.insert(
                "split".into(),
                CellSummary::of(professions.into_iter().map(Some).zip(split)),
            );
            row.insert("odd id&<\"é".into(), CellSummary::of([(Some(Nurse), Useful); 3]));
        }
        for lang in [Lang::Nb, Lang::En] {
            let t = lang.texts();
            for base in ["?cell=", "?sort=disagreement&profession=nurse&cell="] {
                for f in &fields {
                    let row = RowCells {
                        id: &f.id,
                        contexts: &contexts,
                        cells: &cells,
                        base,
                    };
                    let drawn = view! { <tr>{Some(row_heading(t, f))}{row_cells(t, &row)}</tr> }.to_html();
                    let mut written = String::new();
                    write_row(&mut written, t, f, &row);
                    assert_eq!(format!("<tr>{written}</tr>"), drawn);
                }
            }
        }
    }
}
