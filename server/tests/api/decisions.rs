//! Design decisions through the real server: the same position sent fifty
//! times at once is one position, and two people at the same moment each
//! get theirs.

use crate::helpers::*;
use serde_json::Value;

async fn send(who: &Person, form: Vec<(&'static str, String)>) -> Result<Value, app::error::AppError> {
    let borrowed: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    who.call("take_position", &borrowed).await
}

#[tokio::test]
async fn the_same_position_fifty_times_at_once_is_one_and_two_people_each_get_theirs() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, p) = lead_with_project(&app).await;
        let invite = lead
            .call("create_invite", &[("project_id", &p), ("role", "participant")])
            .await
            .unwrap();
        let kari = Person::sign_up(&app, "Kari", "kari@example.org").await;
        kari.call(
            "join_project",
            &[
                ("code", invite["code"].as_str().unwrap()),
                ("profession", "nurse"),
            ],
        )
        .await
        .unwrap();
        lead.call(
            "propose_decision",
            &[
                ("project_id", p.as_str()),
                ("title", "Legemiddelendringer øverst"),
                ("options", "Øverst\nI egen fane"),
                ("open", "on"),
            ],
        )
        .await
        .unwrap();
        let state = lead.call("get_trail_state", &[("project_id", &p)]).await.unwrap();
        let decision = state["content"]["decisions"]["decisions"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .clone();
        let d = decision["id"].as_str().unwrap().to_owned();
        let option = decision["revisions"][0][0]["options"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let args = |stance: &'static str, reason: &'static str| {
            vec![
                ("project_id", p.clone()),
                ("decision_id", d.clone()),
                ("option_id", option.clone()),
                ("stance", stance.to_owned()),
                ("reason", reason.to_owned()),
            ]
        };
        let same =
            futures::future::join_all((0..50).map(|_| send(&kari, args("disagree", "For lang liste")))).await;
        assert!(same.iter().all(|r| r.is_ok()), "{backend:?}: {same:?}");
        let (a, b) = tokio::join!(
            send(&kari, args("agree", "")),
            send(&lead, args("block", "Legen må se dem først"))
        );
        a.unwrap();
        b.unwrap();

        let state = lead.call("get_trail_state", &[("project_id", &p)]).await.unwrap();
        let positions = &state["content"]["decisions"]["decisions"][&d]["positions"];
        let of =
            |person: &Person| -> Vec<Value> { positions[person.id()][&option].as_array().unwrap().clone() };
        let karis = of(&kari);
        assert_eq!(
            karis.len(),
            2,
            "{backend:?}: fifty sends, one position, then her change: {karis:?}"
        );
        assert_eq!(karis[0]["stance"], "disagree");
        assert_eq!(karis[1]["stance"], "agree");
        assert_eq!(of(&lead).len(), 1, "{backend:?}");

        // A block closes only with a recorded override; then it is dissent.
        let close = |override_reason: &'static str| {
            let (p, d, option) = (p.clone(), d.clone(), option.clone());
            let lead = &lead;
            async move {
                lead.call(
                    "close_decision",
                    &[
                        ("project_id", p.as_str()),
                        ("decision_id", d.as_str()),
                        ("outcome", option.as_str()),
                        ("rationale", "Sykepleierne leser rapporten først"),
                        ("override_reason", override_reason),
                    ],
                )
                .await
            }
        };
        assert_eq!(
            close("").await,
            Err(app::error::AppError::Invalid(app::error::Problem::OpenBlock)),
            "{backend:?}"
        );
        close("Fristen er i dag").await.unwrap();
        let state = lead.call("get_trail_state", &[("project_id", &p)]).await.unwrap();
        let closing = &state["content"]["decisions"]["decisions"][&d]["closing"];
        assert_eq!(
            closing["dissent"].as_array().unwrap().len(),
            1,
            "{backend:?}: {closing}"
        );
        assert_eq!(closing["dissent"][0]["stance"], "block");
    }
}
