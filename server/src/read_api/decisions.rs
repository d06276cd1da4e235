//! A project's decisions, and one decision with its trail, as the token's
//! person may see them.

use super::words::{Profession, Side, Stance, Status};
use super::{bad_request, internal, names, not_found, person, timestamp, ApiError, Caller, Person};
use app::decisions::changes::{DecisionsChange, KINDS};
use app::decisions::log::LogFilter;
use app::decisions::model::{self, Reference};
use app::features::{Change, Project, ProjectState};
use app::state::AppState;
use app::trail::server::StoredEvent;
use app::trail::{deliver, Viewer};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// What a decision page reads: the names of what decisions concern.
const SLICES: &[&str] = &["project", "map", "fields", "decisions"];

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionList {
    pub project_id: String,
    /// The project's version (its last event's seq) this answer is as of.
    pub version: i64,
    /// Newest first.
    pub decisions: Vec<DecisionSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionSummary {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// The current revision of its text; the first is 1.
    pub revision: u32,
    pub proposed_by: Person,
    #[schema(format = DateTime)]
    pub proposed_at: String,
    #[schema(format = DateTime)]
    pub last_changed_at: String,
    pub concerns: Vec<Concern>,
}

/// Something on the map or in the matrix a decision concerns, or another
/// decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct Concern {
    pub kind: ConcernKind,
    /// A matrix cell's id is `FIELD~CONTEXT`.
    pub id: String,
    /// Its name now, as the decision's page shows it.
    pub name: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConcernKind {
    Element,
    Field,
    Context,
    Cell,
    Decision,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOption {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Argument {
    pub id: String,
    pub option_id: String,
    pub side: Side,
    pub text: String,
    /// What it rests on, in words; may be empty.
    pub evidence: String,
    pub by: Person,
    pub profession: Option<Profession>,
    #[schema(format = DateTime)]
    pub at: String,
}

/// A person's latest position on an option.
#[derive(Debug, Serialize, ToSchema)]
pub struct Position {
    pub by: Person,
    pub option_id: String,
    pub stance: Stance,
    pub reason: String,
    /// The revision it was given on: if older than the decision's, the
    /// text has changed since.
    pub revision: u32,
    pub profession: Option<Profession>,
    #[schema(format = DateTime)]
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Dissent {
    pub person: Person,
    pub profession: Option<Profession>,
    pub stance: Stance,
    pub reason: String,
}

/// How a decided decision was closed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Closing {
    /// The option accepted; null when every option was rejected.
    pub outcome: Option<String>,
    pub rationale: String,
    /// The disagree and block positions on the accepted option that remained.
    pub dissent: Vec<Dissent>,
    /// Why it was closed over a block; empty if it was not.
    pub override_reason: String,
    /// What to evaluate later, each by a day (`YYYY-MM-DD`).
    pub criteria: Vec<Criterion>,
    /// Hex SHA-256 of the canonical text of what was sealed (see the
    /// decision's page for the text).
    pub fingerprint: String,
    pub by: Person,
    #[schema(format = DateTime)]
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Criterion {
    pub text: String,
    #[schema(format = Date)]
    pub due: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Decision {
    pub id: String,
    pub title: String,
    pub problem: String,
    pub status: Status,
    pub revision: u32,
    pub options: Vec<DecisionOption>,
    pub concerns: Vec<Concern>,
    pub proposed_by: Person,
    #[schema(format = DateTime)]
    pub proposed_at: String,
    /// The arguments that stand, oldest first.
    pub arguments: Vec<Argument>,
    /// Each person's latest position on each option.
    pub positions: Vec<Position>,
    /// Set while the decision is decided.
    pub closing: Option<Closing>,
    /// The professions that must have taken a position before it closes.
    pub quorum: Vec<Profession>,
    /// The decision that replaced this one.
    pub superseded_by: Option<String>,
    /// The decisions this one replaced.
    pub supersedes: Vec<String>,
    /// Every event about this decision, in the order they happened.
    pub trail: Vec<TrailEntry>,
}

/// One event of a decision's trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrailEntry {
    /// The event's place in the project's log.
    pub seq: i64,
    /// The event's kind as stored (`undone` when someone took back their
    /// own change).
    pub kind: String,
    pub by: Person,
    #[schema(format = DateTime)]
    pub at: String,
    /// The event's hash in the project's chain (hex SHA-256); `samspill
    /// verify` and an export check it.
    pub hash: String,
    pub change: TrailChange,
}

/// What the event did to the decision.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TrailChange {
    /// The text as proposed (revision 1) or as revised.
    Revision {
        revision: u32,
        title: String,
        problem: String,
        options: Vec<DecisionOption>,
    },
    StatusChange {
        status: Status,
        reason: String,
    },
    Argument {
        argument_id: String,
        option_id: String,
        side: Side,
        text: String,
        evidence: String,
        profession: Option<Profession>,
    },
    ArgumentWithdrawn {
        argument_id: String,
    },
    Position {
        option_id: String,
        stance: Stance,
        reason: String,
        revision: u32,
        profession: Option<Profession>,
    },
    /// The decision closed: the option accepted (null: all rejected).
    Outcome {
        outcome: Option<String>,
        rationale: String,
        dissent: Vec<Dissent>,
        override_reason: String,
    },
    /// Back to discussion; the text starts a new revision.
    Reopened {
        reason: String,
        revision: u32,
    },
    /// Its proposal was taken back.
    Withdrawn,
    /// The professions required to take a position (none: no quorum).
    Quorum {
        professions: Vec<Profession>,
    },
    /// Replaced by the decision `by`.
    Superseded {
        by: String,
        reason: String,
    },
}

fn options(text: &model::DecisionText) -> Vec<DecisionOption> {
    text.options
        .iter()
        .map(|o| DecisionOption {
            id: o.id.clone(),
            text: o.text.clone(),
        })
        .collect()
}

fn concerns(state: &ProjectState, d: &model::Decision) -> Vec<Concern> {
    let s = &state.content;
    d.references
        .iter()
        .map(|r| {
            let (kind, id, name) = match r {
                Reference::Element(id) => (
                    ConcernKind::Element,
                    id,
                    s.map.elements.get(id).map(|e| e.name.clone()).unwrap_or_default(),
                ),
                Reference::Field(id) => (ConcernKind::Field, id, s.fields.name(id)),
                Reference::Context(id) => (ConcernKind::Context, id, s.fields.name(id)),
                Reference::Cell(id) => (
                    ConcernKind::Cell,
                    id,
                    app::fields::slice::cell_of(id)
                        .map(|(f, c)| format!("{} – {}", s.fields.name(f), s.fields.name(c)))
                        .unwrap_or_default(),
                ),
                Reference::Decision(id) => (ConcernKind::Decision, id, s.decisions.title(id)),
            };
            Concern {
                kind,
                id: id.clone(),
                name,
            }
        })
        .collect()
}

fn dissent(names: &HashMap<String, String>, dissent: &[model::Dissent]) -> Vec<Dissent> {
    dissent
        .iter()
        .map(|x| Dissent {
            person: person(names, &x.person),
            profession: x.profession.map(Profession),
            stance: Stance(x.stance),
            reason: x.reason.clone(),
        })
        .collect()
}

/// The project as the caller may see it now.
async fn view(
    state: &AppState,
    caller: &Caller,
    project_id: &str,
) -> Result<(Viewer, ProjectState), Response> {
    let viewer = caller.viewer(state, project_id).await?;
    let head = state
        .trail
        .current(project_id)
        .await
        .map_err(|e| internal("project state", e))?;
    let seen = head.state.view_for(SLICES, &viewer);
    Ok((viewer, seen))
}

/// The decisions of a project, newest first; searched and filtered as the
/// decision log is.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{project_id}/decisions",
    operation_id = "list_decisions",
    params(
        ("project_id" = String, Path, description = "The project's id.", min_length = 1),
        ("q" = Option<String>, Query, description = "Words that must all appear, in any case, in the title, problem, options, arguments, reasons or outcome."),
        ("status" = Option<Status>, Query, description = "Only decisions with this status."),
    ),
    responses(
        (status = 200, description = "The project's decisions.", body = DecisionList,
            links(("decision" = (operation_id = "get_decision", parameters(
                ("project_id" = "$request.path.project_id"),
                ("decision_id" = "$response.body#/decisions/0/id")))))),
        (status = 400, description = "A status that is not one of the statuses.", body = ApiError),
        (status = 401, description = "No token, or one that is unknown or revoked.", body = ApiError,
            headers(("WWW-Authenticate" = String, description = "Bearer"))),
        (status = 404, description = "No such project, or the token's person is not a member of it.",
            body = ApiError),
    ),
)]
pub async fn list(
    caller: Caller,
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let (_, seen) = match view(&state, &caller, &project_id).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let asked = |key: &str| query.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.trim());
    // An empty status is not one of the statuses: the document says so.
    let status = match asked("status") {
        None => None,
        Some(raw) => match model::Status::parse(raw) {
            Some(s) => Some(s),
            None => return bad_request("Unknown status: draft, open, decided, deferred or superseded."),
        },
    };
    let filter = LogFilter {
        status,
        words: asked("q").unwrap_or_default().to_owned(),
        ..LogFilter::default()
    };
    let names = match names(&state, &project_id).await {
        Ok(n) => n,
        Err(res) => return res,
    };
    let decisions = seen
        .content
        .decisions
        .log(&filter)
        .into_iter()
        .map(|d| {
            let first = &d.revisions[0].1;
            let touched = seen.content.decisions.touched.get(&d.id).unwrap_or(first);
            DecisionSummary {
                id: d.id.clone(),
                title: d.text().title.clone(),
                status: Status(d.status),
                revision: d.revision(),
                proposed_by: person(&names, &d.proposed_by),
                proposed_at: timestamp(first.at_ms),
                last_changed_at: timestamp(touched.at_ms),
                concerns: concerns(&seen, d),
            }
        })
        .collect();
    Json(DecisionList {
        project_id,
        version: seen.seq,
        decisions,
    })
    .into_response()
}

