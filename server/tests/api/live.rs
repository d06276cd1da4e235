use crate::helpers::*;
use app::features::{Append, Change, Request};
use app::map::commands::MapCommand as Command;
use app::trail::live::{LiveMessage, CLOSE_NO_ACCESS};
use app::trail::Seq;
use futures::StreamExt;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

type Stream = LiveStream;

/// The sequence numbers that arrive until `until` is seen (or time runs out).
async fn receive_until(ws: &mut Stream, until: Seq) -> Vec<Seq> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(8);
    while seen.last().copied().unwrap_or(0) < until {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                let m: LiveMessage<Change> = serde_json::from_str(&text).unwrap();
                seen.extend(m.events.iter().map(|e| e.seq));
            }
            Ok(Some(Ok(_))) => {}
            _ => break,
        }
    }
    seen
}

async fn map(app: &TestApp, project: &str, actor: &str, name: &str) -> Seq {
    app.trail
        .submit(Append {
            project_id: project.to_owned(),
            actor_id: actor.to_owned(),
            workshop_id: None,
            base_seq: None,
            request: Request::Do(Command::CreateMap { name: name.into() }.into()),
            curator: true,
            token: None,
        })
        .await
        .unwrap()[0]
        .seq
}

#[tokio::test]
async fn members_receive_new_events_live_and_resume_after_a_drop() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let cookie = cookie_of(&app, "hanne@example.org").await;
        let origin = app.base_url.clone();

        let mut ws = open_stream(&app, &cookie, &id, 0, &origin).await.unwrap();
        assert_eq!(
            receive_until(&mut ws, 1).await,
            vec![1],
            "{backend:?}: catch-up from the table"
        );
        map(&app, &id, lead.id(), "I dag").await;
        assert_eq!(receive_until(&mut ws, 2).await, vec![2], "{backend:?}: live");
        drop(ws);

        // Written while the page was away.
        for name in ["A", "B", "C"] {
            map(&app, &id, lead.id(), name).await;
        }
        let mut ws = open_stream(&app, &cookie, &id, 2, &origin).await.unwrap();
        let seqs = receive_until(&mut ws, 5).await;
        assert_eq!(
            seqs,
            vec![3, 4, 5],
            "{backend:?}: each missed event once, in order"
        );
        map(&app, &id, lead.id(), "D").await;
        assert_eq!(receive_until(&mut ws, 6).await, vec![6], "{backend:?}");
    }
}

#[tokio::test]
async fn a_removed_member_stops_receiving_at_once() {
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, id) = lead_with_project(&app).await;
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
    let cookie = cookie_of(&app, "ola@example.org").await;
    let mut ws = open_stream(&app, &cookie, &id, 1, &app.base_url).await.unwrap();
    map(&app, &id, lead.id(), "I dag").await;
    assert_eq!(receive_until(&mut ws, 2).await, vec![2]);

    lead.call("remove_member", &[("project_id", &id), ("member_id", ola.id())])
        .await
        .unwrap();
    map(&app, &id, lead.id(), "Hemmelig").await;
    let mut closed_with = None;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while let Ok(Some(msg)) = tokio::time::timeout_at(deadline, ws.next()).await {
        match msg {
            Ok(Message::Close(frame)) => {
                closed_with = frame.map(|f| u16::from(f.code));
                break;
            }
            Ok(Message::Text(text)) => panic!("a removed member still received: {text}"),
            _ => {}
        }
    }
    assert_eq!(closed_with, Some(CLOSE_NO_ACCESS));
    assert_eq!(
        open_stream(&app, &cookie, &id, 0, &app.base_url).await.err(),
        Some(404)
    );
}

#[tokio::test]
async fn outsiders_and_other_sites_cannot_open_a_stream() {
    let app = spawn_app(Backend::Sqlite).await;
    let (_lead, id) = lead_with_project(&app).await;
    Person::sign_up(&app, "Mallory", "mallory@example.org").await;
    let outsider = cookie_of(&app, "mallory@example.org").await;
    assert_eq!(
        open_stream(&app, &outsider, &id, 0, &app.base_url).await.err(),
        Some(404)
    );
    let unknown = uuid::Uuid::now_v7().to_string();
    assert_eq!(
        open_stream(&app, &outsider, &unknown, 0, &app.base_url)
            .await
            .err(),
        Some(404)
    );
    let lead = cookie_of(&app, "hanne@example.org").await;
    assert_eq!(
        open_stream(&app, &lead, &id, 0, "https://evil.example")
            .await
            .err(),
        Some(403)
    );
    assert_eq!(
        open_stream(&app, "samspill_session=nonsense", &id, 0, &app.base_url)
            .await
            .err(),
        Some(401)
    );
}

#[tokio::test]
async fn an_event_written_by_one_process_reaches_the_clients_of_another() {
    let url = fresh_database(Backend::Postgres).await;
    let a = spawn_app_on(&url).await;
    let mut b = spawn_app_on(&url).await;
    let (lead, id) = lead_with_project(&a).await;
    // Sessions are in the database too: the cookie works on both.
    let cookie = cookie_of(&b, "hanne@example.org").await;
    let mut ws = open_stream(&a, &cookie, &id, 1, &a.base_url).await.unwrap();

    map(&b, &id, lead.id(), "Skrevet i B").await;
    assert_eq!(receive_until(&mut ws, 2).await, vec![2], "through NOTIFY");

    // B's listener dies and comes back; nothing written meanwhile is lost
    // to B's clients.
    let mut on_b = open_stream(&b, &cookie, &id, 2, &b.base_url).await.unwrap();
    b.listener.take().unwrap().abort();
    for name in ["x", "y", "z"] {
        map(&a, &id, lead.id(), name).await;
    }
    b.listener = Some(server::live::start_listener(b.trail.clone(), url.clone()));
    assert_eq!(
        receive_until(&mut on_b, 5).await,
        vec![3, 4, 5],
        "caught up after the listener restarted"
    );
    assert_eq!(receive_until(&mut ws, 5).await, vec![3, 4, 5]);

    // Writes through both processes interleave without a gap or a fork.
    for i in 0..10 {
        let app = if i % 2 == 0 { &a } else { &b };
        map(app, &id, lead.id(), &format!("m{i}")).await;
    }
    assert!(matches!(
        app::trail::server::verify(&a.pool, &id).await.unwrap(),
        app::trail::server::Verdict::Intact { events: 15, .. }
    ));
}
