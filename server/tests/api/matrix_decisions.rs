//! The authorisation matrix's part for design decisions: anyone taking part
//! proposes, argues and takes positions; leads and facilitators edit
//! others' decisions, change the status, close and reopen.

use crate::helpers::*;
use crate::matrix::{check, contributors, curators, Call, Who};
use serde_json::Value;

/// A decision open for discussion with two options, proposed by the lead:
/// its id, its first option's id and the project's version.
async fn fresh_decision(lead: &Person, project_id: &str) -> (String, String, String) {
    lead.call(
        "propose_decision",
        &[
            ("project_id", project_id),
            ("title", "Pårørendes telefonnummer"),
            ("options", "Vises for alle\nSkjules for nattevakten"),
            ("open", "on"),
        ],
    )
    .await
    .unwrap();
    let state = lead
        .call("get_trail_state", &[("project_id", project_id)])
        .await
        .unwrap();
    let newest = state["content"]["decisions"]["decisions"]
        .as_object()
        .unwrap()
        .values()
        .max_by_key(|d| d["revisions"][0][1]["seq"].as_i64().unwrap())
        .unwrap();
    let option = newest["revisions"][0][0]["options"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (
        newest["id"].as_str().unwrap().to_owned(),
        option,
        state["seq"].to_string(),
    )
}

pub(crate) async fn check_decision_calls(
    backend: Backend,
    who: Who,
    person: &Person,
    lead: &Person,
    p: &str,
) {
    let (d, option, seq) = fresh_decision(lead, p).await;
    let (newer, _, _) = fresh_decision(lead, p).await;
    let calls: Vec<Call> = vec![
        (
            "propose_decision",
            vec![
                ("project_id", p),
                ("title", "Egen beslutning"),
                ("options", "A\nB"),
            ],
            contributors,
        ),
        (
            "argue",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("option_id", &option),
                ("side", "against"),
                ("text", "Nattevakten ringer pårørende sjelden"),
            ],
            contributors,
        ),
        (
            "take_position",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("option_id", &option),
                ("stance", "agree"),
            ],
            contributors,
        ),
        (
            "revise_decision",
            vec![
                ("project_id", p),
                ("base_seq", &seq),
                ("decision_id", &d),
                ("title", "Pårørendes telefonnummer om natten"),
                ("options", "Vises for alle\nSkjules for nattevakten"),
            ],
            curators,
        ),
        (
            "set_quorum",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("professions[0]", "nurse"),
            ],
            curators,
        ),
        // No quorum again, so the close below is not held up by it.
        (
            "set_quorum",
            vec![("project_id", p), ("decision_id", &d)],
            curators,
        ),
        (
            "set_decision_status",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("status", "deferred"),
                ("reason", "Venter på juridisk vurdering"),
            ],
            curators,
        ),
        (
            "reopen_decision",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("reason", "Vurderingen kom"),
            ],
            curators,
        ),
        (
            "close_decision",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("outcome", &option),
                ("rationale", "Alle trenger å nå pårørende"),
            ],
            curators,
        ),
        (
            "supersede_decision",
            vec![
                ("project_id", p),
                ("decision_id", &d),
                ("by", &newer),
                ("reason", "Den nye gjelder også helg"),
            ],
            curators,
        ),
    ];
    for (function, args, rule) in calls {
        let got: (u16, Result<Value, _>) = person.call_with_status(function, &args).await;
        check(backend, function, who, rule(who), &got);
    }
}
