//! Joining a workshop with its code (`/workshop?code=…`, where the QR code
//! leads): the code, a name and a profession, one form. Someone signed in
//! joins as themselves; anyone else becomes a guest of the project.

use super::super::api::JoinWorkshop;
use crate::components::editing::{action_error, ErrorNote};
use crate::components::form::{ActionForm, FormAction};
use crate::i18n::use_texts;
use crate::use_auth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn JoinWorkshopPage() -> impl IntoView {
    let t = use_texts();
    let wt = t.workshops;
    let auth = use_auth();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let join = FormAction::<JoinWorkshop>::new();
    view! {
        <Title text=format!("{} – Samspill", wt.join_title) />
        <section class="narrow">
            <h1>{wt.join_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let signed_in = matches!(auth.user.await, Ok(Some(_)));
                    view! {
                        <p>{if signed_in { wt.join_as_member } else { wt.join_intro }}</p>
                        <ActionForm action=join>
                            <div class="field">
                                <label for="workshop-code">{wt.code_label}</label>
                                <input id="workshop-code" name="code" required autocomplete="off"
                                    autocapitalize="characters" maxlength="7" class="code-input" value=code() />
                            </div>
                            {(!signed_in).then(|| view! {
                                <div class="field">
                                    <label for="workshop-name">{wt.your_name}</label>
                                    <input id="workshop-name" name="name" required maxlength="80" autocomplete="name" />
                                </div>
                            })}
                            <div class="field">
                                <label for="workshop-profession">{wt.your_profession}</label>
                                {crate::projects::pages::profession_select(t, "workshop-profession", None)}
                            </div>
                            <ErrorNote error=action_error(join) />
                            <button type="submit" class="primary">{wt.join_button}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}
