//! Live updates: every open project page holds one WebSocket (a WebSocket
//! does not count against the browser's six HTTP/1.1 connections per host,
//! as server-sent events would across tabs). The client says which event it
//! has last; the server sends what is missing from the table, then new
//! events as they are committed.
//!
//! Across processes (PostgreSQL), NOTIFY carries only project and sequence
//! number; the events themselves are read from the table, so a missed
//! notification costs a delay, never an event.

use crate::sessions::Sessions;
use app::features::{Event, Project, ProjectTrail as Trail, Published};
use app::projects::server::require_member;
use app::state::AppState;
use app::trail::live::{LiveMessage, CLOSE_NO_ACCESS};
use app::trail::server::{load_events, NOTIFY_CHANNEL};
use app::trail::{deliver, Seq, Viewer};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tower_sessions::session::Id;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Resume {
    #[serde(default)]
    after: Seq,
}

/// How often an idle stream looks in the table anyway, as a backstop for a
/// notification that never came.
const BACKSTOP: Duration = Duration::from_secs(10);

pub async fn stream(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    Query(resume): Query<Resume>,
    Extension(sessions): Extension<Sessions>,
    session: Session,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    // A page on another site could open a WebSocket with the person's
    // cookies: only this site's pages may (the same check as for POSTs).
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !crate::security::same_origin(
        origin,
        host,
        crate::security::origin_of(&state.public_url).as_ref(),
    ) {
        return (StatusCode::FORBIDDEN, "cross-origin request refused").into_response();
    }
    // Listen for the session's end before reading it, so that a sign-out in
    // between is not missed.
    let ended = sessions.subscribe_ended();
    let user = match app::auth::server::user_of_session(&state.pool, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(membership) = require_member(&state.pool, &project_id, &user).await else {
        // The same answer for a project that does not exist.
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(session_id) = session.id() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let viewer = Viewer {
        user_id: user.id.clone(),
        role: membership.role,
    };
    let signed_in = SignedIn {
        sessions,
        session_id,
        ended,
    };
    upgrade.on_upgrade(move |socket| follow(socket, state, project_id, user, viewer, signed_in, resume.after))
}

/// The session a stream was opened under: when it ends, the stream ends.
struct SignedIn {
    sessions: Sessions,
    session_id: Id,
    ended: broadcast::Receiver<Id>,
}

/// One open stream: where it is in the log, and whom it shows it to.
struct Stream {
    socket: WebSocket,
    project_id: String,
    /// Every event up to here has been sent or passed over.
    last: Seq,
    /// Each event goes out as this person may see it (their role is read
    /// again whenever memberships change).
    viewer: Viewer,
}

async fn follow(
    socket: WebSocket,
    state: AppState,
    project_id: String,
    user: app::auth::CurrentUser,
    viewer: Viewer,
    mut signed_in: SignedIn,
    after: Seq,
) {
    // Subscribe before reading the table, so nothing falls between the two.
    let mut published = state.trail.subscribe();
    let mut s = Stream {
        socket,
        project_id,
        last: after.max(0),
        viewer,
    };
    let mut backstop = tokio::time::interval(BACKSTOP);
    backstop.tick().await;
    if catch_up(&mut s, &state.trail).await.is_err() {
        return;
    }
    loop {
        // In order: a sign-out waiting beside a new event must close the
        // stream before the event goes out. Picked at random, the event
        // went first now and then (a CI run, 2026-11-28, PostgreSQL).
        let step = tokio::select! {
            biased;
            ended = signed_in.ended.recv() => match ended {
                Ok(id) if id == signed_in.session_id => close(&mut s.socket, "signed out").await,
                Ok(_) => Ok(()),
                // Missed some: ask the store.
                Err(RecvError::Lagged(_)) => still_signed_in(&mut s.socket, &signed_in).await,
                Err(RecvError::Closed) => Err(()),
            },
            p = published.recv() => match p {
                Ok(Published::Events(events)) if events.first().is_some_and(|e| e.project_id == s.project_id) => {
                    forward(&mut s, &state.trail, &events).await
                }
                Ok(Published::Members { project_id: p }) if p == s.project_id => {
                    still_member(&mut s, &state, &user).await
                }
                Ok(Published::Resync) | Err(RecvError::Lagged(_)) => {
                    catch_up(&mut s, &state.trail).await
                }
                Ok(_) => Ok(()),
                Err(RecvError::Closed) => Err(()),
            },
            incoming = s.socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => Err(()),
                Some(Ok(_)) => Ok(()),
            },
            _ = backstop.tick() => {
                // The session may have expired, or ended in a process whose
                // notification did not arrive.
                match still_signed_in(&mut s.socket, &signed_in).await {
                    Ok(()) => match still_member(&mut s, &state, &user).await {
                        Ok(()) => catch_up(&mut s, &state.trail).await,
                        Err(()) => Err(()),
                    },
                    Err(()) => Err(()),
                }
            }
        };
        if step.is_err() {
            return;
        }
    }
}

async fn forward(s: &mut Stream, trail: &Trail, events: &[Event]) -> Result<(), ()> {
    let first = events[0].seq;
    if first > s.last + 1 {
        // A gap (this stream lagged, or another process wrote): the table
        // has everything.
        return catch_up(s, trail).await;
    }
    let fresh: Vec<Event> = events.iter().filter(|e| e.seq > s.last).cloned().collect();
    send(s, fresh).await
}

async fn catch_up(s: &mut Stream, trail: &Trail) -> Result<(), ()> {
    loop {
        let events = load_events::<Project>(trail.pool(), &s.project_id, s.last, 1000)
            .await
            .map_err(|_| ())?;
        if events.is_empty() {
            return Ok(());
        }
        send(s, events).await?;
    }
}

/// Sends the events after `s.last`, each as the viewer may see it; those
/// they may not see are left out, and the message says which versions it
/// covers, so the page knows nothing is missing.
async fn send(s: &mut Stream, events: Vec<Event>) -> Result<(), ()> {
    let Some(through) = events.last().map(|e| e.seq) else {
        return Ok(());
    };
    let message = LiveMessage {
        after: s.last,
        through,
        events: events
            .iter()
            .filter_map(|e| deliver::<Project>(e, &s.viewer))
            .collect(),
    };
    let text = serde_json::to_string(&message).map_err(|_| ())?;
    s.socket.send(Message::Text(text.into())).await.map_err(|_| ())?;
    s.last = through;
    Ok(())
}

async fn still_member(s: &mut Stream, state: &AppState, user: &app::auth::CurrentUser) -> Result<(), ()> {
    match require_member(&state.pool, &s.project_id, user).await {
        Ok(membership) => {
            s.viewer.role = membership.role;
            Ok(())
        }
        Err(app::error::AppError::NotFound) => close(&mut s.socket, "no longer a member").await,
        // A passing database hiccup is no reason to drop the stream.
        Err(_) => Ok(()),
    }
}

async fn still_signed_in(socket: &mut WebSocket, signed_in: &SignedIn) -> Result<(), ()> {
    if signed_in.sessions.is_live(&signed_in.session_id).await {
        Ok(())
    } else {
        close(socket, "signed out").await
    }
}

/// Ends the stream with the code that tells the page not to reconnect:
/// access has ended (signed out, or no longer a member). Always `Err`: the
/// stream is over.
async fn close(socket: &mut WebSocket, reason: &'static str) -> Result<(), ()> {
    let _ = socket
        .send(Message::Close(Some(CloseFrame {
            code: CLOSE_NO_ACCESS,
            reason: reason.into(),
        })))
        .await;
    Err(())
}

/// Listens for other processes' appends (PostgreSQL) and passes them on to
/// this process's streams. Each start announces a resync, so that whatever
/// was committed while no one listened is read from the table.
pub fn start_listener(trail: Trail, database_url: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match listen(&trail, &database_url).await {
                Ok(()) => return,
                Err(e) => {
                    tracing::warn!(error = %e, "event listener lost its connection; reconnecting");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
    })
}

async fn listen(trail: &Trail, database_url: &str) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
    listener.ignore_pool_close_event(true);
    listener.listen(NOTIFY_CHANNEL).await?;
    trail.publish(Published::Resync);
    loop {
        let notification = listener.recv().await?;
        let mut parts = notification.payload().splitn(3, ':');
        let (Some(process), Some(project), Some(seq)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if process == trail.process_id() {
            continue;
        }
        if let Ok(seq) = seq.parse::<Seq>() {
            if let Err(e) = trail.caught_up_from_elsewhere(project, seq).await {
                tracing::warn!(error = %e, "cannot read events another process wrote");
            }
        }
    }
}
