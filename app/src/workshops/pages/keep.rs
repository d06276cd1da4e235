//! A guest keeps their access (`/account/keep`): an email and a password,
//! after which they sign in as anyone does and are no longer bound to the
//! project whose workshop they joined.

use crate::auth::api::KeepAccess;
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn KeepAccessPage() -> impl IntoView {
    let t = use_texts();
    let wt = t.workshops;
    let keep = FormAction::<KeepAccess>::new();
    view! {
        <Title text=format!("{} – Samspill", wt.keep_access) />
        <section class="narrow">
            <h1>{wt.keep_access}</h1>
            <p>{wt.keep_intro}</p>
            <ActionForm action=keep>
                <div class="field">
                    <label for="keep-email">{t.email}</label>
                    <input id="keep-email" name="email" type="email" autocomplete="email" required />
                </div>
                <div class="field">
                    <label for="keep-password">{t.password}</label>
                    <input id="keep-password" name="password" type="password" autocomplete="new-password"
                        minlength="10" aria-describedby="keep-password-hint" required />
                    <p class="hint" id="keep-password-hint">{t.password_hint}</p>
                </div>
                <ErrorNote error=action_error(keep) />
                <button type="submit" class="primary">{wt.keep_button}</button>
            </ActionForm>
        </section>
    }
}
