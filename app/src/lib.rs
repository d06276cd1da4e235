#![recursion_limit = "256"]
//! Samspill: participatory design for health and care services.
//!
//! This crate is compiled twice: for the server (`ssr`) and for the browser
//! (`hydrate`). Each feature folder holds its types, server functions,
//! server-only store code (`server.rs`, behind `ssr`) and pages.

pub mod auth;
pub mod components;
pub mod error;
pub mod i18n;
pub mod map;
pub mod projects;
#[cfg(feature = "ssr")]
pub mod state;
pub mod text;
pub mod trail;

use auth::api::{get_current_user, SignOut};
use auth::CurrentUser;
use error::AppError;
use i18n::{current_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_location,
    path, SsrMode,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                // Fingerprinted names (hash.txt), so that they can be cached for good.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Who is signed in. Read again on every navigation (signing in or up ends
/// in a redirect) and after signing out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub sign_out: ServerAction<SignOut>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(current_lang());

    // Tests (and impatient people) must not click before the page is live:
    // clicks on a server-rendered page before hydration are lost.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title text="Samspill" />
        <Router>
            <Layout />
        </Router>
    }
}

#[component]
fn Layout() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    let user = Resource::new(
        move || (location.pathname.get(), sign_out.version().get()),
        |_| get_current_user(),
    );
    provide_context(Auth { user, sign_out });

    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <components::Header />
        <main id="main" tabindex="-1">
            // Whole pages are rendered before they are sent, so every page
            // works with JavaScript off as well.
            <Routes fallback=components::NotFound>
                <Route path=path!("/") view=projects::pages::HomePage ssr=SsrMode::Async />
                <Route path=path!("/sign-in") view=auth::pages::SignInPage ssr=SsrMode::Async />
                <Route path=path!("/sign-up") view=auth::pages::SignUpPage ssr=SsrMode::Async />
                <Route path=path!("/projects/:id") view=projects::pages::ProjectPage ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/history") view=trail::pages::HistoryPage ssr=SsrMode::Async />
                <Route path=path!("/join") view=projects::pages::JoinPage ssr=SsrMode::Async />
                <Route path=path!("/join/:code") view=projects::pages::JoinPage ssr=SsrMode::Async />
            </Routes>
        </main>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
