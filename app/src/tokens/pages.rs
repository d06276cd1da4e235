//! The person's API tokens (`/account/tokens`): make one, see it once,
//! revoke it. Plain forms, so it works without JavaScript.

use super::api::{list_tokens, CreateToken, RevokeToken};
use super::{ApiToken, NewToken};
use crate::components::form::{ActionForm, FormAction};
use crate::components::{action_error, format_date, ErrorNote};
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TokensPage() -> impl IntoView {
    let t = use_texts();
    let tt = t.tokens;
    let create = FormAction::<CreateToken>::new();
    let revoke = FormAction::<RevokeToken>::new();
    let tokens = crate::json::resource(
        move || (create.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    view! {
        <Title text=format!("{} – Samspill", tt.title) />
        <section class="narrow tokens">
            <h1>{tt.title}</h1>
            <p>{tt.intro}</p>
            <p>
                {tt.how_to_use} " " {tt.described_in} " "
                <a href="/api/v1/openapi.json">
                    <code>"/api/v1/openapi.json"</code>
                </a> "."
            </p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(list) => {
                            // With JavaScript the new token is the action's
                            // answer; without, the page's (`Tokens::fresh`).
                            // Shown only while it works: revoked, it is gone.
                            let working: Vec<String> = list
                                .tokens
                                .iter()
                                .filter(|t| t.revoked_at_ms.is_none())
                                .map(|t| t.id.clone())
                                .collect();
                            let fresh = Signal::derive(move || {
                                match create.value().get() {
                                    Some(Ok(new)) => Some(new),
                                    _ => list.fresh.clone(),
                                }
                                .filter(|new| working.contains(&new.id))
                            });
                            EitherOf3::A(
                                view! {
                                    <Fresh fresh />
                                    <CreateForm create />
                                    <TokenList tokens=list.tokens revoke />
                                },
                            )
                        }
                        Err(AppError::NotSignedIn) => {
                            EitherOf3::B(
                                view! {
                                    <p>
                                        <a href="/sign-in?next=/account/tokens">{tt.sign_in_first}</a>
                                    </p>
                                },
                            )
                        }
                        Err(e) => {
                            EitherOf3::C(
                                view! {
                                    <p class="error" role="alert">
                                        {t.error_message(&e)}
                                    </p>
                                },
                            )
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Fresh(fresh: Signal<Option<NewToken>>) -> impl IntoView {
    let tt = use_texts().tokens;
    move || {
        fresh.get().map(|new| {
            view! {
                <div class="new-token" role="status">
                    <h2>{tt.your_new_token} ": " <bdi>{new.name}</bdi></h2>
                    <p>
                        <code class="token-secret">{new.secret}</code>
                    </p>
                    <p>{tt.shown_once}</p>
                </div>
            }
        })
    }
}

#[component]
fn CreateForm(create: FormAction<CreateToken>) -> impl IntoView {
    let tt = use_texts().tokens;
    view! {
        <h2>{tt.new_title}</h2>
        <ActionForm action=create>
            <div class="field">
                <label for="token-name">{tt.name}</label>
                <input
                    id="token-name"
                    name="name"
                    type="text"
                    maxlength="80"
                    required
                    aria-describedby="token-name-hint"
                />
                <p class="hint" id="token-name-hint">
                    {tt.name_hint}
                </p>
            </div>
            <ErrorNote error=action_error(create) />
            <button type="submit" class="primary">
                {tt.create}
            </button>
        </ActionForm>
    }
}

#[component]
fn TokenList(tokens: Vec<ApiToken>, revoke: FormAction<RevokeToken>) -> impl IntoView {
    let t = use_texts();
    let tt = t.tokens;
    if tokens.is_empty() {
        return Either::Left(view! {
            <h2>{tt.list_title}</h2>
            <p>{tt.none}</p>
        });
    }
    let rows = tokens
        .into_iter()
        .map(|token| {
            let revoke_label = (tt.revoke_named)(&token.name);
            let status = match token.revoked_at_ms {
                Some(ms) => Either::Left((tt.revoked_on)(&format_date(ms))),
                None => Either::Right(view! {
                    <ActionForm action=revoke attr:class="inline">
                        <input type="hidden" name="token_id" value=token.id.clone() />
                        {tt.working} " "
                        <button type="submit" aria-label=revoke_label>
                            {tt.revoke}
                        </button>
                    </ActionForm>
                }),
            };
            view! {
                <tr>
                    <td>
                        <bdi>{token.name}</bdi>
                    </td>
                    <td>
                        <code>"…" {token.last_four}</code>
                    </td>
                    <td>{format_date(token.created_at_ms)}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    Either::Right(view! {
        <h2>{tt.list_title}</h2>
        <table class="members tokens">
            <thead>
                <tr>
                    <th scope="col">{t.member_name}</th>
                    <th scope="col">{tt.ends_in}</th>
                    <th scope="col">{tt.created}</th>
                    <th scope="col">{tt.status}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <ErrorNote error=action_error(revoke) />
    })
}