/// One decision: its text, options, arguments, latest positions, outcome,
/// and its whole trail in time order.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{project_id}/decisions/{decision_id}",
    operation_id = "get_decision",
    params(
        ("project_id" = String, Path, description = "The project's id.", min_length = 1),
        ("decision_id" = String, Path, description = "The decision's id.", min_length = 1),
    ),
    responses(
        (status = 200, description = "The decision and its trail.", body = Decision),
        (status = 401, description = "No token, or one that is unknown or revoked.", body = ApiError,
            headers(("WWW-Authenticate" = String, description = "Bearer"))),
        (status = 404, description = "No such decision or project, or the token's person is not a \
            member of the project.", body = ApiError),
    ),
)]
pub async fn one(
    caller: Caller,
    State(state): State<AppState>,
    Path((project_id, decision_id)): Path<(String, String)>,
) -> Response {
    let (viewer, seen) = match view(&state, &caller, &project_id).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let Some(d) = seen.content.decisions.decisions.get(&decision_id) else {
        return not_found();
    };
    let names = match names(&state, &project_id).await {
        Ok(n) => n,
        Err(res) => return res,
    };
    let trail = match trail(&state, &viewer, &project_id, &decision_id, seen.seq, &names).await {
        Ok(t) => t,
        Err(res) => return res,
    };
    let text = d.text();
    let mut positions = Vec::new();
    for o in &text.options {
        for (who, p) in d.latest_positions(&o.id) {
            positions.push(Position {
                by: person(&names, who),
                option_id: o.id.clone(),
                stance: Stance(p.stance),
                reason: p.reason.clone(),
                revision: p.revision,
                profession: p.profession.map(Profession),
                at: timestamp(p.at_ms),
            });
        }
    }
    Json(Decision {
        id: d.id.clone(),
        title: text.title.clone(),
        problem: text.problem.clone(),
        status: Status(d.status),
        revision: d.revision(),
        options: options(text),
        concerns: concerns(&seen, d),
        proposed_by: person(&names, &d.proposed_by),
        proposed_at: timestamp(d.revisions[0].1.at_ms),
        arguments: d
            .arguments
            .iter()
            .map(|a| Argument {
                id: a.id.clone(),
                option_id: a.option_id.clone(),
                side: Side(a.side),
                text: a.text.clone(),
                evidence: a.evidence.clone(),
                by: person(&names, &a.author),
                profession: a.profession.map(Profession),
                at: timestamp(a.at_ms),
            })
            .collect(),
        positions,
        closing: d.closing.as_ref().map(|c| Closing {
            outcome: c.outcome.clone(),
            rationale: c.rationale.clone(),
            dissent: dissent(&names, &c.dissent),
            override_reason: c.override_reason.clone(),
            criteria: c
                .criteria
                .iter()
                .map(|x| Criterion {
                    text: x.text.clone(),
                    due: x.due.clone(),
                })
                .collect(),
            fingerprint: app::decisions::fingerprint::fingerprint(d)
                .map(|f| f.sha256)
                .unwrap_or_default(),
            by: person(&names, &c.stamp.actor_id),
            at: timestamp(c.stamp.at_ms),
        }),
        quorum: d.quorum.iter().copied().map(Profession).collect(),
        superseded_by: d.superseded_by.clone(),
        supersedes: d.supersedes.clone(),
        trail,
    })
    .into_response()
}

