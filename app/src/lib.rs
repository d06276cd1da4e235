#![recursion_limit = "256"]
//! Samspill: participatory design for health and care services.
//!
//! This crate is compiled twice: for the server (`ssr`) and for the browser
//! (`hydrate`). Each feature folder holds its types, server functions,
//! server-only store code (`server.rs`, behind `ssr`) and pages.

pub mod auth;
pub mod components;
#[cfg(feature = "ssr")]
pub mod contribute;
pub mod decisions;
pub mod error;
pub mod features;
pub mod fields;
pub mod history;
pub mod i18n;
pub mod json;
pub mod map;
pub mod page_code;
pub mod people;
pub mod projects;
pub mod rounds;
#[cfg(feature = "example-slice")]
pub mod sealed_notes;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tokens;
pub mod trail;
pub mod workshops;

use crate::components::form::FormAction;
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
    #[cfg(feature = "ssr")]
    content_security_policy();
    // For the routes, which name their group's chunks (`page_code::page_group`).
    provide_context(options.clone());
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                // Fingerprinted names (hash.txt), so that they can be cached for good.
                <HashedStylesheet options=options.clone() id="leptos" />
                // Not Leptos's `HydrationScripts`: the code comes after the first paint.
                <page_code::CodeAfterPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page may run only its own scripts: the hydration script by this
/// response's nonce (Leptos puts it on every inline script it writes), the
/// module and WebAssembly from this site, and talk only to this site
/// (including the live WebSocket). It may not be framed, change its base
/// address, post forms elsewhere or embed plugins.
#[cfg(feature = "ssr")]
pub fn content_security_policy_for(nonce: &str, public_url: &str) -> String {
    let websocket = public_url
        .strip_prefix("https://")
        .map(|rest| format!(" wss://{}", rest.split('/').next().unwrap_or_default()))
        .or_else(|| {
            public_url
                .strip_prefix("http://")
                .map(|rest| format!(" ws://{}", rest.split('/').next().unwrap_or_default()))
        })
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' blob: data:; font-src 'self'; \
         connect-src 'self'{websocket}; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let public_url = use_context::<state::AppState>()
        .map(|s| s.public_url)
        .unwrap_or_default();
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy_for(&nonce, &public_url)) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Who is signed in. Read again on every navigation (signing in or up ends
/// in a redirect) and after signing out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: crate::json::Resource<Result<Option<CurrentUser>, AppError>>,
    pub sign_out: FormAction<SignOut>,
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
    // Parts hydrated apart come later (`components::apart`).
    Effect::new(move |_| components::apart::mark_hydrated());

    view! {
        <Title text="Samspill" />
        <Router>
            <Layout />
        </Router>
    }
}

/// Makes a page a lazy route: its code (and what only its group uses)
/// leaves the main WebAssembly module for its group's chunk, which a browser
/// loads when it first shows a page of the group. The server names the
/// group's chunks in the page's head, so a first visit fetches them beside
/// the main module, not after it (`page_code`).
/// `lazy_page!(FieldsRoute in fields_pages, fields::pages::FieldsPage);`
/// then `view=FieldsRoute::VIEW` in the route (README, "Delivery").
///
/// Pages are split by group, not one by one: the split step gives the code
/// that several split points share a chunk for each set of them that shares
/// it, so 18 page-by-page splits made about 400 chunks, most under 1 KB,
/// each compressed apart and fetched by a request of its own. A group is
/// pages a person moves between and that share most of their code.
macro_rules! lazy_page {
    ($route:ident in $group:ident, $page:path) => {
        pub struct $route;

        // A scope of its own, for a split function named after the route.
        const _: () = {
            use leptos::wasm_split::wasm_split;

            // The split point: every function marked with the same group goes
            // into that group's chunk.
            #[allow(non_snake_case)]
            #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, preload(preload_group))]
            fn $route() -> AnyView {
                $page().into_any()
            }

            impl $route {
                pub const VIEW: PageView = PageView {
                    choose: || {
                        Box::pin(async {
                            #[cfg(feature = "ssr")]
                            page_code::page_group(stringify!($group));
                            $route().await
                        })
                    },
                    // Hydration builds the page's view at once, so the router
                    // loads the page's code first, through this.
                    preload: || Box::pin(preload_group()),
                };
            }
        };
    };
}

