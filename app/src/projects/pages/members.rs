//! A project's members, invites and settings.

use super::frame::{project_error, use_project_id, ProjectHeader, ProjectNav, Section, YourRole};
use super::{profession_select, role_options};
use crate::components::form::{ActionForm, FormAction};
use crate::components::{action_error, format_date, ErrorNote};
use crate::i18n::{use_texts, Texts};
use crate::people::Role;
use crate::projects::api::{get_project, CreateInvite, SetMemberRole, SetMyProfession, UpdateProject};
use crate::projects::{Member, ProjectView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MembersPage() -> impl IntoView {
    let t = use_texts();
    let project_id = use_project_id();
    let update = FormAction::<UpdateProject>::new();
    let invite = FormAction::<CreateInvite>::new();
    let set_role = FormAction::<SetMemberRole>::new();
    let set_profession = FormAction::<SetMyProfession>::new();
    let project = crate::json::resource(
        move || {
            (
                project_id.get(),
                update.version().get(),
                invite.version().get(),
                set_role.version().get(),
                set_profession.version().get(),
            )
        },
        |(id, ..)| get_project(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match project.await {
                    Ok(p) => {
                        view! {
                            <Title text=format!("{} – {} – Samspill", t.members_title, p.name) />
                            <ProjectHeader name=p.name.clone() purpose=p.purpose.clone() />
                            <ProjectNav project_id=p.id.clone() current=Section::Members />
                            <YourRole role=p.my_role />
                            <ProjectMembers
                                project=p
                                update=update
                                invite=invite
                                set_role=set_role
                                set_profession=set_profession
                            />
                        }
                            .into_any()
                    }
                    Err(e) => project_error(t, &e, &project_id.get_untracked()).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectMembers(
    project: ProjectView,
    update: FormAction<UpdateProject>,
    invite: FormAction<CreateInvite>,
    set_role: FormAction<SetMemberRole>,
    set_profession: FormAction<SetMyProfession>,
) -> impl IntoView {
    let t = use_texts();
    let is_lead = project.my_role.can_manage();
    let can_edit = project.my_role.can_edit_content();
    let id = project.id.clone();
    let (id2, id3, id4) = (id.clone(), id.clone(), id.clone());
    view! {
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
    set_role: FormAction<SetMemberRole>,
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
