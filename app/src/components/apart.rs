//! Parts of a page hydrated each in a task of its own.
//!
//! Hydration is one walk over the whole page, and the browser can do
//! nothing else until it ends: on the map page that was one task of
//! 500-1,000 ms on a phone's CPU (Lighthouse's 4x), about half of it the
//! browser compiling each WebAssembly function the first time it runs. A task
//! that long is what Lighthouse's blocking time counts, and what a person
//! who taps meanwhile waits for. `hydrate_apart(view)` draws `view` inside
//! a `<div class="apart">` (`display: contents`, so it changes no layout);
//! hydration steps over the div, and the view is hydrated in a zero-delay
//! timer of its own, so the browser can paint and answer in between. The
//! page works as it did, a moment later; until then its forms post as
//! without JavaScript, and its links are links.
//!
//! `data-hydrated` on the body (what the browser tests wait for) is set
//! once every part has been hydrated (`mark_hydrated`).
//!
//! A part waiting to be hydrated is hydrated at once when anything else
//! must touch it (a rebuild, an unmount): its state is never half there.
//!
//! What a part draws is hydrated against the page as the server drew it,
//! a task or more after the rest of the page, so two things must hold:
//! - what it draws must not change in between: an effect of the page's
//!   first task (the map's canvas filling in its middle) that adds or
//!   removes nodes in a part makes its hydration fail;
//! - it must not make a resource while it is hydrated (inside a closure it
//!   draws): the browser finds a resource's value in the page by the order
//!   resources were made in, and by then the page's are all made.

use leptos::prelude::*;
use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::{types::Element, CastFrom, Rndr};
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const OPEN: &str = r#"<div class="apart">"#;
const CLOSE: &str = "</div>";

/// `view`, hydrated in a task of its own (see the module).
pub fn hydrate_apart<V: RenderHtml>(view: V) -> Apart<V> {
    Apart(view)
}

pub struct Apart<V>(V);

enum Part<S> {
    Waiting(Box<dyn FnOnce() -> S>),
    Hydrated(S),
    /// Only while the part is being hydrated.
    Taken,
}

pub struct ApartState<S> {
    el: Element,
    part: Rc<RefCell<Part<S>>>,
}

thread_local! {
    /// Parts scheduled and not yet hydrated.
    static WAITING: Cell<usize> = const { Cell::new(0) };
}

/// Marks the body hydrated, unless a part still waits; the last part to be
/// hydrated marks it then.
pub fn mark_hydrated() {
    if WAITING.with(Cell::get) == 0 {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    }
}

/// Hydrates the part now if it still waits.
fn hydrate_now<S>(part: &RefCell<Part<S>>) {
    let taken = std::mem::replace(&mut *part.borrow_mut(), Part::Taken);
    let waiting = match taken {
        Part::Waiting(hydrate) => hydrate,
        other => {
            *part.borrow_mut() = other;
            return;
        }
    };
    let state = waiting();
    *part.borrow_mut() = Part::Hydrated(state);
    WAITING.with(|w| w.set(w.get() - 1));
    mark_hydrated();
}

/// Hydration's cursor moved onto the div the server drew around a part,
/// as an element's hydration moves, and on past it: what is inside is left
/// as the server drew it, for now (here and in `components::on_demand`).
pub(crate) fn step_over(cursor: &Cursor, position: &PositionState) -> Element {
    match position.get() {
        Position::FirstChild => cursor.child(),
        Position::Current => {}
        _ => cursor.sibling(),
    }
    let el = Element::cast_from(cursor.current()).unwrap_or_else(|| {
        // The server drew this div: a page it did not draw is a bug.
        panic!("expected the server's <div> around a part")
    });
    position.set(Position::NextChild);
    el
}

impl<V: RenderHtml> Render for Apart<V> {
    type State = ApartState<<V::Owned as Render>::State>;

    fn build(self) -> Self::State {
        let el = Rndr::create_element("div", None);
        Rndr::set_attribute(&el, "class", "apart");
        let mut state = self.0.into_owned().build();
        state.mount(&el, None);
        ApartState {
            el,
            part: Rc::new(RefCell::new(Part::Hydrated(state))),
        }
    }

    fn rebuild(self, state: &mut Self::State) {
        hydrate_now(&state.part);
        if let Part::Hydrated(s) = &mut *state.part.borrow_mut() {
            self.0.into_owned().rebuild(s);
        }
    }
}

impl<V: AddAnyAttr> AddAnyAttr for Apart<V> {
    type Output<SomeNewAttr: Attribute> = Apart<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Apart(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Apart<V> {
    type AsyncOutput = Apart<V::AsyncOutput>;
    type Owned = Apart<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH + OPEN.len() + CLOSE.len();

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Apart(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len() + OPEN.len() + CLOSE.len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        buf.push_str(OPEN);
        *position = Position::FirstChild;
        self.0
            .to_html_with_buf(buf, position, true, mark_branches, extra_attrs);
        buf.push_str(CLOSE);
        *position = Position::NextChild;
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        _escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        buf.push_sync(OPEN);
        *position = Position::FirstChild;
        self.0
            .to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, true, mark_branches, extra_attrs);
        buf.push_sync(CLOSE);
        *position = Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        let el = step_over(cursor, position);
        let view = self.0.into_owned();
        let owner = Owner::current();
        let at = el.clone();
        let part = Rc::new(RefCell::new(Part::Waiting(Box::new(move || {
            let hydrate = move || view.hydrate_from_position::<FROM_SERVER>(&at, Position::FirstChild);
            match owner {
                Some(owner) => owner.with(hydrate),
                None => hydrate(),
            }
        }))));
        WAITING.with(|w| w.set(w.get() + 1));
        let later = Rc::clone(&part);
        set_timeout(move || hydrate_now(&later), std::time::Duration::ZERO);
        ApartState { el, part }
    }

    fn into_owned(self) -> Self::Owned {
        Apart(self.0.into_owned())
    }
}

impl<S: Mountable> Mountable for ApartState<S> {
    fn unmount(&mut self) {
        hydrate_now(&self.part);
        Rndr::remove(self.el.as_ref());
    }

    fn mount(&mut self, parent: &Element, marker: Option<&leptos::tachys::renderer::types::Node>) {
        hydrate_now(&self.part);
        Rndr::insert_node(parent, self.el.as_ref(), marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match Rndr::get_parent(self.el.as_ref()).and_then(Element::cast_from) {
            Some(parent) => {
                child.mount(&parent, Some(self.el.as_ref()));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<Element> {
        vec![self.el.clone()]
    }
}
