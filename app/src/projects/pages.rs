//! The projects list, one project with its members and invites, and joining.

use super::api::{
    get_project, list_projects, preview_invite, CreateInvite, CreateProject, JoinProject, SetMemberRole,
    SetMyProfession, UpdateProject,
};
use super::domain::{Profession, Role};
use super::{Member, ProjectView};
use crate::components::{action_error, format_date, ErrorNote};
use crate::error::AppError;
use crate::i18n::{use_texts, Texts};
use crate::map::pages::MapSection;
use crate::trail::api::get_trail_state;
use crate::trail::live::{follow, LiveStatus};
use crate::trail::ProjectState;
use crate::use_auth;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A `<select>` of professions; `selected` pre-selects one.
fn profession_select(t: &'static Texts, id: &'static str, selected: Option<Profession>) -> impl IntoView {
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

fn role_options(t: &'static Texts, selected: Role) -> impl IntoView {
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
    let create = ServerAction::<CreateProject>::new();
    let projects = Resource::new(move || create.version().get(), |_| list_projects());
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

#[component]
pub fn ProjectPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let project_id = move || params.read().get("id").unwrap_or_default();

    let update = ServerAction::<UpdateProject>::new();
    let invite = ServerAction::<CreateInvite>::new();
    let set_role = ServerAction::<SetMemberRole>::new();
    let set_profession = ServerAction::<SetMyProfession>::new();
    let project = Resource::new(
        move || {
            (
                project_id(),
                update.version().get(),
                invite.version().get(),
                set_role.version().get(),
                set_profession.version().get(),
            )
        },
        |(id, ..)| get_project(id),
    );

    let initial = Resource::new(project_id, get_trail_state);

    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match initial.await {
                    Ok(state) => {
                        view! {
                            <LiveProject
                                initial=state
                                project=project
                                update=update
                                invite=invite
                                set_role=set_role
                                set_profession=set_profession
                            />
                        }
                            .into_any()
                    }
                    Err(e) => project_error(t, &e, &project_id()).into_any(),
                }
            })}
        </Suspense>
    }
}

fn project_error(t: &'static Texts, e: &AppError, project_id: &str) -> impl IntoView {
    match e {
        AppError::NotSignedIn => view! {
            <h1>{t.sign_in_title}</h1>
            <p>{t.error_message(&AppError::NotSignedIn)}</p>
            <p>
                <a href=format!("/sign-in?next=/projects/{project_id}")>{t.sign_in}</a>
            </p>
        }
        .into_any(),
        AppError::NotFound => view! { <crate::components::NotFound /> }.into_any(),
        e => view! { <p class="error" role="alert">{t.error_message(e)}</p> }.into_any(),
    }
}

/// The project's content, kept live: the state starts as the server sent it
/// and follows the stream from there. Members and settings load beside it.
#[component]
fn LiveProject(
    initial: ProjectState,
    project: Resource<Result<ProjectView, AppError>>,
    update: ServerAction<UpdateProject>,
    invite: ServerAction<CreateInvite>,
    set_role: ServerAction<SetMemberRole>,
    set_profession: ServerAction<SetMyProfession>,
) -> impl IntoView {
    let t = use_texts();
    let project_id = initial.project_id.clone();
    let state = RwSignal::new(initial);
    let status = RwSignal::new(LiveStatus::Connecting);
    follow(project_id.clone(), state, status);

    // Someone who joined after this page loaded starts changing things: load
    // the member list again so their name shows (once per new person, so a
    // former member cannot cause a loop).
    let asked_for = StoredValue::new(std::collections::HashSet::<String>::new());
    Effect::new(move |_| {
        let Some(Ok(view)) = project.get() else { return };
        let s = state.read();
        let actors = s
            .elements
            .values()
            .map(|e| &e.added_by)
            .chain(s.links.values().map(|l| &l.added_by))
            .chain(s.pain_points.values().map(|p| &p.raised_by));
        let newcomer = actors
            .filter(|a| !view.members.iter().any(|m| &m.user_id == *a))
            .find(|a| !asked_for.with_value(|seen| seen.contains(*a)))
            .cloned();
        drop(s);
        if let Some(newcomer) = newcomer {
            asked_for.update_value(|seen| {
                seen.insert(newcomer);
            });
            project.refetch();
        }
    });
    view! {
        <Title text=move || format!("{} – Samspill", state.read().name) />
        <header class="project-header">
            <h1 dir="auto">{move || state.read().name.clone()}</h1>
            <p class="purpose" dir="auto">{move || state.read().purpose.clone()}</p>
            <p>
                <a href=format!("/projects/{project_id}/history")>{t.history_link}</a>
            </p>
            <p class="live-status" role="status">
                {move || match status.get() {
                    LiveStatus::Connecting => "",
                    LiveStatus::Live => t.live_on,
                    LiveStatus::Reconnecting => t.live_reconnecting,
                    LiveStatus::Ended => t.live_ended,
                }}
            </p>
        </header>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let project_id = project_id.clone();
                Suspend::new(async move {
                match project.await {
                    Ok(p) => {
                        view! {
                            <ProjectDetails
                                project=p
                                state=state
                                update=update
                                invite=invite
                                set_role=set_role
                                set_profession=set_profession
                            />
                        }
                            .into_any()
                    }
                    Err(e) => project_error(t, &e, &project_id).into_any(),
                }
            })
            }}
        </Suspense>
    }
}

