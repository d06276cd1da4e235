use crate::helpers::*;
use app::error::{AppError, Problem};

async fn project_with_lead(app: &TestApp) -> (Person, String) {
    let lead = Person::sign_up(app, "Hanne", "hanne@example.org").await;
    let id = lead
        .call(
            "create_project",
            &[
                ("name", " Trygg  utskrivning "),
                ("purpose", "Fra sykehus til hjem"),
                ("profession", "coordinator"),
            ],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    (lead, id)
}

#[tokio::test]
async fn a_project_is_created_listed_and_opened_by_its_lead() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = project_with_lead(&app).await;
        let list = lead.call("list_projects", &[]).await.unwrap();
        assert_eq!(list[0]["name"], "Trygg utskrivning", "{backend:?}");
        assert_eq!(list[0]["my_role"], "Lead");
        let view = lead.call("get_project", &[("project_id", &id)]).await.unwrap();
        assert_eq!(view["purpose"], "Fra sykehus til hjem");
        assert_eq!(view["members"][0]["display_name"], "Hanne");
        assert_eq!(view["members"][0]["profession"], "Coordinator");
    }
}

#[tokio::test]
async fn invites_carry_a_role_accept_sloppy_typing_and_never_demote() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = project_with_lead(&app).await;
        let invite = lead
            .call("create_invite", &[("project_id", &id), ("role", "facilitator")])
            .await
            .unwrap();
        let code = invite["code"].as_str().unwrap();
        assert!(invite["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/join/{code}")));

        let ola = Person::sign_up(&app, "Ola", "ola@example.org").await;
        let typed = code.to_lowercase().replace('-', " ");
        let preview = ola.call("preview_invite", &[("code", &typed)]).await.unwrap();
        assert_eq!(preview["project_name"], "Trygg utskrivning");
        assert_eq!(preview["role"], "Facilitator");
        let joined = ola
            .call("join_project", &[("code", &typed), ("profession", "physician")])
            .await
            .unwrap();
        assert_eq!(joined.as_str(), Some(id.as_str()), "{backend:?}");
        let view = ola.call("get_project", &[("project_id", &id)]).await.unwrap();
        assert_eq!(view["my_role"], "Facilitator");
        assert_eq!(view["my_profession"], "Physician");

        // The lead following an observer link keeps being lead.
        let observer_invite = lead
            .call("create_invite", &[("project_id", &id), ("role", "observer")])
            .await
            .unwrap();
        lead.call(
            "join_project",
            &[
                ("code", observer_invite["code"].as_str().unwrap()),
                ("profession", "other"),
            ],
        )
        .await
        .unwrap();
        let view = lead.call("get_project", &[("project_id", &id)]).await.unwrap();
        assert_eq!(view["my_role"], "Lead");

        let bad = ola
            .call("join_project", &[("code", "ABCD-EFGH"), ("profession", "nurse")])
            .await;
        assert_eq!(bad, Err(AppError::Invalid(Problem::InviteNotValid)));
    }
}

#[tokio::test]
async fn expired_invites_do_not_work() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = project_with_lead(&app).await;
    let invite = lead
        .call("create_invite", &[("project_id", &id), ("role", "participant")])
        .await
        .unwrap();
    sqlx::query("UPDATE invites SET expires_at = 0")
        .execute(&app.pool)
        .await
        .unwrap();
    let ola = Person::sign_up(&app, "Ola", "ola@example.org").await;
    let r = ola
        .call(
            "join_project",
            &[
                ("code", invite["code"].as_str().unwrap()),
                ("profession", "nurse"),
            ],
        )
        .await;
    assert_eq!(r, Err(AppError::Invalid(Problem::InviteNotValid)));
    assert_eq!(
        ola.call("get_project", &[("project_id", &id)]).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn the_last_lead_cannot_step_down_but_can_hand_over() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = project_with_lead(&app).await;
    let r = lead
        .call(
            "set_member_role",
            &[
                ("project_id", &id),
                ("member_id", lead.id()),
                ("role", "participant"),
            ],
        )
        .await;
    assert_eq!(r, Err(AppError::Invalid(Problem::LastLead)));

    let invite = lead
        .call("create_invite", &[("project_id", &id), ("role", "participant")])
        .await
        .unwrap();
    let ola = Person::sign_up(&app, "Ola", "ola@example.org").await;
    ola.call(
        "join_project",
        &[
            ("code", invite["code"].as_str().unwrap()),
            ("profession", "nurse"),
        ],
    )
    .await
    .unwrap();
    lead.call(
        "set_member_role",
        &[("project_id", &id), ("member_id", ola.id()), ("role", "lead")],
    )
    .await
    .unwrap();
    lead.call(
        "set_member_role",
        &[
            ("project_id", &id),
            ("member_id", lead.id()),
            ("role", "participant"),
        ],
    )
    .await
    .unwrap();
    let view = ola.call("get_project", &[("project_id", &id)]).await.unwrap();
    assert_eq!(view["my_role"], "Lead");
    let r = lead
        .call("create_invite", &[("project_id", &id), ("role", "observer")])
        .await;
    assert_eq!(r, Err(AppError::Forbidden));
}

#[tokio::test]
async fn invalid_project_input_is_refused_in_the_users_terms() {
    let app = spawn_app(Backend::Sqlite).await;
    let kari = Person::sign_up(&app, "Kari", "kari@example.org").await;
    let cases = [
        (("", "nurse"), Problem::ProjectNameMissing),
        (("Navn", "astronaut"), Problem::UnknownProfession),
    ];
    for ((name, profession), problem) in cases {
        let r = kari
            .call(
                "create_project",
                &[("name", name), ("purpose", ""), ("profession", profession)],
            )
            .await;
        assert_eq!(r, Err(AppError::Invalid(problem)));
    }
    let long = "x".repeat(121);
    let r = kari
        .call(
            "create_project",
            &[("name", &long), ("purpose", ""), ("profession", "nurse")],
        )
        .await;
    assert_eq!(r, Err(AppError::Invalid(Problem::ProjectNameTooLong)));
    assert_eq!(
        kari.call("list_projects", &[])
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn the_demo_loads_once() {
    let app = spawn_app(Backend::Sqlite).await;
    assert!(server::demo::load(&app.trail).await.unwrap());
    assert!(!server::demo::load(&app.trail).await.unwrap());
    let demo = Person::anonymous(&app);
    demo.call(
        "sign_in",
        &[
            ("email", server::demo::DEMO_EMAIL),
            ("password", server::demo::DEMO_PASSWORD),
        ],
    )
    .await
    .unwrap();
    let list = demo.call("list_projects", &[]).await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let id = list[0]["id"].as_str().unwrap();
    let view = demo.call("get_project", &[("project_id", id)]).await.unwrap();
    assert_eq!(view["members"].as_array().unwrap().len(), 13);
    // A discharge map a clinician would recognise.
    let state = demo.call("get_trail_state", &[("project_id", id)]).await.unwrap();
    assert_eq!(state["content"]["map"]["maps"].as_object().unwrap().len(), 1);
    let elements = state["content"]["map"]["elements"].as_object().unwrap();
    assert!(elements.len() >= 15, "{}", elements.len());
    assert!(state["content"]["map"]["links"].as_object().unwrap().len() >= 20);
    assert!(elements.values().any(|e| e["name"] == "Hjemmesykepleien"));
    assert!(state["content"]["map"]["pain_points"]
        .as_object()
        .unwrap()
        .values()
        .any(|p| p["text"] == "Ikke oppdatert"));
}
