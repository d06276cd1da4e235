//! A part of a page the server draws whole, whose code comes the first
//! time someone uses it: the map's drawing. Most visits look at the map
//! and use its lists; the drawing's code (dragging, zooming, selecting,
//! connecting) was a good part of the map page's first download, and
//! hydrating it one of the page's longest tasks (README, "Delivery").
//!
//! `on_demand(part, watch)` draws `part` (in the browser, a `#[lazy]`
//! function's preload and future, `Code`) inside a
//! `<div class="on-demand">` (`display: contents`). The browser steps over
//! that div when it hydrates, and leaves the server's drawing as it is
//! until one of these happens:
//! - a pointer comes over it or presses it (a touch too), a key is pressed
//!   in it, or it takes the focus;
//! - what `watch` reads changes (the map's page watches the project's whole
//!   state and the selection, so any change to the project wakes it): a
//!   drawing that no longer shows the page's state is never left on
//!   screen.
//!
//! Then its code is fetched, the part is drawn anew by the browser in
//! place of the server's drawing, and what the person did in the meantime
//! is done again on the new drawing: the focus goes back to where it was,
//! and presses, clicks and keys (outside forms, which post without
//! JavaScript anyway) are sent again to the same place, if it still shows
//! the same thing. A tap on an element therefore selects it, a little
//! later.
//!
//! On a page the browser draws itself (a link followed within the app),
//! the code is fetched at once and the part appears when it has come.

use leptos::prelude::*;

/// The part's view, from a `#[lazy]` function.
#[cfg(feature = "hydrate")]
pub type Part = std::pin::Pin<Box<dyn std::future::Future<Output = AnyView>>>;

/// What the browser is given for a part: what fetches its code (the
/// `__preload_<function>` that `#[lazy]` makes), and the function's future.
/// The code is fetched first, and the part made only if the page still
/// shows it: one left meanwhile (a link followed) has let go of the
/// signals the part would read.
#[cfg(feature = "hydrate")]
pub struct Code<L, P> {
    pub load: L,
    pub part: P,
}

/// On the server the part is drawn at once, not below a `Suspend`: the
/// browser steps over what the server drew, and a `Suspend` there would
/// number the page's resources after it one further than the browser
/// does (a past map's, say), which then found another's value.
#[cfg(not(feature = "hydrate"))]
pub fn on_demand(part: AnyView, watch: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let _ = watch;
    view! { <div class="on-demand">{part}</div> }
}