#[component]
fn ProjectDetails(
    project: ProjectView,
    state: RwSignal<ProjectState>,
    update: ServerAction<UpdateProject>,
    invite: ServerAction<CreateInvite>,
    set_role: ServerAction<SetMemberRole>,
    set_profession: ServerAction<SetMyProfession>,
) -> impl IntoView {
    let t = use_texts();
    let is_lead = project.my_role.can_manage();
    let can_edit = project.my_role.can_edit_content();
    let id = project.id.clone();
    let (id2, id3, id4) = (id.clone(), id.clone(), id.clone());
    view! {
        <p>
            {t.your_role} ": " <span class="badge">{t.role(project.my_role)}</span>
        </p>
        {(!can_edit).then(|| view! { <p class="notice" role="note">{t.observer_notice}</p> })}

        <MapSection
            project_id=id.clone()
            state=state
            can_edit=can_edit
            names=project.members.iter().map(|m| (m.user_id.clone(), m.display_name.clone())).collect()
        />

        <section aria-labelledby="members">
            <h2 id="members">{t.members_title}</h2>
            <table class="members">
                <thead>
                    <tr>
                        <th scope="col">{t.member_name}</th>
                        <th scope="col">{t.member_role}</th>
                        <th scope="col">{t.member_profession}</th>
                    </tr>
                </thead>
                <tbody>
                    {project
                        .members
                        .iter()
                        .map(|m| member_row(t, id.clone(), m.clone(), is_lead, set_role))
                        .collect_view()}
                </tbody>
            </table>
            {is_lead.then(|| view! { <ErrorNote error=action_error(set_role) /> })}
        </section>

        {can_edit
            .then(|| {
                view! {
                    <section aria-labelledby="my-profession">
                        <h2 id="my-profession">{t.my_profession_title}</h2>
                        <ActionForm action=set_profession attr:class="inline-form">
                            <input type="hidden" name="project_id" value=id2 />
                            <label for="my-profession-select" class="visually-hidden">
                                {t.your_profession}
                            </label>
                            {profession_select(t, "my-profession-select", Some(project.my_profession))}
                            <button type="submit">{t.save}</button>
                        </ActionForm>
                        <ErrorNote error=action_error(set_profession) />
                    </section>
                }
            })}

        {is_lead
            .then(|| {
                view! {
                    <section aria-labelledby="invites">
                        <h2 id="invites">{t.invites_title}</h2>
                        <p class="hint">{t.invite_help}</p>
                        <ActionForm action=invite attr:class="inline-form">
                            <input type="hidden" name="project_id" value=id3.clone() />
                            <label for="invite-role">{t.invite_role}</label>
                            <select id="invite-role" name="role">
                                {role_options(t, Role::Participant)}
                            </select>
                            <button type="submit">{t.create_invite}</button>
                        </ActionForm>
                        <ErrorNote error=action_error(invite) />
                        <ul class="invites">
                            {project
                                .invites
                                .iter()
                                .map(|i| {
                                    view! {
                                        <li class="invite">
                                            <span class="badge">{t.role(i.role)}</span>
                                            " " {t.invite_code} ": "
                                            <strong class="invite-code">{i.code.clone()}</strong>
                                            " · " {t.invite_link} ": "
                                            <a class="invite-link" href=i.url.clone()>{i.url.clone()}</a>
                                            " · " {t.invite_valid_until} " " {format_date(i.expires_at_ms)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                    <section aria-labelledby="settings">
                        <h2 id="settings">{t.project_settings_title}</h2>
                        <ActionForm action=update>
                            <input type="hidden" name="project_id" value=id4 />
                            <input type="hidden" name="base_seq" value=project.seq.to_string() />
                            <div class="field">
                                <label for="settings-name">{t.project_name}</label>
                                <input
                                    id="settings-name"
                                    name="name"
                                    type="text"
                                    maxlength="120"
                                    required
                                    value=project.name.clone()
                                />
                            </div>
                            <div class="field">
                                <label for="settings-purpose">{t.purpose}</label>
                                <textarea id="settings-purpose" name="purpose" rows="3" maxlength="2000">
                                    {project.purpose.clone()}
                                </textarea>
                            </div>
                            <ErrorNote error=action_error(update) />
                            <button type="submit">{t.save}</button>
                        </ActionForm>
                    </section>
                }
            })}
    }
}

fn member_row(
    t: &'static Texts,
    project_id: String,
    m: Member,
    is_lead: bool,
    set_role: ServerAction<SetMemberRole>,
) -> impl IntoView {
    let select_id = format!("role-{}", m.user_id);
    let name = m.display_name.clone();
    let role_cell = if is_lead {
        let (user_id, name1, name2) = (m.user_id.clone(), m.display_name.clone(), m.display_name.clone());
        view! {
            <ActionForm action=set_role attr:class="inline-form">
                <input type="hidden" name="project_id" value=project_id />
                <input type="hidden" name="member_id" value=user_id />
                <label for=select_id.clone() class="visually-hidden">
                    {t.change_role_of} " " <bdi>{name1}</bdi>
                </label>
                <select id=select_id name="role">
                    {role_options(t, m.role)}
                </select>
                <button type="submit">
                    {t.change_role}
                    <span class="visually-hidden">" – " <bdi>{name2}</bdi></span>
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! { <span>{t.role(m.role)}</span> }.into_any()
    };
    view! {
        <tr>
            <td>
                <bdi>{name}</bdi>
            </td>
            <td>{role_cell}</td>
            <td>{t.profession(m.profession)}</td>
        </tr>
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
    let join = ServerAction::<JoinProject>::new();
    let preview = Resource::new(code, preview_invite);
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
                                <p>
                                    <strong>
                                        <bdi>{invite.project_name}</bdi>
                                    </strong>
                                    " · " {t.join_invited_as} " " <span class="badge">{t.role(invite.role)}</span>
                                </p>
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
                                <p>
                                    <strong>
                                        <bdi>{invite.project_name}</bdi>
                                    </strong>
                                    " · " {t.join_invited_as} " " <span class="badge">{t.role(invite.role)}</span>
                                </p>
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