/// The events about `decision_id` up to `through`, as `viewer` may see
/// them, in order.
async fn trail(
    state: &AppState,
    viewer: &Viewer,
    project_id: &str,
    decision_id: &str,
    through: i64,
    names: &HashMap<String, String>,
) -> Result<Vec<TrailEntry>, Response> {
    // Only the decisions' kinds and undos that mention the decision are
    // read; each is decoded and checked exactly below. The id comes from
    // the state, so it holds no LIKE wildcard of anyone's choosing.
    let kinds: Vec<String> = KINDS
        .iter()
        .chain(&["undone"])
        .map(|k| format!("'{k}'"))
        .collect();
    let sql = format!(
        "SELECT project_id, seq, id, actor_id, at_ms, workshop_id, kind, payload, payload_sha256, hash \
         FROM events WHERE project_id = $1 AND seq > $2 AND seq <= $3 AND kind IN ({}) \
         AND payload LIKE $4 ORDER BY seq LIMIT 5000",
        kinds.join(", ")
    );
    let mention = format!("%\"decision_id\":\"{decision_id}\"%");
    let mut entries = Vec::new();
    let mut revision = 0;
    let mut after = 0;
    loop {
        let rows: Vec<StoredEvent> = sqlx::query_as::<_, Row>(&sql)
            .bind(project_id)
            .bind(after)
            .bind(through)
            .bind(&mention)
            .fetch_all(&state.pool)
            .await
            .map_err(|e| internal("trail", e))?
            .into_iter()
            .map(Row::into_stored)
            .collect();
        let Some(last) = rows.last() else {
            break;
        };
        after = last.seq;
        for stored in &rows {
            let event = stored
                .event::<Project>()
                .map_err(|e| internal("trail event", e))?;
            let Some(seen) = deliver::<Project>(&event, viewer) else {
                continue;
            };
            for change in seen.change.changes() {
                let Change::Decisions(c) = change else {
                    continue;
                };
                if c.decision_id() != decision_id {
                    continue;
                }
                entries.push(TrailEntry {
                    seq: stored.seq,
                    kind: stored.kind.clone(),
                    by: person(names, &stored.actor_id),
                    at: timestamp(stored.at_ms),
                    hash: stored.hash.clone(),
                    change: trail_change(c, &mut revision, names),
                });
            }
        }
    }
    Ok(entries)
}