/// A page's view in the router, the same type for every route. With each
/// route's own (Leptos's `Lazy<MapRoute>`), the router's code that picks,
/// hydrates and swaps a route's view held a copy for every route, in the
/// main module every page downloads (README, "Delivery", fourteenth step).
#[derive(Clone, Copy)]
pub struct PageView {
    choose: fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = AnyView>>>,
    preload: fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>,
}

impl leptos_router::ChooseView for PageView {
    async fn choose(self) -> AnyView {
        (self.choose)().await
    }

    async fn preload(&self) {
        (self.preload)().await
    }
}

lazy_page!(HomeRoute in home_pages, projects::pages::HomePage);
lazy_page!(SignInRoute in sign_in_pages, auth::pages::SignInPage);
lazy_page!(SignUpRoute in sign_in_pages, auth::pages::SignUpPage);
lazy_page!(MapRoute in map_page, map::pages::MapPage);
lazy_page!(FieldsRoute in fields_pages, fields::pages::FieldsPage);
lazy_page!(SpreadsheetRoute in fields_pages, fields::pages::spreadsheet::SpreadsheetPage);
lazy_page!(HistoryRoute in history_page, history::pages::HistoryPage);
lazy_page!(DecisionsRoute in decision_pages, decisions::pages::DecisionsPage);
lazy_page!(DecisionRoute in decision_pages, decisions::pages::DecisionPage);
lazy_page!(MembersRoute in members_page, projects::pages::members::MembersPage);
lazy_page!(JoinRoute in home_pages, projects::pages::JoinPage);
lazy_page!(TokensRoute in home_pages, tokens::pages::TokensPage);
lazy_page!(WorkshopsRoute in workshop_pages, workshops::pages::WorkshopsPage);
lazy_page!(WorkshopRoute in workshop_pages, workshops::pages::WorkshopPage);
lazy_page!(ProjectorRoute in workshop_pages, workshops::pages::ProjectorPage);
lazy_page!(WorkshopSummaryRoute in workshop_pages, workshops::pages::SummaryPage);
lazy_page!(KeepAccessRoute in sign_in_pages, workshops::pages::KeepAccessPage);
lazy_page!(JoinWorkshopRoute in sign_in_pages, workshops::pages::JoinWorkshopPage);

#[component]
fn Layout() -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let sign_out = FormAction::<SignOut>::new();
    let user = crate::json::resource(
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
                <Route path=path!("/") view=HomeRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/sign-in") view=SignInRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/sign-up") view=SignUpRoute::VIEW ssr=SsrMode::Async />
                // A project's pages: one per feature, its history and its members.
                <Route path=path!("/projects/:id") view=MapRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/fields") view=FieldsRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/fields/spreadsheet") view=SpreadsheetRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/history") view=HistoryRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/decisions") view=DecisionsRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/decisions/:decision_id") view=DecisionRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/members") view=MembersRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/join") view=JoinRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/join/:code") view=JoinRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/account/tokens") view=TokensRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/workshops") view=WorkshopsRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/workshops/:workshop_id") view=WorkshopRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/workshops/:workshop_id/projector") view=ProjectorRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/projects/:id/workshops/:workshop_id/summary") view=WorkshopSummaryRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/workshop") view=JoinWorkshopRoute::VIEW ssr=SsrMode::Async />
                <Route path=path!("/account/keep") view=KeepAccessRoute::VIEW ssr=SsrMode::Async />
            </Routes>
        </main>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        // The parts of the page whose code comes later, and the page
        // itself (a lazy route): hydration waits for their code.
        components::later::load_drawn(features::LATE_PARTS).await;
        leptos::mount::hydrate_lazy(App);
    });
}
