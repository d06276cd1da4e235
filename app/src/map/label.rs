//! Names and link labels laid out as text, without a font in hand: the
//! server draws the page and the SVG download before any browser measures
//! anything, so widths are estimated from DejaVu Sans, the widest of the
//! usual sans-serif faces (and the one Debian's Chromium uses): text
//! estimated to fit, fits.

use super::geometry::W;

/// Names on the map, in map units (the stylesheet and the download say the
/// same).
pub const NAME_FONT: f64 = 18.0;
/// Link labels, in map units.
pub const LABEL_FONT: f64 = 15.0;
/// The smallest a name may be drawn on screen in a fitted view, in CSS
/// pixels (12 px is the usual floor for reading; a little over, so that
/// rounding never takes it under).
pub const MIN_NAME_PX: f64 = 12.2;
/// How wide a line of a name may be inside its box.
pub const NAME_WIDTH: f64 = W as f64 - 16.0;
/// From one line of a name to the next, in map units.
pub const NAME_LINE: f64 = 19.0;

/// The advance of one character, in ems: DejaVu Sans's own (units of
/// 2048 per em), other letters as their widest relatives.
fn em(c: char) -> f64 {
    const LOWER: [u16; 26] = [
        1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300,
        842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,
    ];
    const UPPER: [u16; 26] = [
        1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612,
        1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,
    ];
    let units = match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        '0'..='9' => 1303,
        ' ' => 651,
        ',' | '.' | ':' | ';' => 690,
        '\'' | '|' => 563,
        '(' | ')' | '[' | ']' => 800,
        '-' => 739,
        '/' => 690,
        'æ' | 'œ' => 2010,
        'Æ' | 'Œ' => 2000,
        'ø' | 'ö' | 'ó' | 'ò' | 'ô' => 1253,
        'å' | 'ä' | 'á' | 'à' | 'â' => 1255,
        'é' | 'è' | 'ê' | 'ë' => 1260,
        'ü' | 'ú' | 'ù' | 'û' => 1298,
        'Ø' | 'Ö' | 'Ó' => 1612,
        'Å' | 'Ä' | 'Á' => 1401,
        '…' => 2048,
        c if c.is_lowercase() => 1300,
        c if c.is_uppercase() => 1612,
        // Wide scripts (CJK, emoji) take a full em or so.
        c if (c as u32) >= 0x2E80 => 2150,
        _ => 1640,
    };
    units as f64 / 2048.0
}

/// The estimated width of `s` at `font` map units.
pub fn text_width(s: &str, font: f64) -> f64 {
    // A little over, for hinting and faces a shade wider.
    s.chars().map(em).sum::<f64>() * font * 1.02
}

/// The longest start of `chars` that fits `width` with `tail` after it.
fn fitting(chars: &[char], tail: &str, width: f64, font: f64) -> usize {
    let mut used = text_width(tail, font);
    let mut n = 0;
    for c in chars {
        used += em(*c) * font * 1.02;
        if used > width {
            break;
        }
        n += 1;
    }
    n
}

/// A name as it is laid out in its box, before the marks that say where
/// it was broken or cut: the lines' text as taken from the name, whether a
/// word goes on from the first line to the second (drawn with a hyphen),
/// and whether the second was cut short (drawn with "…").
struct Layout {
    lines: Vec<String>,
    hyphen: bool,
    cut: bool,
}

fn layout(name: &str) -> Layout {
    let (width, font) = (NAME_WIDTH, NAME_FONT);
    let words: Vec<&str> = name.split_whitespace().collect();
    let whole = words.join(" ");
    if text_width(&whole, font) <= width {
        return Layout {
            lines: vec![whole],
            hyphen: false,
            cut: false,
        };
    }
    // The first line: as many whole words as fit.
    let mut first = String::new();
    let mut taken = 0;
    for w in &words {
        let next = if first.is_empty() {
            (*w).to_owned()
        } else {
            format!("{first} {w}")
        };
        if text_width(&next, font) > width {
            break;
        }
        first = next;
        taken += 1;
    }
    let mut rest = words[taken..].join(" ");
    let hyphen = taken == 0;
    if hyphen {
        // One word wider than the box: break it.
        let chars: Vec<char> = whole.chars().collect();
        let n = fitting(&chars, "-", width, font).max(1);
        first = chars[..n].iter().collect();
        rest = chars[n..].iter().collect();
    }
    let cut = text_width(&rest, font) > width;
    if cut {
        let chars: Vec<char> = rest.chars().collect();
        let n = fitting(&chars, "…", width, font);
        rest = chars[..n].iter().collect::<String>().trim_end().to_owned();
    }
    Layout {
        lines: vec![first, rest],
        hyphen,
        cut,
    }
}

