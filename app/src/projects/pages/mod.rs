//! The projects list, a project's pages and joining. Each feature has a
//! page of its own in a project (`frame` holds the navigation between
//! them); the members, invites and settings are on `members`.

pub mod frame;
pub mod members;

use super::api::{list_projects, preview_invite, CreateProject, JoinProject};
use super::domain::{Profession, Role};
use crate::components::form::{ActionForm, FormAction};
use crate::components::{action_error, ErrorNote};
use crate::i18n::{use_texts, Texts};
use crate::use_auth;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A `<select>` of professions; `selected` pre-selects one.
pub(crate) fn profession_select(
    t: &'static Texts,
    id: &'static str,
    selected: Option<Profession>,
) -> impl IntoView {
    view! {
        <select id=id name="profession" required>
            <option value="" selected=selected.is_none()>
                {t.choose}
            </option>
            {Profession::ALL
                .into_iter()
                .map(|p| {
                    view! {
                        <option value=p.as_str() selected=selected == Some(p)>
                            {t.profession(p)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

pub(crate) fn role_options(t: &'static Texts, selected: Role) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| {
            view! {
                <option value=r.as_str() selected=r == selected>
                    {t.role(r)}
                </option>
            }
        })
        .collect_view()
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let auth = use_auth();
    view! {
        <Title text="Samspill" />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(_)) => view! { <Dashboard /> }.into_any(),
                    _ => view! { <Welcome /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="welcome">
            <h1>"Samspill"</h1>
            <p class="tagline">{t.tagline}</p>
            <p>{t.intro}</p>
            <ul>{t.intro_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            <p class="actions">
                <a class="button primary" href="/sign-up">
                    {t.sign_up}
                </a>
                <a class="button" href="/sign-in">
                    {t.sign_in}
                </a>
            </p>
        </section>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let t = use_texts();
    let create = FormAction::<CreateProject>::new();
    let projects = crate::json::resource(move || create.version().get(), |_| list_projects());
    view! {
        <h1>{t.my_projects_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match projects.await {
                    Ok(list) if list.is_empty() => view! { <p>{t.no_projects}</p> }.into_any(),
                    Ok(list) => {
                        view! {
                            <ul class="project-list">
                                {list
                                    .into_iter()
                                    .map(|p| {
                                        view! {
                                            <li>
                                                <a href=format!("/projects/{}", p.id) dir="auto">{p.name}</a>
                                                <span class="badge">{t.role(p.my_role)}</span>
                                                <p dir="auto">{p.purpose}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert">{t.error_message(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
        <div class="columns">
            <section aria-labelledby="new-project">
                <h2 id="new-project">{t.new_project_title}</h2>
                <ActionForm action=create>
                    <div class="field">
                        <label for="project-name">{t.project_name}</label>
                        <input id="project-name" name="name" type="text" maxlength="120" required />
                    </div>
                    <div class="field">
                        <label for="project-purpose">{t.purpose}</label>
                        <textarea id="project-purpose" name="purpose" rows="3" maxlength="2000"></textarea>
                    </div>
                    <div class="field">
                        <label for="project-profession">{t.your_profession}</label>
                        {profession_select(t, "project-profession", None)}
                    </div>
                    <ErrorNote error=action_error(create) />
                    <button type="submit" class="primary">
                        {t.create_project}
                    </button>
                </ActionForm>
            </section>
            <section aria-labelledby="join-code">
                <h2 id="join-code">{t.join_with_code_title}</h2>
                <form method="get" action="/join">
                    <div class="field">
                        <label for="invite-code">{t.invite_code}</label>
                        <input
                            id="invite-code"
                            name="code"
                            type="text"
                            autocomplete="off"
                            autocapitalize="characters"
                            placeholder="ABCD-EFGH"
                            required
                        />
                    </div>
                    <button type="submit">{t.go_to_invite}</button>
                </form>
            </section>
        </div>
    }
}

/// The project an invite is for, the role it gives and what that role may do.
fn invite_heading(t: &'static Texts, invite: &super::InvitePreview) -> impl IntoView {
    view! {
        <p>
            <strong>
                <bdi>{invite.project_name.clone()}</bdi>
            </strong>
            " · " {t.join_invited_as} " " <span class="badge">{t.role(invite.role)}</span>
        </p>
        <p class="role-help">{(t.role_can)(invite.role)}</p>
    }
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let t = use_texts();
    let auth = use_auth();
    let params = use_params_map();
    let query = use_query_map();
    let code = move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("code"))
            .unwrap_or_default()
    };
    let join = FormAction::<JoinProject>::new();
    let preview = crate::json::resource(code, preview_invite);
    view! {
        <Title text=format!("{} – Samspill", t.join_title) />
        <section class="narrow">
            <h1>{t.join_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let preview = preview.await;
                    let user = auth.user.await;
                    match (preview, user) {
                        (Err(e), _) => {
                            view! { <p class="error" role="alert">{t.error_message(&e)}</p> }.into_any()
                        }
                        (Ok(invite), Ok(Some(_))) => {
                            view! {
                                {invite_heading(t, &invite)}
                                <ActionForm action=join>
                                    <input type="hidden" name="code" value=code() />
                                    <div class="field">
                                        <label for="join-profession">{t.your_profession}</label>
                                        {profession_select(t, "join-profession", None)}
                                    </div>
                                    <ErrorNote error=action_error(join) />
                                    <button type="submit" class="primary">
                                        {t.join_button}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        (Ok(invite), _) => {
                            let next = format!(
                                "/join/{}",
                                super::domain::InviteCode::parse(&code()).map(|c| c.display()).unwrap_or_default(),
                            );
                            view! {
                                {invite_heading(t, &invite)}
                                <p>{t.join_sign_in_first}</p>
                                <p class="actions">
                                    <a class="button primary" href=format!("/sign-up?next={next}")>
                                        {t.sign_up}
                                    </a>
                                    <a class="button" href=format!("/sign-in?next={next}")>
                                        {t.sign_in}
                                    </a>
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
