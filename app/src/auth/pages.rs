//! Sign-in and sign-up pages.

use super::api::{SignIn, SignUp};
use crate::components::action_error;
use crate::components::form::{ActionForm, FormAction};
use crate::components::ErrorNote;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where to go after signing in (an invite link, say), carried through the
/// form so it survives a failed attempt.
fn next_param() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.read().get("next").unwrap_or_default())
}

fn with_next(path: &str, next: &str) -> String {
    if next.is_empty() {
        path.to_owned()
    } else {
        let mut encoded = String::new();
        for b in next.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                    encoded.push(b as char)
                }
                _ => encoded.push_str(&format!("%{b:02X}")),
            }
        }
        format!("{path}?next={encoded}")
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let action = FormAction::<SignIn>::new();
    let next = next_param();
    view! {
        <Title text=format!("{} – Samspill", t.sign_in_title) />
        <section class="narrow">
            <h1>{t.sign_in_title}</h1>
            <ActionForm action>
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{t.email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required />
                </div>
                <div class="field">
                    <label for="password">{t.password}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                    />
                </div>
                <ErrorNote error=action_error(action) />
                <button type="submit" class="primary">
                    {t.sign_in}
                </button>
            </ActionForm>
            <p>
                {t.no_account} " "
                <a href=move || with_next("/sign-up", &next.get())>{t.sign_up}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let t = use_texts();
    let action = FormAction::<SignUp>::new();
    let next = next_param();
    view! {
        <Title text=format!("{} – Samspill", t.sign_up_title) />
        <section class="narrow">
            <h1>{t.sign_up_title}</h1>
            <ActionForm action>
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="display_name">{t.display_name}</label>
                    <input
                        id="display_name"
                        name="display_name"
                        type="text"
                        autocomplete="name"
                        maxlength="80"
                        required
                    />
                </div>
                <div class="field">
                    <label for="email">{t.email}</label>
                    <input id="email" name="email" type="email" autocomplete="email" required />
                </div>
                <div class="field">
                    <label for="password">{t.password}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength="10"
                        aria-describedby="password-hint"
                        required
                    />
                    <p class="hint" id="password-hint">
                        {t.password_hint}
                    </p>
                </div>
                <ErrorNote error=action_error(action) />
                <button type="submit" class="primary">
                    {t.create_account}
                </button>
            </ActionForm>
            <p>
                {t.have_account} " "
                <a href=move || with_next("/sign-in", &next.get())>{t.sign_in}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::with_next;

    #[test]
    fn next_is_carried_encoded() {
        assert_eq!(with_next("/sign-in", ""), "/sign-in");
        assert_eq!(
            with_next("/sign-in", "/join/ABCD-EFGH"),
            "/sign-in?next=/join/ABCD-EFGH"
        );
        assert_eq!(with_next("/sign-in", "/x?a=1&b"), "/sign-in?next=/x%3Fa%3D1%26b");
    }
}