/// A name as it is drawn in its box: one line if it fits, else two,
/// broken between words where it can (a word too long for a line is
/// broken with a hyphen), and cut with "…" only when two lines are not
/// enough. The full name is always in the element's accessible name and
/// its tooltip.
pub fn name_lines(name: &str) -> Vec<String> {
    drawn_name(name).into_iter().map(|l| l.text()).collect()
}

/// The lines of [`name_lines`], each with what the drawing's text puts
/// after it: a space where the name was broken between two words. Read as
/// text (a name copied out of an exported drawing) the words then stay
/// apart instead of reading "Medisinsksengepost". The space goes between
/// the lines' elements, not inside a line: text read from a line's own
/// element loses its spaces at the ends.
pub fn drawn_lines(name: &str) -> Vec<(String, &'static str)> {
    drawn_name(name)
        .into_iter()
        .map(|l| (l.text(), l.after))
        .collect()
}

/// One line of a name as drawn on the map: the part of it that is whole
/// words of the name, then a mark that is not (the hyphen of a word that
/// goes on, or a word cut short with its "…"), then what comes before the
/// next line (a space where the name was broken between words). Never an
/// empty text: the page the server sent would have no node for it, for
/// hydration to find.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnLine {
    pub words: Option<String>,
    pub mark: Option<String>,
    pub after: &'static str,
}

impl DrawnLine {
    /// The line as it reads: its words, then its mark.
    fn text(&self) -> String {
        self.words.clone().unwrap_or_default() + self.mark.as_deref().unwrap_or_default()
    }
}

/// The lines of a name with their marks apart. An element's drawn text
/// must read as words of the name its button is known by, for someone who
/// says what they see to their phone (WCAG 2.5.3), and checkers read
/// "Utskrivningsk-" / "oordinator" as two words that are not in it. So the
/// canvas draws the words on the button and the marks beside it.
pub fn drawn_name(name: &str) -> Vec<DrawnLine> {
    let Layout { lines, hyphen, cut } = layout(name);
    let whole = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let between = if hyphen { "" } else { " " };
    // What the lines show of the name, marks left out; a start of it.
    let shown = lines.join(between);
    // How much of that is whole words: all of it, unless a word was cut.
    let mut whole_words = if !cut || whole[shown.len()..].starts_with(' ') {
        shown.len()
    } else {
        shown.rfind(' ').unwrap_or(0)
    };
    // Nor a parenthesis the cut leaves open: what a name says in
    // parentheses is left out when names are compared, and what is left of
    // it would read as words outside them.
    let mut open = Vec::new();
    for (i, c) in shown[..whole_words].char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    if let Some(&i) = open.first().filter(|_| cut) {
        whole_words = shown[..i].trim_end().len();
    }
    let last = lines.len() - 1;
    let mut from = 0;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let words_end = whole_words.saturating_sub(from).min(line.len());
            from += line.len() + between.len();
            let (words, rest) = line.split_at(words_end);
            let tail = match i {
                0 if hyphen && i < last => "-",
                _ if cut && i == last => "…",
                _ => "",
            };
            let mark = format!("{rest}{tail}");
            DrawnLine {
                words: (!words.is_empty()).then(|| words.to_owned()),
                mark: (!mark.is_empty()).then_some(mark),
                after: if i < last { between } else { "" },
            }
        })
        .collect()
}

/// Where each line of a name sits (its baseline), from the top of the box:
/// a little below the middle, clear of an IT system's title bar.
pub fn line_baselines(lines: usize) -> Vec<f64> {
    let centre = super::geometry::H as f64 / 2.0 + 2.0;
    let top = centre - (lines as f64 - 1.0) * NAME_LINE / 2.0;
    (0..lines)
        .map(|i| top + i as f64 * NAME_LINE + NAME_FONT * 0.35)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn around(centre: (f64, f64), w: f64, h: f64) -> Rect {
        Rect {
            x0: centre.0 - w / 2.0,
            y0: centre.1 - h / 2.0,
            x1: centre.0 + w / 2.0,
            y1: centre.1 + h / 2.0,
        }
    }

    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

/// A link label to place: the line it belongs to and its text.
pub struct Wanted<'a> {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub text: &'a str,
}

