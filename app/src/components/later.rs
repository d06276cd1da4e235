//! Parts of a page whose code comes in a chunk of its own, fetched the
//! first time the part is drawn: a running workshop's bar, the map's
//! editors. Most visits never draw them, and their code was a good part of
//! their pages' first download (README, "Delivery").
//!
//! A part is a `#[lazy]` function that returns its view, and `later` draws
//! it. Drawn once the page is live, the part appears when its code has
//! come. A part the server drew must be hydrated with the rest of the page,
//! and hydration cannot wait for one part of a page: so an element of the
//! part names it (`data-later`, from its [`Part`]), and before
//! hydrating, the browser loads the code of every part the page shows
//! (`load_drawn`). The part's function then answers at once.

use leptos::prelude::*;
use std::future::Future;

/// The attribute that names a part on one of its elements (written
/// `data-later=PART.name` in the part's view).
pub const ATTRIBUTE: &str = "data-later";

/// A part whose code comes later: its name, and what loads its code (the
/// `__preload_<function>` that `#[lazy]` makes).
pub struct Part {
    pub name: &'static str,
    #[cfg(feature = "hydrate")]
    pub load: fn() -> std::pin::Pin<Box<dyn Future<Output = ()>>>,
}

/// Draws what `part` gives: on the server at once, in the browser when its
/// code has come.
#[cfg(feature = "hydrate")]
pub fn later<V: IntoView + 'static>(part: impl Future<Output = V> + 'static) -> impl IntoView {
    Suspend::new(send_wrapper::SendWrapper::new(part))
}

#[cfg(not(feature = "hydrate"))]
pub fn later<V: IntoView + 'static>(part: impl Future<Output = V> + Send + 'static) -> impl IntoView {
    Suspend::new(part)
}

/// Before hydrating: loads the code of every part the server drew on this
/// page, so that hydration finds each part's code there.
#[cfg(feature = "hydrate")]
pub async fn load_drawn(parts: &[Part]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for part in parts {
        let selector = format!("[{ATTRIBUTE}=\"{}\"]", part.name);
        if let Ok(Some(_)) = document.query_selector(&selector) {
            (part.load)().await;
        }
    }
}
