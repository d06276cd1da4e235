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

#[tokio::test]
async fn the_demo_holds_a_dozen_decisions_in_several_states_linked_to_its_matrix() {
    use app::decisions::model::{Reference, Stance, Status};
    use app::decisions::slice::DecisionsSlice;
    use app::people::Profession;
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (demo, project_id) = crate::fields::demo_signed_in(&app).await;
        let state = demo
            .call("get_trail_state", &[("project_id", &project_id)])
            .await
            .unwrap();
        let s: DecisionsSlice = serde_json::from_value(state["content"]["decisions"].clone()).unwrap();
        assert_eq!(s.decisions.len(), 12, "{backend:?}");
        let count = |status: Status| s.decisions.values().filter(|d| d.status == status).count();
        assert_eq!(
            (
                count(Status::Decided),
                count(Status::Open),
                count(Status::Deferred),
                count(Status::Draft)
            ),
            (5, 5, 1, 1),
            "{backend:?}"
        );
        // Closed with dissent, and an open block.
        assert!(s
            .decisions
            .values()
            .any(|d| d.closing.as_ref().is_some_and(|c| !c.dissent.is_empty())));
        assert!(s.decisions.values().any(|d| d
            .text()
            .options
            .iter()
            .any(|o| d.latest_positions(&o.id).any(|(_, p)| p.stance == Stance::Block))));
        // A quorum still missing a profession, and one that was met.
        let quorum_missing: Vec<Vec<Profession>> = s
            .decisions
            .values()
            .filter(|d| !d.quorum.is_empty())
            .map(|d| d.quorum_missing())
            .collect();
        assert_eq!(quorum_missing.len(), 2, "{backend:?}");
        assert!(
            quorum_missing.contains(&vec![Profession::Physician]),
            "{quorum_missing:?}"
        );
        assert!(quorum_missing.contains(&vec![]), "{quorum_missing:?}");
        // A reservation became a criterion to evaluate in spring.
        assert!(s.decisions.values().any(|d| d.closing.as_ref().is_some_and(|c| c
            .criteria
            .iter()
            .any(|x| x.text == "Bare hvis listen er avstemt med multidose" && x.due == "2027-03-01"))));
        // Every reference is a demo field or cell.
        let fields = &state["content"]["fields"]["fields"];
        for d in s.decisions.values() {
            assert!(!d.references.is_empty());
            for r in &d.references {
                let field = match r {
                    Reference::Field(f) => f.clone(),
                    Reference::Cell(c) => c.split('~').next().unwrap().to_owned(),
                    other => panic!("{other:?}"),
                };
                assert!(fields.get(&field).is_some(), "{backend:?}: {r:?}");
            }
        }
        // One was edited after positions were taken: they show as given on
        // the earlier revision.
        assert!(s.decisions.values().any(|d| d.revision() == 2
            && d.positions
                .values()
                .any(|by_option| by_option.values().any(|p| p.last().unwrap().revision == 1))));
    }
}

#[tokio::test]
async fn a_decision_downloads_as_markdown_with_its_rationale_and_dissent_for_members_only() {
    let backend = BACKENDS[0];
    let app = spawn_app(backend).await;
    let (demo, project_id) = crate::fields::demo_signed_in(&app).await;
    let state = demo
        .call("get_trail_state", &[("project_id", &project_id)])
        .await
        .unwrap();
    let (id, _) = state["content"]["decisions"]["decisions"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, d)| d["revisions"][0][0]["title"] == "Koden til nøkkelboksen sendes ikke i meldingen")
        .unwrap();
    let url = format!("{}/export/{project_id}/decisions/{id}.md", app.base_url);
    let res = demo
        .client
        .get(&url)
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/markdown"));
    let md = res.text().await.unwrap();
    for expected in [
        "# Koden til nøkkelboksen sendes ikke i meldingen",
        "## Outcome\n\nAccepted: Koden gis muntlig ved første kontakt",
        "### Rationale for the outcome\n\nKoden er en nøkkel; den skal ikke ligge i et dokument.",
        "### Dissent that remains\n\n- Ahmed Hjemmesykepleier (nurse): disagree – Første besøk er ofte sent på kvelden, og da svarer ingen",
    ] {
        assert!(md.contains(expected), "{expected:?} not in:\n{md}");
    }
    let outsider = Person::sign_up(&app, "Outsider", "outsider@example.org").await;
    assert_eq!(outsider.client.get(&url).send().await.unwrap().status(), 404);
    assert_eq!(
        Person::anonymous(&app)
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}
