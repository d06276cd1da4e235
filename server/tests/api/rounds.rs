//! Anonymous rounds hold in the data, not only on the screen: while a round
//! runs nothing of its ballots reaches anyone (state, history, live
//! stream), the facilitator included; at the close the trail holds the
//! ballots under pseudonyms and, apart, who took part.

use crate::helpers::*;
use app::error::{AppError, Problem};
use futures::StreamExt;
use serde_json::Value;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

/// A lead, three nurses and a physician in one project with a field, a
/// context of use and a round running on it.
struct Room {
    app: TestApp,
    lead: Person,
    raters: Vec<Person>,
    project: String,
    fields: Vec<String>,
    context: String,
    round: String,
}

async fn room(backend: Backend, fields: usize) -> Room {
    let app = spawn_app(backend).await;
    let (lead, project) = lead_with_project(&app).await;
    let p = project.as_str();
    let mut raters = Vec::new();
    for (n, profession) in ["nurse", "nurse", "nurse", "physician"].into_iter().enumerate() {
        let invite = lead
            .call("create_invite", &[("project_id", p), ("role", "participant")])
            .await
            .unwrap();
        let person = Person::sign_up(&app, &format!("Rater {n}"), &format!("rater{n}@example.org")).await;
        person
            .call(
                "join_project",
                &[
                    ("code", invite["code"].as_str().unwrap()),
                    ("profession", profession),
                ],
            )
            .await
            .unwrap();
        raters.push(person);
    }
    for n in 0..fields {
        lead.call(
            "propose_field",
            &[("project_id", p), ("name", &format!("Felt {n:02}"))],
        )
        .await
        .unwrap();
    }
    lead.call(
        "propose_context",
        &[("project_id", p), ("name", "Første hjemmebesøk")],
    )
    .await
    .unwrap();
    let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
    let fields: Vec<String> = state["content"]["fields"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let context = state["content"]["fields"]["contexts"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    lead.call("start_round", &[("project_id", p), ("context_ids[0]", &context)])
        .await
        .unwrap();
    let state = lead.call("get_trail_state", &[("project_id", p)]).await.unwrap();
    let round = state["content"]["rounds"]["rounds"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    Room {
        app,
        lead,
        raters,
        project,
        fields,
        context,
        round,
    }
}

impl Room {
    async fn cast(&self, who: &Person, field: &str, rating: &str, reason: &str) -> Result<Value, AppError> {
        who.call(
            "cast_ballot",
            &[
                ("project_id", &self.project),
                ("round_id", &self.round),
                ("field_id", field),
                ("context_id", &self.context),
                ("rating", rating),
                ("reason", reason),
            ],
        )
        .await
    }

    async fn close(&self) -> Result<Value, AppError> {
        self.lead
            .call(
                "close_round",
                &[("project_id", &self.project), ("round_id", &self.round)],
            )
            .await
    }

    async fn seq(&self) -> i64 {
        let state = self
            .lead
            .call("get_trail_state", &[("project_id", &self.project)])
            .await
            .unwrap();
        state["seq"].as_i64().unwrap()
    }
}

/// Every text message the stream sends within `wait`.
async fn messages(ws: &mut LiveStream, wait: Duration) -> Vec<String> {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    while let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline, ws.next()).await {
        if let Message::Text(text) = msg {
            out.push(text.to_string());
        }
    }
    out
}

#[tokio::test]
async fn a_round_shows_nothing_while_it_runs_and_no_names_after() {
    for backend in BACKENDS {
        let r = room(backend, 1).await;
        let p = r.project.as_str();
        let field = r.fields[0].clone();
        let cookie = cookie_of(&r.app, "hanne@example.org").await;
        let mut ws = open_stream(&r.app, &cookie, p, r.seq().await, &r.app.base_url)
            .await
            .unwrap();

        // The first nurse changes her mind: her latest ballot counts.
        r.cast(&r.raters[0], &field, "not_needed", "hemmelig-først")
            .await
            .unwrap();
        for (n, (rating, reason)) in [
            ("essential", "hemmelig-0"),
            ("essential", "hemmelig-1"),
            ("useful", ""),
            ("should_not_be_shown", "hemmelig-3"),
        ]
        .into_iter()
        .enumerate()
        {
            r.cast(&r.raters[n], &field, rating, reason).await.unwrap();
        }

        // Nothing of it anywhere the lead (or anyone) can read.
        let during = messages(&mut ws, Duration::from_millis(700)).await;
        assert!(during.is_empty(), "{backend:?}: the stream sent {during:?}");
        let state = r
            .lead
            .call("get_trail_state", &[("project_id", p)])
            .await
            .unwrap();
        let history = r.lead.call("get_history", &[("project_id", p)]).await.unwrap();
        for text in [state.to_string(), history.to_string()] {
            assert!(
                !text.contains("hemmelig") && !text.contains("essential"),
                "{backend:?}: {text}"
            );
        }
        // Each person sees their own ballot, and only that.
        let own_args = [("project_id", p), ("round_id", r.round.as_str())];
        let mine = r.raters[0].call("get_own_ballots", &own_args).await.unwrap();
        assert_eq!(mine.as_object().unwrap().len(), 1, "{backend:?}: {mine}");
        assert_eq!(mine.as_object().unwrap().values().next().unwrap(), "essential");
        let leads = r.lead.call("get_own_ballots", &own_args).await.unwrap();
        assert_eq!(leads.as_object().unwrap().len(), 0, "{backend:?}");

        r.close().await.unwrap();
        let closed = messages(&mut ws, Duration::from_millis(700)).await.join("\n");
        assert!(closed.contains("round_closed"), "{backend:?}: {closed}");
        let state = r
            .lead
            .call("get_trail_state", &[("project_id", p)])
            .await
            .unwrap();
        let round = &state["content"]["rounds"]["rounds"][&r.round];
        let ballots = round["ballots"].as_array().unwrap();
        assert_eq!(ballots.len(), 4, "{backend:?}: one ballot per person");
        let mut participants: Vec<&str> = r.raters.iter().map(|x| x.id()).collect();
        participants.sort();
        let listed: Vec<&str> = round["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(listed, participants, "{backend:?}");
        let ballots_text = round["ballots"].to_string();
        for person in &participants {
            assert!(
                !ballots_text.contains(person),
                "{backend:?}: a ballot names {person}"
            );
            assert!(
                !closed
                    .replace(&round["participants"].to_string(), "")
                    .contains(person),
                "{backend:?}"
            );
        }
        assert!(
            !ballots_text.contains("hemmelig-først"),
            "{backend:?}: the replaced ballot"
        );
        // The lone physician's ballot does not carry her profession.
        let professions: Vec<&Value> = ballots.iter().map(|b| &b["profession"]).collect();
        assert_eq!(
            professions.iter().filter(|p| **p == "Nurse").count(),
            3,
            "{backend:?}: {ballots_text}"
        );
        assert_eq!(
            professions.iter().filter(|p| p.is_null()).count(),
            1,
            "{backend:?}"
        );
        // The waiting ballots are gone from the server.
        let (waiting,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM round_ballots")
            .fetch_one(&r.app.pool)
            .await
            .unwrap();
        assert_eq!(waiting, 0, "{backend:?}");

        // After the close a ballot is refused; a new round can start, a
        // second one beside it cannot.
        let late = r.cast(&r.raters[1], &field, "useful", "").await;
        assert_eq!(
            late,
            Err(AppError::Invalid(Problem::RoundNotRunning)),
            "{backend:?}"
        );
        let start_args = [("project_id", p), ("context_ids[0]", r.context.as_str())];
        let start = || r.lead.call("start_round", &start_args);
        start().await.unwrap();
        assert_eq!(
            start().await,
            Err(AppError::Invalid(Problem::RoundRunning)),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn every_ballot_acknowledged_before_the_close_is_counted_and_none_twice() {
    for backend in BACKENDS {
        let r = room(backend, 12).await;
        // The same ballot sent ten times at once counts once.
        let same =
            futures::future::join_all((0..10).map(|_| r.cast(&r.raters[0], &r.fields[0], "useful", "")))
                .await;
        assert!(same.iter().all(|x| x.is_ok()), "{backend:?}: {same:?}");
        // Ballots on every other field race the close.
        let casts = futures::future::join_all(
            r.raters
                .iter()
                .flat_map(|who| r.fields[1..].iter().map(move |f| (who, f)))
                .map(|(who, f)| r.cast(who, f, "essential", "")),
        );
        let close = async {
            tokio::time::sleep(Duration::from_millis(15)).await;
            r.close().await
        };
        let (casts, closed) = tokio::join!(casts, close);
        closed.unwrap();
        for c in &casts {
            assert!(
                matches!(c, Ok(_) | Err(AppError::Invalid(Problem::RoundNotRunning))),
                "{backend:?}: {c:?}"
            );
        }
        let acknowledged = casts.iter().filter(|c| c.is_ok()).count();
        let state = r
            .lead
            .call("get_trail_state", &[("project_id", &r.project)])
            .await
            .unwrap();
        let ballots = state["content"]["rounds"]["rounds"][&r.round]["ballots"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(
            ballots,
            acknowledged + 1,
            "{backend:?}: {acknowledged} acknowledged"
        );
    }
}
