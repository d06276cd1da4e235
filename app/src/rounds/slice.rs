//! The rounds' slice of the project state, their events and the rules for
//! starting and closing one. Ballots are not here while a round runs: they
//! wait in the server's `round_ballots` table, which no page, history or
//! stream reads, and enter the trail only at the close, without names.

use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::fields::model::Rating;
use crate::i18n::Lang;
use crate::people::Profession;
use crate::trail::slice::TableWrite;
use crate::trail::{Context, ReduceError, Slice, Stamp, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One rating given in a round, under the rater's pseudonym for that round.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Ballot {
    /// Random, one per person and round: the same person's ballots share
    /// it, and nothing else links it to them.
    pub pseudonym: String,
    pub field_id: String,
    pub context_id: String,
    pub rating: Rating,
    /// Left out for a profession with fewer than [`FEWEST`] people in the
    /// round: it would name them.
    pub profession: Option<Profession>,
    #[serde(default)]
    pub reason: String,
}

crate::read_json!(Ballot { pseudonym, field_id, context_id, rating, profession, reason = default });

/// The fewest people (or ratings) of a profession whose ratings are told
/// apart from the rest.
pub const FEWEST: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: String,
    /// The contexts of use rated in the round, in the order chosen.
    pub context_ids: Vec<String>,
    pub started: Stamp,
    pub closed: Option<Stamp>,
    /// Sorted by pseudonym: the order says nothing about who came first.
    pub ballots: Vec<Ballot>,
    /// Who took part, sorted by user id; apart from the ballots.
    pub participants: Vec<String>,
}

crate::read_json!(Round {
    id,
    context_ids,
    started,
    closed,
    ballots,
    participants
});

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoundsSlice {
    pub rounds: BTreeMap<String, Round>,
}

crate::read_json!(RoundsSlice { rounds });

impl RoundsSlice {
    /// The round now running, if any (at most one runs at a time).
    pub fn running(&self) -> Option<&Round> {
        self.rounds.values().find(|r| r.closed.is_none())
    }

    /// Closed rounds, latest first.
    pub fn closed(&self) -> impl Iterator<Item = &Round> {
        let mut closed: Vec<&Round> = self.rounds.values().filter(|r| r.closed.is_some()).collect();
        closed.sort_by_key(|r| std::cmp::Reverse(r.started.seq));
        closed.into_iter()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum RoundsChange {
    RoundStarted {
        round_id: String,
        context_ids: Vec<String>,
    },
    RoundClosed {
        round_id: String,
        ballots: Vec<Ballot>,
        participants: Vec<String>,
    },
}

pub const KINDS: &[&str] = &["round_started", "round_closed"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundsCommand {
    Start {
        context_ids: Vec<String>,
    },
    /// The server gathers the ballots and gives them pseudonyms; the rules
    /// only check that the round is still running.
    Close {
        round_id: String,
        ballots: Vec<Ballot>,
        participants: Vec<String>,
    },
}

crate::read_json!(define
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundsWhat {
    Started { contexts: usize },
    Closed { participants: usize, ballots: usize },
});

impl Slice<Project> for RoundsSlice {
    const SHAPE: u32 = 1;
    const KINDS: &'static [&'static str] = KINDS;
    type Change = RoundsChange;
    type Command = RoundsCommand;
    type What = RoundsWhat;

    fn kind(change: &RoundsChange) -> &'static str {
        match change {
            RoundsChange::RoundStarted { .. } => "round_started",
            RoundsChange::RoundClosed { .. } => "round_closed",
        }
    }

    fn say(what: &RoundsWhat, lang: Lang) -> String {
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

    fn apply(&mut self, stamp: &Stamp, change: &RoundsChange) -> Result<(), ReduceError> {
        match change {
            RoundsChange::RoundStarted {
                round_id,
                context_ids,
            } => {
                if self.rounds.contains_key(round_id) {
                    return Err(ReduceError::duplicate(stamp, "round", round_id));
                }
                self.rounds.insert(
                    round_id.clone(),
                    Round {
                        id: round_id.clone(),
                        context_ids: context_ids.clone(),
                        started: stamp.clone(),
                        closed: None,
                        ballots: Vec::new(),
                        participants: Vec::new(),
                    },
                );
            }
            RoundsChange::RoundClosed {
                round_id,
                ballots,
                participants,
            } => {
                let round = self
                    .rounds
                    .get_mut(round_id)
                    .filter(|r| r.closed.is_none())
                    .ok_or_else(|| ReduceError::unknown(stamp, "running round", round_id))?;
                round.closed = Some(stamp.clone());
                round.ballots = ballots.clone();
                round.participants = participants.clone();
            }
        }
        Ok(())
    }

    /// A round is not taken back: its start told everyone to rate, and its
    /// close is what they rated.
    fn inverse(&self, _: &RoundsChange) -> Option<Vec<RoundsChange>> {
        None
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &RoundsCommand,
    ) -> Result<Vec<RoundsChange>, AppError> {
        let rounds = &state.content.rounds;
        match command {
            RoundsCommand::Start { context_ids } => {
                let fields = &state.content.fields;
                let mut chosen: Vec<String> = Vec::new();
                for id in context_ids {
                    if fields.contexts.get(id).is_none_or(|c| c.retired) {
                        return Err(AppError::NotFound);
                    }
                    if !chosen.contains(id) {
                        chosen.push(id.clone());
                    }
                }
                if chosen.is_empty() {
                    return Err(Problem::NoContextChosen.into());
                }
                if rounds.running().is_some() {
                    return Err(Problem::RoundRunning.into());
                }
                Ok(vec![RoundsChange::RoundStarted {
                    round_id: (ctx.new_id)(),
                    context_ids: chosen,
                }])
            }
            RoundsCommand::Close {
                round_id,
                ballots,
                participants,
            } => {
                if rounds.rounds.get(round_id).is_none_or(|r| r.closed.is_some()) {
                    return Err(Problem::RoundNotRunning.into());
                }
                Ok(vec![RoundsChange::RoundClosed {
                    round_id: round_id.clone(),
                    ballots: ballots.clone(),
                    participants: participants.clone(),
                }])
            }
        }
    }

    fn describe(&self, change: &RoundsChange) -> (RoundsWhat, String) {
        match change {
            RoundsChange::RoundStarted {
                round_id,
                context_ids,
            } => (
                RoundsWhat::Started {
                    contexts: context_ids.len(),
                },
                round_id.clone(),
            ),
            RoundsChange::RoundClosed {
                round_id,
                ballots,
                participants,
            } => (
                RoundsWhat::Closed {
                    participants: participants.len(),
                    ballots: ballots.len(),
                },
                round_id.clone(),
            ),
        }
    }

    /// The round's row says ballots may be cast; the close takes the
    /// ballots and the row away in the same transaction as its event, so a
    /// ballot is either in the trail or still waiting, never both or lost.
    fn table_writes(project_id: &str, change: &RoundsChange) -> Vec<TableWrite> {
        match change {
            RoundsChange::RoundStarted { round_id, .. } => vec![TableWrite {
                sql: "INSERT INTO open_rounds (round_id, project_id) VALUES ($1, $2)",
                binds: vec![round_id.clone(), project_id.to_owned()],
            }],
            RoundsChange::RoundClosed { round_id, .. } => vec![
                TableWrite {
                    sql: "DELETE FROM round_ballots WHERE round_id = $1",
                    binds: vec![round_id.clone()],
                },
                TableWrite {
                    sql: "DELETE FROM open_rounds WHERE round_id = $1",
                    binds: vec![round_id.clone()],
                },
            ],
        }
    }
}