#[cfg(feature = "hydrate")]
pub use browser::on_demand;

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Code, Part};
    use leptos::prelude::*;
    use leptos::reactive::computed::ScopedFuture;
    use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::renderer::{types::Element, CastFrom, Rndr};
    use leptos::tachys::ssr::StreamBuilder;
    use leptos::tachys::view::add_attr::AddAnyAttr;
    use leptos::tachys::view::any_view::AnyViewState;
    use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
    use send_wrapper::SendWrapper;
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// What brings the code, caught before the drawing's own elements see
    /// it. A touch is a pointer too; a wheel comes after the pointer came
    /// over.
    const WAKING: &[&str] = &["pointerover", "pointerdown", "focusin", "keydown"];
    /// What is done again on the new drawing.
    const REPEATED: &[&str] = &["pointerdown", "pointerup", "click", "keydown"];

    pub fn on_demand(
        code: Code<impl Future<Output = ()> + 'static, impl Future<Output = AnyView> + 'static>,
        watch: impl Fn() + 'static,
    ) -> OnDemand {
        OnDemand {
            code: SendWrapper::new((Box::pin(code.load), Box::pin(code.part))),
            watch: SendWrapper::new(Box::new(watch)),
        }
    }

    type Load = Pin<Box<dyn Future<Output = ()>>>;

    /// Sent nowhere: a view must be `Send`, and the browser has one thread.
    pub struct OnDemand {
        code: SendWrapper<(Load, Part)>,
        watch: SendWrapper<Box<dyn Fn()>>,
    }

    enum Stage {
        /// Drawn by the server; its code not asked for yet.
        Asleep(Load, Part),
        Loading,
        Live(AnyViewState),
    }

    /// An event on the server's drawing, to be sent again: where it went
    /// (element indices from the div down) and what was there, its name.
    struct Done {
        event: web_sys::Event,
        path: Vec<u32>,
        label: Option<String>,
    }

    type Listener = Closure<dyn FnMut(web_sys::Event)>;

    struct Inner {
        el: Element,
        stage: Stage,
        done: Vec<Done>,
        listeners: Vec<(&'static str, Listener)>,
        owner: Option<Owner>,
        /// The page no longer shows the part.
        gone: bool,
    }

    pub struct OnDemandState(Rc<RefCell<Inner>>);

    impl Drop for OnDemandState {
        fn drop(&mut self) {
            if let Ok(mut inner) = self.0.try_borrow_mut() {
                inner.gone = true;
            }
        }
    }

    impl Drop for Inner {
        fn drop(&mut self) {
            self.stop_listening();
        }
    }

    impl Inner {
        fn new(el: Element, (load, part): (Load, Part)) -> Rc<RefCell<Inner>> {
            Rc::new(RefCell::new(Inner {
                el,
                stage: Stage::Asleep(load, part),
                done: Vec::new(),
                listeners: Vec::new(),
                owner: Owner::current(),
                gone: false,
            }))
        }

        fn stop_listening(&mut self) {
            for (kind, listener) in self.listeners.drain(..) {
                let _ = self.el.remove_event_listener_with_callback_and_bool(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }

    /// The element indices from `root` down to `node`, if it is inside.
    fn path_to(root: &Element, node: &web_sys::Element) -> Option<Vec<u32>> {
        let mut path = Vec::new();
        let mut at = node.clone();
        while &at != root {
            let parent = at.parent_element()?;
            let siblings = parent.children();
            let index = (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&at))?;
            path.push(index);
            at = parent;
        }
        path.reverse();
        Some(path)
    }

    fn at_path(root: &Element, path: &[u32]) -> Option<web_sys::Element> {
        let mut at = root.clone();
        for &i in path {
            at = at.children().item(i)?;
        }
        Some(at)
    }

    fn label_of(el: &web_sys::Element) -> Option<String> {
        el.get_attribute("aria-label").or_else(|| el.text_content())
    }

    /// Asks for the part's code, once, and draws it when it has come.
    fn wake(inner: &Rc<RefCell<Inner>>) {
        let (load, part, owner) = {
            let mut i = inner.borrow_mut();
            let Stage::Asleep(..) = &i.stage else { return };
            let Stage::Asleep(load, part) = std::mem::replace(&mut i.stage, Stage::Loading) else {
                unreachable!()
            };
            (load, part, i.owner.clone())
        };
        let inner = Rc::clone(inner);
        let run = move || {
            leptos::task::spawn_local(ScopedFuture::new(async move {
                load.await;
                if inner.borrow().gone {
                    return;
                }
                let view = part.await;
                draw(&inner, view);
            }))
        };
        match owner {
            Some(owner) => owner.with(run),
            None => run(),
        }
    }

    /// The part drawn anew in place of the server's drawing, and what was
    /// done to that drawing done again.
    fn draw(inner: &Rc<RefCell<Inner>>, view: AnyView) {
        let mut state = view.build();
        let (el, done) = {
            let mut i = inner.borrow_mut();
            i.stop_listening();
            (i.el.clone(), std::mem::take(&mut i.done))
        };
        let focus = document().active_element().and_then(|a| path_to(&el, &a));
        el.set_inner_html("");
        state.mount(&el, None);
        inner.borrow_mut().stage = Stage::Live(state);
        if let Some(target) = focus.and_then(|path| at_path(&el, &path)) {
            let _ = match target.dyn_ref::<web_sys::SvgElement>() {
                Some(svg) => svg.focus(),
                None => target.unchecked_ref::<web_sys::HtmlElement>().focus(),
            };
        }
        for d in done {
            if let Some(target) = at_path(&el, &d.path).filter(|t| label_of(t) == d.label) {
                let _ = target.dispatch_event(&d.event);
            }
        }
    }

    fn listen(inner: &Rc<RefCell<Inner>>) {
        let el = inner.borrow().el.clone();
        let mut listeners = Vec::new();
        for kind in WAKING.iter().chain(REPEATED).copied() {
            if listeners.iter().any(|(k, _)| *k == kind) {
                continue;
            }
            let weak = Rc::downgrade(inner);
            let listener = Listener::new(move |ev: web_sys::Event| {
                let Some(inner) = weak.upgrade() else { return };
                note(&inner, &ev);
                if WAKING.contains(&ev.type_().as_str()) {
                    wake(&inner);
                }
            });
            let _ =
                el.add_event_listener_with_callback_and_bool(kind, listener.as_ref().unchecked_ref(), true);
            listeners.push((kind, listener));
        }
        inner.borrow_mut().listeners = listeners;
    }

    /// Keeps what must be done again on the new drawing.
    fn note(inner: &Rc<RefCell<Inner>>, ev: &web_sys::Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let mut i = inner.borrow_mut();
        if matches!(i.stage, Stage::Live(_)) {
            return;
        }
        let Some(path) = path_to(&i.el, &target) else {
            return;
        };
        let kind = ev.type_();
        if REPEATED.contains(&kind.as_str()) && matches!(target.closest("form"), Ok(None)) {
            let label = label_of(&target);
            i.done.push(Done {
                event: ev.clone(),
                path,
                label,
            });
        }
    }

    fn watch_for_changes(inner: &Rc<RefCell<Inner>>, watch: Box<dyn Fn()>) {
        let weak = Rc::downgrade(inner);
        Effect::new(move |before: Option<()>| {
            (watch)();
            if before.is_some() {
                if let Some(inner) = weak.upgrade() {
                    wake(&inner);
                }
            }
        });
    }

    impl Render for OnDemand {
        type State = OnDemandState;

        fn build(self) -> Self::State {
            let el = Rndr::create_element("div", None);
            Rndr::set_attribute(&el, "class", "on-demand");
            let inner = Inner::new(el, self.code.take());
            wake(&inner);
            OnDemandState(inner)
        }

        fn rebuild(self, _state: &mut Self::State) {}
    }

    impl AddAnyAttr for OnDemand {
        type Output<SomeNewAttr: Attribute> = OnDemand;

        fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Self::Output<NewAttr>
        where
            Self::Output<NewAttr>: RenderHtml,
        {
            self
        }
    }

    impl RenderHtml for OnDemand {
        type AsyncOutput = Self;
        type Owned = Self;

        const MIN_LENGTH: usize = 0;

        fn dry_resolve(&mut self) {}

        async fn resolve(self) -> Self::AsyncOutput {
            self
        }

        fn html_len(&self) -> usize {
            0
        }

        // The browser never writes a page as text.
        fn to_html_with_buf(
            self,
            _buf: &mut String,
            _position: &mut Position,
            _escape: bool,
            _mark_branches: bool,
            _extra_attrs: Vec<AnyAttribute>,
        ) {
        }

        fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
            self,
            _buf: &mut StreamBuilder,
            _position: &mut Position,
            _escape: bool,
            _mark_branches: bool,
            _extra_attrs: Vec<AnyAttribute>,
        ) where
            Self: Sized,
        {
        }

        fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
            let inner = Inner::new(super::super::apart::step_over(cursor, position), self.code.take());
            listen(&inner);
            watch_for_changes(&inner, self.watch.take());
            OnDemandState(inner)
        }

        fn into_owned(self) -> Self::Owned {
            self
        }
    }

    impl Mountable for OnDemandState {
        fn unmount(&mut self) {
            let mut i = self.0.borrow_mut();
            if let Stage::Live(state) = &mut i.stage {
                state.unmount();
            }
            Rndr::remove(i.el.as_ref());
        }

        fn mount(&mut self, parent: &Element, marker: Option<&leptos::tachys::renderer::types::Node>) {
            let i = self.0.borrow();
            Rndr::insert_node(parent, i.el.as_ref(), marker);
        }

        fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
            let el = self.0.borrow().el.clone();
            match Rndr::get_parent(el.as_ref()).and_then(Element::cast_from) {
                Some(parent) => {
                    child.mount(&parent, Some(el.as_ref()));
                    true
                }
                None => false,
            }
        }

        fn elements(&self) -> Vec<Element> {
            vec![self.0.borrow().el.clone()]
        }
    }
}