/// How tall a label is, halo included.
pub const LABEL_HEIGHT: f64 = LABEL_FONT * 1.3;

/// The box a label drawn centred at `at` covers.
pub fn label_rect(at: (f64, f64), text: &str) -> Rect {
    Rect::around(at, text_width(text, LABEL_FONT) + 6.0, LABEL_HEIGHT)
}

/// Puts each label on its line where it covers no other label and no
/// element (`boxes`): the middle of the line first, then further along it
/// either way, on, beside or a little off the line. Labels come in the order given, so
/// the result does not depend on anything but the map. Where every place is
/// taken, the one that covers least. Returns the centre of each label.
pub fn place_labels(wanted: &[Wanted], boxes: &[Rect]) -> Vec<(f64, f64)> {
    let mut grid = Grid::default();
    for b in boxes {
        grid.add(*b);
    }
    let along = [0.5, 0.38, 0.62, 0.27, 0.73, 0.17, 0.83, 0.1, 0.9];
    wanted
        .iter()
        .map(|l| {
            let (dx, dy) = (l.to.0 - l.from.0, l.to.1 - l.from.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            // A step to the side of the line, far enough to clear it.
            let (nx, ny) = (-dy / len, dx / len);
            let side = LABEL_HEIGHT + 2.0;
            let mut best: Option<((f64, f64), f64)> = None;
            'search: for t in along {
                // On the line, beside it, then a step further off (clear of
                // a box the line runs through).
                for s in [0.0, -1.0, 1.0, -2.0, 2.0] {
                    let at = (
                        l.from.0 + dx * t + nx * side * s,
                        l.from.1 + dy * t + ny * side * s,
                    );
                    let covered = grid.covered(&label_rect(at, l.text));
                    if best.is_none_or(|(_, c)| covered < c) {
                        best = Some((at, covered));
                    }
                    if covered == 0.0 {
                        break 'search;
                    }
                }
            }
            let (at, _) = best.unwrap_or(((l.from.0 + dx / 2.0, l.from.1 + dy / 2.0), 0.0));
            if !l.text.is_empty() {
                grid.add(label_rect(at, l.text));
            }
            at
        })
        .collect()
}

/// Rectangles by the cells of a coarse grid they touch, so that a map of
/// hundreds of links compares each label with its neighbours only.
#[derive(Default)]
struct Grid {
    rects: Vec<Rect>,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
}

const CELL: f64 = 160.0;

