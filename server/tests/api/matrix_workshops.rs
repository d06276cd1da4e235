//! The authorisation matrix's part for workshops: leads and facilitators
//! plan and run them; everyone taking part says they are done; members see
//! the join card; anyone with a running workshop's code joins it (a guest
//! bound to that project, if not signed in).

use crate::helpers::*;
use crate::matrix::{check, contributors, curators, members_read, Call, Outcome, Who};
use crate::workshops::{plan, running};
use app::error::AppError;
use serde_json::Value;

/// Ends whatever workshop of the project runs, then starts a fresh one
/// with its first activity running: its id and code.
async fn fresh_workshop(lead: &Person, p: &str) -> (String, String) {
    let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
    let running_now = state["content"]["workshops"]["workshops"]
        .as_object()
        .into_iter()
        .flat_map(|all| all.values())
        .find(|w| !w["started"].is_null() && w["ended"].is_null())
        .map(|w| w["id"].as_str().unwrap().to_owned());
    if let Some(id) = running_now {
        lead.call("end_workshop", &[("project_id", p), ("workshop_id", &id)])
            .await
            .unwrap();
    }
    let (id, code) = running(lead, p).await;
    lead.call(
        "start_activity",
        &[("project_id", p), ("workshop_id", &id), ("index", "0")],
    )
    .await
    .unwrap();
    (id, code)
}

fn anyone_with_the_code(_: Who) -> Outcome {
    Outcome::Allowed
}

pub(crate) async fn check_workshop_calls(
    app: &TestApp,
    backend: Backend,
    who: Who,
    person: &Person,
    lead: &Person,
    p: &str,
) {
    let (w, code) = fresh_workshop(lead, p).await;
    // Started after this person's calls, by the lead, if they were refused.
    let planned = plan(lead, p).await;
    let fields_page = format!("/projects/{p}/fields");
    let calls: Vec<Call> = vec![
        (
            "plan_workshop",
            vec![
                ("project_id", p),
                ("title", "Oppfølging"),
                ("starts_at", "2026-12-10T13:00"),
                ("activity_titles[0]", "Fri diskusjon"),
                ("activity_kinds[0]", "discuss"),
                ("activity_minutes[0]", "20"),
            ],
            curators,
        ),
        (
            "plan_workshop",
            vec![
                ("project_id", p),
                ("workshop_id", &planned),
                ("title", "Endret plan"),
                ("starts_at", "2026-12-10T14:00"),
                ("activity_titles[0]", "Kartlegg"),
                ("activity_kinds[0]", "map"),
                ("activity_minutes[0]", "5"),
            ],
            curators,
        ),
        (
            "get_join_card",
            vec![("project_id", p), ("workshop_id", &w)],
            members_read,
        ),
        (
            "get_workshop_summary",
            vec![("project_id", p), ("workshop_id", &w)],
            members_read,
        ),
        (
            "mark_done",
            vec![("project_id", p), ("workshop_id", &w)],
            contributors,
        ),
        (
            "start_activity",
            vec![("project_id", p), ("workshop_id", &w), ("index", "1")],
            curators,
        ),
        (
            // The workshop's second activity rates fields; choosing none
            // there changes nothing for those allowed.
            "choose_activity_items",
            vec![("project_id", p), ("workshop_id", &w), ("index", "1")],
            curators,
        ),
        (
            "pause_timer",
            vec![("project_id", p), ("workshop_id", &w), ("pause", "on")],
            curators,
        ),
        (
            "bring_everyone",
            vec![("project_id", p), ("workshop_id", &w), ("path", &fields_page)],
            curators,
        ),
        (
            "lock_editing",
            vec![("project_id", p), ("workshop_id", &w), ("locked", "")],
            curators,
        ),
        (
            "write_workshop_notes",
            vec![("project_id", p), ("workshop_id", &w), ("notes", "Stille runde")],
            curators,
        ),
        (
            "end_workshop",
            vec![("project_id", p), ("workshop_id", &w)],
            curators,
        ),
        (
            "start_workshop",
            vec![("project_id", p), ("workshop_id", &planned)],
            curators,
        ),
    ];
    for (function, args, rule) in calls {
        let got = person.call_with_status(function, &args).await;
        check(backend, function, who, rule(who), &got);
    }

    // Dot votes: leads and facilitators open and reveal; everyone taking
    // part places dots; members read their own and the count.
    let candidates = lead
        .call("get_vote_candidates", &[("project_id", p)])
        .await
        .unwrap();
    let items: Vec<String> = candidates
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g[1].as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
        })
        .take(2)
        .collect();
    let fresh = fresh_workshop(lead, p).await.0;
    let open = [
        ("project_id", p),
        ("workshop_id", fresh.as_str()),
        ("items[0]", items[0].as_str()),
        ("items[1]", items[1].as_str()),
        ("dots", "3"),
    ];
    let got = person.call_with_status("open_dot_vote", &open).await;
    check(backend, "open_dot_vote", who, curators(who), &got);
    if got.1.is_err() {
        lead.call("open_dot_vote", &open).await.unwrap();
    }
    let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
    let vote = state["content"]["workshops"]["dot_votes"]
        .as_object()
        .unwrap()
        .values()
        .find(|v| v["workshop_id"] == fresh.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let calls: Vec<Call> = vec![
        ("get_vote_candidates", vec![("project_id", p)], members_read),
        (
            "cast_dots",
            vec![
                ("project_id", p),
                ("vote_id", &vote),
                ("dots[0]", "2"),
                ("dots[1]", "1"),
            ],
            contributors,
        ),
        (
            "get_my_dots",
            vec![("project_id", p), ("vote_id", &vote)],
            members_read,
        ),
        (
            "reveal_dots",
            vec![("project_id", p), ("vote_id", &vote)],
            curators,
        ),
    ];
    for (function, args, rule) in calls {
        let got = person.call_with_status(function, &args).await;
        check(backend, function, who, rule(who), &got);
    }

    // Keeping access is for guests; none of the matrix's people is one.
    let got = person
        .call_with_status(
            "keep_access",
            &[("email", "kept@example.org"), ("password", PASSWORD)],
        )
        .await;
    let guests_only = match who {
        Who::SignedOut => Outcome::Refused(AppError::NotSignedIn),
        _ => Outcome::Refused(AppError::Forbidden),
    };
    check(backend, "keep_access", who, guests_only, &got);

    // Joining: whoever has the code. The signed-out and the non-member
    // callers are people of their own, so that the matrix's stay what they
    // are (signed out, not a member) for the checks after this.
    let (_, code_now) = fresh_workshop(lead, p).await;
    assert_ne!(code, code_now);
    let stand_in = match who {
        Who::SignedOut => Some(Person::anonymous(app)),
        Who::NonMember => Some(Person::sign_up(app, "Newcomer", "newcomer@example.org").await),
        _ => None,
    };
    let joiner = stand_in.as_ref().unwrap_or(person);
    let got = joiner
        .call_with_status(
            "join_workshop",
            &[
                ("code", &code_now),
                ("name", "Gjest"),
                ("profession", "therapist"),
            ],
        )
        .await;
    check(backend, "join_workshop", who, anyone_with_the_code(who), &got);
    assert_eq!(
        got.1.unwrap(),
        Value::String(format!("/projects/{p}")),
        "{backend:?}: {who:?} is taken to the project"
    );
}