fn trail_change(c: &DecisionsChange, revision: &mut u32, names: &HashMap<String, String>) -> TrailChange {
    match c {
        DecisionsChange::DecisionProposed { text, .. } | DecisionsChange::DecisionRevised { text, .. } => {
            *revision += 1;
            TrailChange::Revision {
                revision: *revision,
                title: text.title.clone(),
                problem: text.problem.clone(),
                options: options(text),
            }
        }
        DecisionsChange::DecisionStatusChanged { status, reason, .. } => TrailChange::StatusChange {
            status: Status(*status),
            reason: reason.clone(),
        },
        DecisionsChange::ArgumentAdded {
            argument_id,
            option_id,
            side,
            text,
            evidence,
            profession,
            ..
        } => TrailChange::Argument {
            argument_id: argument_id.clone(),
            option_id: option_id.clone(),
            side: Side(*side),
            text: text.clone(),
            evidence: evidence.clone(),
            profession: profession.map(Profession),
        },
        DecisionsChange::ArgumentWithdrawn { argument_id, .. } => TrailChange::ArgumentWithdrawn {
            argument_id: argument_id.clone(),
        },
        DecisionsChange::PositionTaken {
            option_id,
            stance,
            reason,
            revision,
            profession,
            ..
        } => TrailChange::Position {
            option_id: option_id.clone(),
            stance: Stance(*stance),
            reason: reason.clone(),
            revision: *revision,
            profession: profession.map(Profession),
        },
        DecisionsChange::DecisionClosed {
            outcome,
            rationale,
            dissent: remaining,
            override_reason,
            ..
        } => TrailChange::Outcome {
            outcome: outcome.clone(),
            rationale: rationale.clone(),
            dissent: dissent(names, remaining),
            override_reason: override_reason.clone(),
        },
        DecisionsChange::DecisionReopened { reason, .. } => {
            *revision += 1;
            TrailChange::Reopened {
                reason: reason.clone(),
                revision: *revision,
            }
        }
        DecisionsChange::DecisionWithdrawn { .. } => TrailChange::Withdrawn,
        DecisionsChange::QuorumSet { professions, .. } => TrailChange::Quorum {
            professions: professions.iter().copied().map(Profession).collect(),
        },
        DecisionsChange::DecisionSuperseded { by, reason, .. } => TrailChange::Superseded {
            by: by.clone(),
            reason: reason.clone(),
        },
    }
}

/// One row of `events`, as read through `AnyPool`.
#[derive(sqlx::FromRow)]
struct Row {
    project_id: String,
    seq: i64,
    id: String,
    actor_id: String,
    at_ms: i64,
    workshop_id: Option<String>,
    kind: String,
    payload: String,
    payload_sha256: String,
    hash: String,
}

impl Row {
    fn into_stored(self) -> StoredEvent {
        StoredEvent {
            project_id: self.project_id,
            seq: self.seq,
            id: self.id,
            actor_id: self.actor_id,
            at_ms: self.at_ms,
            workshop_id: self.workshop_id,
            kind: self.kind,
            payload: self.payload,
            payload_sha256: self.payload_sha256,
            hash: self.hash,
        }
    }
}
