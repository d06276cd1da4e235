//! The design decisions' slice of the project state.

use super::changes::{DecisionsChange, KINDS};
use super::model::{Argument, Closing, Decision, Position, Status, StatusChange};
use crate::features::Project;
use crate::i18n::Lang;
use crate::trail::{Context, Guard, ReduceError, Slice, Stamp, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DecisionsSlice {
    pub decisions: BTreeMap<String, Decision>,
    /// When anything in a decision last changed (an argument, a position,
    /// an edit): taking back its proposal must not wipe out others' work.
    pub touched: BTreeMap<String, Stamp>,
    /// Withdrawn decisions' titles, for a clear conflict.
    pub withdrawn: BTreeMap<String, String>,
}

crate::read_json!(DecisionsSlice {
    decisions,
    touched,
    withdrawn
});

impl DecisionsSlice {
    /// Newest first.
    pub fn newest_first(&self) -> Vec<&Decision> {
        let mut all: Vec<&Decision> = self.decisions.values().collect();
        all.sort_by_key(|d| std::cmp::Reverse(d.revisions[0].1.seq));
        all
    }

    pub fn title(&self, id: &str) -> String {
        self.decisions
            .get(id)
            .map(|d| d.text().title.clone())
            .or_else(|| self.withdrawn.get(id).cloned())
            .unwrap_or_default()
    }
}

impl Slice<Project> for DecisionsSlice {
    const SHAPE: u32 = 2;
    const KINDS: &'static [&'static str] = KINDS;
    type Change = DecisionsChange;
    type Command = super::commands::DecisionsCommand;
    type What = super::history::DecisionsWhat;

    fn kind(change: &DecisionsChange) -> &'static str {
        change.kind()
    }

    fn say(what: &Self::What, lang: Lang) -> String {
        match lang {
            Lang::Nb => super::texts::what_nb(what),
            Lang::En => super::texts::what_en(what),
        }
    }

    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Nb => super::texts::event_kinds_nb(kind),
            Lang::En => super::texts::event_kinds_en(kind),
        }
    }

    fn apply(&mut self, stamp: &Stamp, change: &DecisionsChange) -> Result<(), ReduceError> {
        let id = change.decision_id().to_owned();
        if let DecisionsChange::DecisionProposed {
            text,
            references,
            status,
            ..
        } = change
        {
            if self.decisions.contains_key(&id) {
                return Err(ReduceError::duplicate(stamp, "decision", &id));
            }
            self.decisions.insert(
                id.clone(),
                Decision {
                    id: id.clone(),
                    revisions: vec![(text.clone(), stamp.clone())],
                    references: references.clone(),
                    status: *status,
                    status_changes: Vec::new(),
                    arguments: Vec::new(),
                    positions: BTreeMap::new(),
                    closing: None,
                    proposed_by: stamp.actor_id.clone(),
                    quorum: Vec::new(),
                    superseded_by: None,
                    supersedes: Vec::new(),
                },
            );
            self.withdrawn.remove(&id);
            self.touched.insert(id, stamp.clone());
            return Ok(());
        }
        if let DecisionsChange::DecisionWithdrawn { .. } = change {
            let gone = self
                .decisions
                .remove(&id)
                .ok_or_else(|| ReduceError::unknown(stamp, "decision", &id))?;
            self.withdrawn.insert(id.clone(), gone.text().title.clone());
            self.touched.insert(id, stamp.clone());
            return Ok(());
        }
        let unknown = |what: &'static str, which: &str| ReduceError::unknown(stamp, what, which);
        if let DecisionsChange::DecisionSuperseded { by, reason, .. } = change {
            // Both ends of the link, so each page names the other; both
            // must exist before either changes, so a refused event leaves
            // the state as it was.
            if !self.decisions.contains_key(&id) {
                return Err(unknown("decision", &id));
            }
            self.decisions
                .get_mut(by)
                .ok_or_else(|| unknown("decision", by))?
                .supersedes
                .push(id.clone());
            let d = self
                .decisions
                .get_mut(&id)
                .ok_or_else(|| unknown("decision", &id))?;
            d.status = Status::Superseded;
            d.superseded_by = Some(by.clone());
            d.status_changes.push(StatusChange {
                status: Status::Superseded,
                reason: reason.clone(),
                stamp: stamp.clone(),
            });
            self.touched.insert(id, stamp.clone());
            return Ok(());
        }
        if let DecisionsChange::DecisionReopened { .. } = change {
            let by = self.decisions.get(&id).and_then(|d| d.superseded_by.clone());
            if let Some(newer) = by.and_then(|by| self.decisions.get_mut(&by)) {
                newer.supersedes.retain(|s| s != &id);
            }
        }
        let d = self
            .decisions
            .get_mut(&id)
            .ok_or_else(|| unknown("decision", &id))?;
        match change {
            DecisionsChange::DecisionProposed { .. }
            | DecisionsChange::DecisionWithdrawn { .. }
            | DecisionsChange::DecisionSuperseded { .. } => {
                unreachable!("handled above")
            }
            DecisionsChange::QuorumSet { professions, .. } => d.quorum = professions.clone(),
            DecisionsChange::DecisionRevised { text, .. } => d.revisions.push((text.clone(), stamp.clone())),
            DecisionsChange::DecisionStatusChanged { status, reason, .. } => {
                d.status = *status;
                d.status_changes.push(StatusChange {
                    status: *status,
                    reason: reason.clone(),
                    stamp: stamp.clone(),
                });
            }
            DecisionsChange::ArgumentAdded {
                argument_id,
                option_id,
                side,
                text,
                evidence,
                profession,
                ..
            } => d.arguments.push(Argument {
                id: argument_id.clone(),
                option_id: option_id.clone(),
                side: *side,
                text: text.clone(),
                evidence: evidence.clone(),
                author: stamp.actor_id.clone(),
                profession: *profession,
                at_ms: stamp.at_ms,
            }),
            DecisionsChange::PositionTaken {
                option_id,
                stance,
                reason,
                revision,
                profession,
                ..
            } => d
                .positions
                .entry(stamp.actor_id.clone())
                .or_default()
                .entry(option_id.clone())
                .or_default()
                .push(Position {
                    stance: *stance,
                    reason: reason.clone(),
                    revision: *revision,
                    profession: *profession,
                    at_ms: stamp.at_ms,
                }),
            DecisionsChange::DecisionClosed {
                outcome,
                rationale,
                dissent,
                override_reason,
                criteria,
                ..
            } => {
                d.status = Status::Decided;
                d.closing = Some(Closing {
                    outcome: outcome.clone(),
                    rationale: rationale.clone(),
                    dissent: dissent.clone(),
                    override_reason: override_reason.clone(),
                    criteria: criteria.clone(),
                    stamp: stamp.clone(),
                });
                d.status_changes.push(StatusChange {
                    status: Status::Decided,
                    reason: rationale.clone(),
                    stamp: stamp.clone(),
                });
            }
            DecisionsChange::DecisionReopened { reason, .. } => {
                d.status = Status::Open;
                d.closing = None;
                d.superseded_by = None;
                d.status_changes.push(StatusChange {
                    status: Status::Open,
                    reason: reason.clone(),
                    stamp: stamp.clone(),
                });
                let text = d.text().clone();
                d.revisions.push((text, stamp.clone()));
            }
            DecisionsChange::ArgumentWithdrawn { argument_id, .. } => {
                let before = d.arguments.len();
                d.arguments.retain(|a| &a.id != argument_id);
                if d.arguments.len() == before {
                    return Err(unknown("argument", argument_id));
                }
            }
        }
        self.touched.insert(id, stamp.clone());
        Ok(())
    }

    /// A proposal or an argument can be taken back by its author; a
    /// position is changed by taking another (each is kept), a revision by
    /// another revision, a close by reopening.
    fn inverse(&self, change: &DecisionsChange) -> Option<Vec<DecisionsChange>> {
        let back = match change {
            DecisionsChange::DecisionProposed { decision_id, .. } => DecisionsChange::DecisionWithdrawn {
                decision_id: decision_id.clone(),
            },
            DecisionsChange::ArgumentAdded {
                decision_id,
                argument_id,
                ..
            } => DecisionsChange::ArgumentWithdrawn {
                decision_id: decision_id.clone(),
                argument_id: argument_id.clone(),
            },
            _ => return None,
        };
        Some(vec![back])
    }

    fn guard(&self, change: &DecisionsChange) -> Option<Guard> {
        let id = change.decision_id();
        Some(Guard {
            last_change: self.touched.get(id).cloned(),
            item: id.to_owned(),
            removed: !self.decisions.contains_key(id),
        })
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &Self::Command,
    ) -> Result<Vec<DecisionsChange>, crate::error::AppError> {
        super::commands::decide(state, ctx, command)
    }

    fn describe(&self, change: &DecisionsChange) -> (Self::What, String) {
        super::history::describe(self, change)
    }

    fn name_of(&self, item_id: &str) -> Option<String> {
        Some(self.title(item_id)).filter(|t| !t.is_empty())
    }
}
