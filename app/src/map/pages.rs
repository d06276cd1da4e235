//! The map as a list: every operation reachable with the keyboard and a
//! screen reader, and the view that works on a phone.

use super::api::{AddElement, CreateMap, RemoveElement};
use super::model::ElementKind;
use crate::components::{action_error, ErrorNote};
use crate::i18n::use_texts;
use crate::trail::ProjectState;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn MapSection(project_id: String, state: RwSignal<ProjectState>, can_edit: bool) -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateMap>::new();
    let add = ServerAction::<AddElement>::new();
    let remove = ServerAction::<RemoveElement>::new();
    let maps = move || state.read().maps.values().cloned().collect::<Vec<_>>();
    let pid = StoredValue::new(project_id);

    view! {
        <section aria-labelledby="map-title" class="map">
            <h2 id="map-title">{t.map_title}</h2>
            <p class="hint">{t.map_intro}</p>
            {move || {
                let maps = maps();
                if maps.is_empty() && can_edit {
                    view! {
                        <ActionForm action=create attr:class="inline-form">
                            <input type="hidden" name="project_id" value=pid.get_value() />
                            <label for="new-map-name">{t.map_name}</label>
                            <input id="new-map-name" name="name" type="text" value=t.first_map_name required />
                            <button type="submit">{t.create_map}</button>
                        </ActionForm>
                    }
                        .into_any()
                } else {
                    maps.into_iter()
                        .map(|map| {
                            let map_id = map.id.clone();
                            let elements = move || {
                                let s = state.read();
                                s.elements.values().filter(|e| e.map_id == map_id).cloned().collect::<Vec<_>>()
                            };
                            let kind_id = format!("kind-{}", map.id);
                            let name_id = format!("name-{}", map.id);
                            view! {
                                <h3>{map.name.clone()}</h3>
                                <ul class="elements" aria-label=map.name.clone()>
                                    {move || {
                                        let list = elements();
                                        if list.is_empty() {
                                            view! { <li class="hint">{t.no_elements}</li> }.into_any()
                                        } else {
                                            list.into_iter()
                                                .map(|el| {
                                                    let label = format!("{} {}", t.remove, el.name);
                                                    view! {
                                                        <li class=format!("element kind-{}", el.kind.as_str())>
                                                            <span class="element-name">{el.name.clone()}</span>
                                                            " "
                                                            <span class="badge">{t.element_kind(el.kind)}</span>
                                                            {can_edit
                                                                .then(|| {
                                                                    view! {
                                                                        <ActionForm action=remove attr:class="inline">
                                                                            <input type="hidden" name="project_id" value=pid.get_value() />
                                                                            <input
                                                                                type="hidden"
                                                                                name="base_seq"
                                                                                value=move || state.read().seq.to_string()
                                                                            />
                                                                            <input type="hidden" name="element_id" value=el.id.clone() />
                                                                            <button type="submit" class="link-button" aria-label=label>
                                                                                {t.remove}
                                                                            </button>
                                                                        </ActionForm>
                                                                    }
                                                                })}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()
                                                .into_any()
                                        }
                                    }}
                                </ul>
                                {can_edit
                                    .then(|| {
                                        view! {
                                            <ActionForm action=add attr:class="inline-form add-element">
                                                <input type="hidden" name="project_id" value=pid.get_value() />
                                                <input type="hidden" name="map_id" value=map.id.clone() />
                                                <label for=kind_id.clone()>{t.element_kind}</label>
                                                <select id=kind_id name="kind">
                                                    {ElementKind::ALL
                                                        .into_iter()
                                                        .map(|k| view! { <option value=k.as_str()>{t.element_kind(k)}</option> })
                                                        .collect_view()}
                                                </select>
                                                <label for=name_id.clone()>{t.element_name}</label>
                                                <input id=name_id name="name" type="text" maxlength="120" required />
                                                <button type="submit">{t.add_element}</button>
                                            </ActionForm>
                                        }
                                    })}
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <ErrorNote error=action_error(create) />
            <ErrorNote error=action_error(add) />
            <ErrorNote error=action_error(remove) />
        </section>
    }
}