impl Grid {
    fn span(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let (cx0, cx1) = ((r.x0 / CELL).floor() as i64, (r.x1 / CELL).floor() as i64);
        let (cy0, cy1) = ((r.y0 / CELL).floor() as i64, (r.y1 / CELL).floor() as i64);
        (cx0..=cx1).flat_map(move |x| (cy0..=cy1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: Rect) {
        let i = self.rects.len();
        self.rects.push(r);
        for c in Self::span(&r) {
            self.cells.entry(c).or_default().push(i);
        }
    }

    fn covered(&self, r: &Rect) -> f64 {
        let mut seen = std::collections::BTreeSet::new();
        Self::span(r)
            .filter_map(|c| self.cells.get(&c))
            .flatten()
            .filter(|i| seen.insert(**i))
            .map(|i| self.rects[*i].overlap(r))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_is_one_line() {
        assert_eq!(name_lines("Pasient"), vec!["Pasient"]);
    }

    #[test]
    fn a_long_name_wraps_between_words_before_it_is_cut() {
        let lines = name_lines("Sykepleier på sengepost");
        assert_eq!(lines, vec!["Sykepleier på", "sengepost"]);
        let lines = name_lines("Sykehusets journal (EPJ)");
        assert_eq!(lines.len(), 2);
        assert!(!lines.concat().contains('…'), "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, NAME_FONT) <= NAME_WIDTH));
    }

    #[test]
    fn drawn_lines_read_as_the_name() {
        // The lines and what follows each, one after the other, as a label
        // check reads the drawing's text.
        let read = |name: &str| {
            drawn_lines(name)
                .into_iter()
                .map(|(line, after)| line + after)
                .collect::<String>()
        };
        assert_eq!(read("Pasient"), "Pasient");
        assert_eq!(read("Sykepleier på sengepost"), "Sykepleier på sengepost");
        assert_eq!(read("Sykehusets journal (EPJ)"), "Sykehusets journal (EPJ)");
        // Broken inside a word: the hyphen, no space.
        assert_eq!(
            read("Utskrivningskoordinator").replace('-', ""),
            "Utskrivningskoordinator"
        );
        // Cut: the words kept apart up to the cut.
        let name = "Kommunal pleie- og omsorgstjeneste for hjemmeboende med store behov";
        assert!(
            name.starts_with(read(name).trim_end_matches('…')),
            "{}",
            read(name)
        );
    }

    #[test]
    fn the_words_drawn_on_a_button_are_words_of_its_name() {
        // As a label-in-name check reads them: letters and digits, split
        // at everything else.
        let words = |s: &str| -> Vec<String> {
            // Without what is in parentheses.
            let mut s = s.to_owned();
            while let Some((open, close)) = s.find('(').zip(s.find(')')).filter(|(o, c)| o < c) {
                s.replace_range(open..=close, " ");
            }
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let long_word = format!("{} og mer", "Utskrivningskoordinatorsamhandling".repeat(2));
        for name in [
            "Pasient",
            "Sykepleier på sengepost",
            "Utskrivningskoordinator",
            "Legemiddelsamstemming",
            "Kommunal pleie- og omsorgstjeneste for hjemmeboende med store behov",
            "Fastlegen hjemmesykepleiekoordinatorenesamhandlingsforum",
            "Medical ward, Ullevål (a long name for a small screen)",
            long_word.as_str(),
        ] {
            let drawn = drawn_name(name);
            let on_button: String = drawn
                .iter()
                .map(|l| format!("{}{}", l.words.as_deref().unwrap_or_default(), l.after))
                .collect();
            let (seen, all) = (words(&on_button), words(name));
            assert!(
                seen.is_empty() || all.windows(seen.len()).any(|w| w == seen.as_slice()),
                "{name}: {seen:?}"
            );
        }
        // A word broken with a hyphen is drawn whole, its hyphen a mark.
        let drawn = drawn_name("Utskrivningskoordinator");
        assert_eq!(drawn[0].mark.as_deref(), Some("-"));
        assert_eq!(
            drawn.iter().filter_map(|l| l.words.clone()).collect::<String>(),
            "Utskrivningskoordinator"
        );
        // A word cut short is a mark, with its "…".
        let drawn = drawn_name("Kommunal pleie- og omsorgstjeneste for hjemmeboende med store behov");
        assert!(drawn[1].mark.as_deref().unwrap().ends_with('…'), "{drawn:?}");
    }

    #[test]
    fn one_long_word_is_broken_with_a_hyphen() {
        let lines = name_lines("Utskrivningskoordinator");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with('-'), "{lines:?}");
        assert_eq!(lines.concat().replace('-', ""), "Utskrivningskoordinator");
    }

    #[test]
    fn only_a_name_longer_than_two_lines_is_cut() {
        let name = "Kommunal pleie- og omsorgstjeneste for hjemmeboende med store behov";
        let lines = name_lines(name);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| text_width(l, NAME_FONT) <= NAME_WIDTH));
        assert!(name.starts_with(&lines[0]));
    }

    #[test]
    fn labels_on_crossing_lines_do_not_cover_each_other() {
        // Four lines through one point: their middles all coincide.
        let wanted: Vec<Wanted> = [
            ((0.0, 0.0), (400.0, 400.0)),
            ((400.0, 0.0), (0.0, 400.0)),
            ((200.0, 0.0), (200.0, 400.0)),
            ((0.0, 200.0), (400.0, 200.0)),
        ]
        .into_iter()
        .map(|(from, to)| Wanted {
            from,
            to,
            text: "Utskrivningsrapport",
        })
        .collect();
        let at = place_labels(&wanted, &[]);
        let rects: Vec<Rect> = at.iter().map(|p| label_rect(*p, "Utskrivningsrapport")).collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert_eq!(a.overlap(b), 0.0, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_label_keeps_off_an_element_in_the_middle_of_its_line() {
        // The line runs through three boxes, end to end.
        let boxes = [
            Rect::around((40.0, 0.0), 150.0, 60.0),
            Rect::around((200.0, 0.0), 150.0, 60.0),
            Rect::around((360.0, 0.0), 150.0, 60.0),
        ];
        let wanted = [Wanted {
            from: (0.0, 0.0),
            to: (400.0, 0.0),
            text: "Vedtak",
        }];
        let at = place_labels(&wanted, &boxes);
        for b in &boxes {
            assert_eq!(label_rect(at[0], "Vedtak").overlap(b), 0.0, "{at:?}");
        }
    }
}
