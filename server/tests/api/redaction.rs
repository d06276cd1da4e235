//! Each viewer receives an event as they may see it: whole, redacted or not
//! at all, over the live stream, in the history and in a page's first
//! state. Shown with the tests' example kind, sealed notes: leads read
//! them, facilitators learn a note was sealed, participants learn nothing.

use crate::helpers::*;
use app::features::{Append, Change, Entry, Request};
use app::map::commands::MapCommand;
use app::sealed_notes::{SealedChange, SealedCommand};
use app::trail::live::LiveMessage;
use app::trail::Seq;
use futures::StreamExt;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

type Stream = LiveStream;

async fn member(app: &TestApp, lead: &Person, project: &str, role: &str, name: &str) -> (Person, String) {
    let p = invited(app, lead, project, role, name).await;
    let cookie = cookie_of(app, &format!("{name}@example.org")).await;
    (p, cookie)
}

/// Every change that arrives until the stream has covered version `until`.
async fn receive_through(ws: &mut Stream, until: Seq) -> Vec<(Seq, Entry)> {
    let mut got = Vec::new();
    let mut through = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(8);
    while through < until {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                let m: LiveMessage<Change> = serde_json::from_str(&text).unwrap();
                assert_eq!(m.after, through, "messages follow each other without gaps");
                through = m.through;
                got.extend(m.events.into_iter().map(|e| (e.seq, e.change)));
            }
            Ok(Some(Ok(_))) => {}
            _ => panic!("the stream stopped before version {until}"),
        }
    }
    got
}

fn sealed(entries: &[(Seq, Entry)]) -> Vec<(Seq, String)> {
    entries
        .iter()
        .filter_map(|(seq, e)| match e {
            Entry::Change(Change::Sealed(SealedChange::NoteSealed { text, .. })) => {
                Some((*seq, text.clone()))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_member_not_allowed_to_see_an_event_never_receives_it() {
    for backend in BACKENDS {
        let app = spawn_app(backend).await;
        let (lead, id) = lead_with_project(&app).await;
        let lead_cookie = {
            let res = Person::anonymous(&app)
                .post(
                    "sign_in",
                    &[("email", "hanne@example.org"), ("password", PASSWORD)],
                )
                .await;
            session_cookie(&res).unwrap().0
        };
        let (_, facilitator) = member(&app, &lead, &id, "facilitator", "ingrid").await;
        let (participant, participant_cookie) = member(&app, &lead, &id, "participant", "ola").await;

        let mut streams = vec![
            open_stream(&app, &lead_cookie, &id, 0, &app.base_url)
                .await
                .unwrap(),
            open_stream(&app, &facilitator, &id, 0, &app.base_url)
                .await
                .unwrap(),
            open_stream(&app, &participant_cookie, &id, 0, &app.base_url)
                .await
                .unwrap(),
        ];
        let submit = |request: Request| {
            let trail = app.trail.clone();
            let (id, actor) = (id.clone(), lead.id().to_owned());
            async move {
                trail
                    .submit(Append {
                        project_id: id,
                        actor_id: actor,
                        workshop_id: None,
                        base_seq: None,
                        request,
                        curator: true,
                        token: None,
                    })
                    .await
                    .unwrap()[0]
                    .seq
            }
        };
        let note = submit(Request::Do(
            SealedCommand::Seal {
                text: "Lønnsforhandling".into(),
            }
            .into(),
        ))
        .await;
        let map = submit(Request::Do(MapCommand::CreateMap { name: "I dag".into() }.into())).await;

        let mut got = Vec::new();
        for ws in &mut streams {
            got.push(receive_through(ws, map).await);
        }
        let [to_lead, to_facilitator, to_participant] = &got[..] else {
            unreachable!()
        };
        assert_eq!(
            sealed(to_lead),
            vec![(note, "Lønnsforhandling".to_owned())],
            "{backend:?}: lead"
        );
        assert_eq!(
            sealed(to_facilitator),
            vec![(note, String::new())],
            "{backend:?}: facilitator, redacted"
        );
        assert_eq!(
            sealed(to_participant),
            vec![],
            "{backend:?}: participant, nothing"
        );
        assert!(
            !serde_json::to_string(to_participant)
                .unwrap()
                .contains("Lønnsforhandling")
                && !serde_json::to_string(to_facilitator)
                    .unwrap()
                    .contains("Lønnsforhandling"),
            "{backend:?}"
        );
        // Everyone still gets what they may see, after it.
        for g in &got {
            assert_eq!(g.last().map(|(seq, _)| *seq), Some(map), "{backend:?}");
        }

        // The history and the page's first state hide it the same way.
        let history = participant
            .call("get_history", &[("project_id", id.as_str())])
            .await
            .unwrap();
        assert_eq!(
            history["entries"].as_array().unwrap().len(),
            2,
            "{backend:?}: {history}"
        );
        assert!(!history.to_string().contains("Lønnsforhandling"), "{backend:?}");
        let state = participant
            .call("get_trail_state", &[("project_id", id.as_str())])
            .await
            .unwrap();
        assert!(!state.to_string().contains("Lønnsforhandling"), "{backend:?}");
        let state = lead
            .call("get_trail_state", &[("project_id", id.as_str())])
            .await
            .unwrap();
        assert!(state.to_string().contains("Lønnsforhandling"), "{backend:?}");
    }
}
