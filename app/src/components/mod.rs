//! Pieces shared by every page: header, language switch, messages.

pub mod address;
pub mod apart;
pub mod editing;
pub mod form;
pub mod later;
pub mod on_demand;

use crate::auth::api::SetLanguage;
use crate::components::form::FormAction;
use crate::error::AppError;
use crate::i18n::{current_lang, use_texts, Lang};
use crate::use_auth;
use form::ActionForm;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;

/// Leptos's `<Show>` without its `AnyView` (see `form::ActionForm`): what
/// `view` draws while `cond` holds, drawn again only when `cond` turns.
pub fn when<V: IntoView + 'static>(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let shown = Memo::new(move |_| cond());
    move || shown.get().then(&view)
}

/// A view that follows the page's state in the browser, drawn as it is on
/// the server. The server runs a view's closure twice below a `Suspense`
/// (once to find the resources it waits for, once to render), which for the
/// matrix's hundreds of cells was a good part of its render; nothing changes
/// on the server while it renders, so once is the same page. The browser
/// hydrates the same markup either way.
#[cfg(feature = "ssr")]
pub fn live<V: IntoView>(view: impl Fn() -> V + Send + Sync + 'static) -> V {
    view()
}

#[cfg(not(feature = "ssr"))]
pub fn live<V: IntoView + 'static>(view: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    view
}

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let auth = use_auth();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                "Samspill"
            </a>
            <nav aria-label=t.main_navigation>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.user.await {
                            Ok(Some(user)) => {
                                Either::Left(view! {
                                    <A href="/">{t.nav_projects}</A>
                                    <A href="/account/tokens">{t.tokens.title}</A>
                                    {crate::auth::is_guest(&user).then(|| view! { <A href="/account/keep">{t.workshops.keep_access}</A> })}
                                    <span class="who">
                                        <span class="visually-hidden">{t.signed_in_as} " "</span>
                                        <bdi>{user.display_name}</bdi>
                                    </span>
                                    <ActionForm action=auth.sign_out attr:class="inline">
                                        <button type="submit" class="link-button">
                                            {t.sign_out}
                                        </button>
                                    </ActionForm>
                                })
                            }
                            _ => {
                                Either::Right(view! {
                                    <A href="/sign-in">{t.sign_in}</A>
                                    <A href="/sign-up">{t.sign_up}</A>
                                })
                            }
                        }
                    })}
                </Transition>
            </nav>
            <LanguageSwitch />
        </header>
    }
}

/// Two small forms, so the switch works without JavaScript too; with it, the
/// page reloads in the new language once the cookie is set.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    let current = current_lang();
    let action = FormAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            let _ = window().location().reload();
        }
    });
    let option = move |lang: Lang, label: &'static str| {
        view! {
            <ActionForm action attr:class="inline">
                <input type="hidden" name="lang" value=lang.code() />
                <button
                    type="submit"
                    class="lang-button"
                    lang=lang.code()
                    aria-pressed=if lang == current { "true" } else { "false" }
                >
                    {label}
                </button>
            </ActionForm>
        }
    };
    view! {
        <div class="language-switch" role="group" aria-label=t.language>
            {option(Lang::Nb, "Norsk")}
            {option(Lang::En, "English")}
        </div>
    }
}

/// A message for a failed action, read out by screen readers when it appears.
#[component]
pub fn ErrorNote(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error.get().map(|e| {
            view! {
                <p class="error" role="alert">
                    {t.error_message(&e)}
                </p>
            }
        })
    }
}

/// The error of an action's last run, if it failed. Without JavaScript the
/// form posts, and the server sends the browser back with the error in the
/// query string (`__path`, `__err`); that is read here too.
pub fn action_error<I, O>(action: FormAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    use leptos::server_fn::error::ServerFnUrlError;
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        None => {
            let query = query.read();
            (query.get_str("__path") == Some(I::PATH))
                .then(|| {
                    query
                        .get_str("__err")
                        .map(ServerFnUrlError::<AppError>::decode_err)
                })
                .flatten()
        }
    })
}

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <p>
            <a href="/">{t.back_home}</a>
        </p>
    }
}

/// A calendar date (UTC) for a time in milliseconds since 1970, without a
/// date library in the browser bundle.
pub fn format_date(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Date and time (UTC) for a time in milliseconds since 1970.
pub fn format_time(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{} {:02}:{:02} UTC", format_date(ms), minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::{format_date, format_time};

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(
            format_time(1_795_564_800_000 + 9 * 3_600_000 + 31 * 60_000),
            "2026-11-25 09:31 UTC"
        );
    }

    #[test]
    fn dates_are_calendar_days() {
        assert_eq!(format_date(0), "1970-01-01");
        assert_eq!(format_date(1_795_564_800_000), "2026-11-25");
        assert_eq!(format_date(951_782_400_000), "2000-02-29");
    }
}
