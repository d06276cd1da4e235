//! The workshops' slice of the project state. While a workshop runs, every
//! event made in the project records it (`occasion`), and while its
//! editing is locked only those who may curate change anything (`admit`).

use super::changes::{WorkshopsChange as C, KINDS};
use super::commands::{decide, WorkshopsCommand};
use super::model::{Current, DotVote, Revealed, Span, Timer, Workshop};
use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::i18n::Lang;
use crate::trail::slice::TableWrite;
use crate::trail::{Context, ReduceError, Slice, Stamp, State, Viewer, Visibility};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkshopsSlice {
    pub workshops: BTreeMap<String, Workshop>,
    pub dot_votes: BTreeMap<String, DotVote>,
}

crate::read_json!(WorkshopsSlice { workshops, dot_votes });

impl WorkshopsSlice {
    /// The workshop now running, if any (at most one runs at a time).
    pub fn running(&self) -> Option<&Workshop> {
        self.workshops.values().find(|w| w.is_running())
    }

    /// The workshop's dot votes, in the order they were opened.
    pub fn votes_of(&self, workshop_id: &str) -> Vec<&DotVote> {
        let mut votes: Vec<&DotVote> = self
            .dot_votes
            .values()
            .filter(|v| v.workshop_id == workshop_id)
            .collect();
        votes.sort_by_key(|v| v.opened.seq);
        votes
    }

    /// Every workshop, the latest planned first.
    pub fn latest_first(&self) -> Vec<&Workshop> {
        let mut all: Vec<&Workshop> = self.workshops.values().collect();
        all.sort_by_key(|w| std::cmp::Reverse(w.planned.seq));
        all
    }
}

crate::read_json!(define
/// What a workshop event did, for the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopsWhat {
    Planned {
        title: String,
    },
    Replanned {
        title: String,
    },
    Started {
        title: String,
    },
    ActivityStarted {
        title: String,
        activity: String,
        minutes: u32,
    },
    Paused {
        title: String,
    },
    Resumed {
        title: String,
    },
    Brought {
        title: String,
        to: Option<String>,
    },
    Locked {
        title: String,
        locked: bool,
    },
    Joined {
        title: String,
    },
    Done {
        title: String,
        activity: String,
    },
    Notes {
        title: String,
    },
    Ended {
        title: String,
    },
    DotVoteOpened {
        title: String,
        items: usize,
        dots: u32,
    },
    DotVoteRevealed {
        title: String,
        voters: u32,
    },
    ItemsChosen {
        title: String,
        activity: String,
        items: Vec<String>,
    },
});

fn end_span(w: &mut Workshop, at_ms: i64) {
    if let Some(c) = w.current.take() {
        w.spans.push(Span {
            index: c.index,
            from_ms: c.started.at_ms,
            to_ms: at_ms,
        });
    }
}

impl Slice<Project> for WorkshopsSlice {
    const SHAPE: u32 = 1;
    const KINDS: &'static [&'static str] = KINDS;
    type Change = C;
    type Command = WorkshopsCommand;
    type What = WorkshopsWhat;

    fn kind(change: &C) -> &'static str {
        match change {
            C::WorkshopPlanned { .. } => "workshop_planned",
            C::WorkshopReplanned { .. } => "workshop_replanned",
            C::WorkshopStarted { .. } => "workshop_started",
            C::ActivityStarted { .. } => "activity_started",
            C::TimerPaused { .. } => "timer_paused",
            C::TimerResumed { .. } => "timer_resumed",
            C::EveryoneBrought { .. } => "everyone_brought",
            C::EditingLocked { .. } => "editing_locked",
            C::WorkshopJoined { .. } => "workshop_joined",
            C::ActivityDone { .. } => "activity_done",
            C::WorkshopNotesWritten { .. } => "workshop_notes_written",
            C::WorkshopEnded { .. } => "workshop_ended",
            C::DotVoteOpened { .. } => "dot_vote_opened",
            C::DotVoteRevealed { .. } => "dot_vote_revealed",
            C::ActivityItemsChosen { .. } => "activity_items_chosen",
        }
    }

    fn say(what: &WorkshopsWhat, lang: Lang) -> String {
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

    fn apply(&mut self, stamp: &Stamp, change: &C) -> Result<(), ReduceError> {
        let id = change.workshop_id();
        if let C::WorkshopPlanned {
            title,
            starts_at,
            goal,
            agenda,
            ..
        } = change
        {
            if self.workshops.contains_key(id) {
                return Err(ReduceError::duplicate(stamp, "workshop", id));
            }
            self.workshops.insert(
                id.to_owned(),
                Workshop {
                    id: id.to_owned(),
                    title: title.clone(),
                    starts_at: starts_at.clone(),
                    goal: goal.clone(),
                    agenda: agenda.clone(),
                    planned: stamp.clone(),
                    started: None,
                    ended: None,
                    code: None,
                    current: None,
                    spans: Vec::new(),
                    focus: None,
                    locked: false,
                    joined: BTreeMap::new(),
                    notes: String::new(),
                    chosen: BTreeMap::new(),
                },
            );
            return Ok(());
        }
        match change {
            C::DotVoteOpened {
                vote_id, items, dots, ..
            } => {
                if !self.workshops.get(id).is_some_and(|w| w.is_running()) {
                    return Err(ReduceError::unknown(stamp, "running workshop", id));
                }
                if self.dot_votes.contains_key(vote_id) {
                    return Err(ReduceError::duplicate(stamp, "dot vote", vote_id));
                }
                self.dot_votes.insert(
                    vote_id.clone(),
                    DotVote {
                        id: vote_id.clone(),
                        workshop_id: id.to_owned(),
                        items: items.clone(),
                        dots: *dots,
                        opened: stamp.clone(),
                        revealed: None,
                    },
                );
                return Ok(());
            }
            C::DotVoteRevealed {
                vote_id,
                totals,
                voters,
                ..
            } => {
                let vote = self
                    .dot_votes
                    .get_mut(vote_id)
                    .filter(|v| v.revealed.is_none() && v.items.len() == totals.len())
                    .ok_or_else(|| ReduceError::unknown(stamp, "open dot vote", vote_id))?;
                vote.revealed = Some(Revealed {
                    at: stamp.clone(),
                    totals: totals.clone(),
                    voters: *voters,
                });
                return Ok(());
            }
            _ => {}
        }
        let w = self
            .workshops
            .get_mut(id)
            .ok_or_else(|| ReduceError::unknown(stamp, "workshop", id))?;
        let not_running = || ReduceError::unknown(stamp, "running workshop", id);
        match change {
            C::WorkshopPlanned { .. } | C::DotVoteOpened { .. } | C::DotVoteRevealed { .. } => {
                unreachable!("handled above")
            }
            C::WorkshopReplanned {
                title,
                starts_at,
                goal,
                agenda,
                ..
            } => {
                w.title = title.clone();
                w.starts_at = starts_at.clone();
                w.goal = goal.clone();
                // A choice stays with its place only while that place is
                // the same kind of activity.
                let before = std::mem::replace(&mut w.agenda, agenda.clone());
                w.chosen
                    .retain(|i, _| before.get(*i).map(|a| a.kind) == agenda.get(*i).map(|a| a.kind));
            }
            C::WorkshopStarted { code, .. } => {
                w.started = Some(stamp.clone());
                w.code = Some(code.clone());
            }
            C::ActivityStarted { index, seconds, .. } => {
                if !w.is_running() || *index >= w.agenda.len() {
                    return Err(not_running());
                }
                end_span(w, stamp.at_ms);
                w.current = Some(Current {
                    index: *index,
                    started: stamp.clone(),
                    timer: Timer {
                        ends_at_ms: stamp.at_ms + seconds * 1_000,
                        paused_left_ms: None,
                    },
                    done: Default::default(),
                });
            }
            C::TimerPaused { .. } | C::TimerResumed { .. } => {
                let timer = &mut w.current.as_mut().ok_or_else(not_running)?.timer;
                match change {
                    C::TimerPaused { .. } => timer.paused_left_ms = Some(timer.left_ms(stamp.at_ms)),
                    _ => {
                        if let Some(left) = timer.paused_left_ms.take() {
                            timer.ends_at_ms = stamp.at_ms + left;
                        }
                    }
                }
            }
            C::EveryoneBrought { path, .. } => w.focus = path.clone(),
            C::EditingLocked { locked, .. } => w.locked = *locked,
            C::WorkshopJoined { .. } => {
                w.joined
                    .entry(stamp.actor_id.clone())
                    .or_insert_with(|| stamp.clone());
            }
            C::ActivityDone { index, .. } => {
                let current = w
                    .current
                    .as_mut()
                    .filter(|c| c.index == *index)
                    .ok_or_else(not_running)?;
                current.done.insert(stamp.actor_id.clone());
            }
            C::WorkshopNotesWritten { notes, .. } => w.notes = notes.clone(),
            C::ActivityItemsChosen { index, items, .. } => {
                if *index >= w.agenda.len() {
                    return Err(ReduceError::unknown(stamp, "agenda item", &index.to_string()));
                }
                match items.is_empty() {
                    true => w.chosen.remove(index),
                    false => w.chosen.insert(*index, items.clone()),
                };
            }
            C::WorkshopEnded { .. } => {
                end_span(w, stamp.at_ms);
                w.ended = Some(stamp.clone());
                w.code = None;
                w.focus = None;
                w.locked = false;
            }
        }
        Ok(())
    }

    /// What happened in a workshop happened: its events are not taken back.
    fn inverse(&self, _: &C) -> Option<Vec<C>> {
        None
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &WorkshopsCommand,
    ) -> Result<Vec<C>, AppError> {
        decide(state, ctx, command)
    }

    fn admit(&self, ctx: &Context, own: bool) -> Result<(), AppError> {
        match self.running() {
            Some(w) if w.locked && !own && !ctx.curator => Err(Problem::EditingLocked.into()),
            _ => Ok(()),
        }
    }

    fn occasion(&self) -> Option<String> {
        self.running().map(|w| w.id.clone())
    }

    fn describe(&self, change: &C) -> (WorkshopsWhat, String) {
        use WorkshopsWhat as W;
        let id = change.workshop_id().to_owned();
        let w = self.workshops.get(&id);
        let title = match change {
            C::WorkshopPlanned { title, .. } => title.clone(),
            _ => w.map(|w| w.title.clone()).unwrap_or_default(),
        };
        let activity = |index: usize| {
            w.and_then(|w| w.agenda.get(index))
                .map(|a| a.title.clone())
                .unwrap_or_default()
        };
        let what = match change {
            C::WorkshopPlanned { .. } => W::Planned { title },
            C::WorkshopReplanned { title, .. } => W::Replanned { title: title.clone() },
            C::WorkshopStarted { .. } => W::Started { title },
            C::ActivityStarted { index, seconds, .. } => W::ActivityStarted {
                title,
                activity: activity(*index),
                minutes: u32::try_from(seconds / 60).unwrap_or(0),
            },
            C::TimerPaused { .. } => W::Paused { title },
            C::TimerResumed { .. } => W::Resumed { title },
            C::EveryoneBrought { path, .. } => W::Brought {
                title,
                to: path.clone(),
            },
            C::EditingLocked { locked, .. } => W::Locked {
                title,
                locked: *locked,
            },
            C::WorkshopJoined { .. } => W::Joined { title },
            C::ActivityDone { index, .. } => W::Done {
                title,
                activity: activity(*index),
            },
            C::WorkshopNotesWritten { .. } => W::Notes { title },
            C::WorkshopEnded { .. } => W::Ended { title },
            C::DotVoteOpened { items, dots, .. } => W::DotVoteOpened {
                title,
                items: items.len(),
                dots: *dots,
            },
            C::DotVoteRevealed { voters, .. } => W::DotVoteRevealed {
                title,
                voters: *voters,
            },
            C::ActivityItemsChosen { index, items, .. } => W::ItemsChosen {
                title,
                activity: activity(*index),
                items: items.iter().map(|i| i.label.clone()).collect(),
            },
        };
        (what, id)
    }

    fn name_of(&self, item_id: &str) -> Option<String> {
        self.workshops.get(item_id).map(|w| w.title.clone())
    }

    /// The notes are the facilitators' own: others learn only that they
    /// were written.
    fn visibility(_actor: &str, change: &C, viewer: &Viewer) -> Visibility<C> {
        match change {
            C::WorkshopNotesWritten { workshop_id, .. } if !viewer.role.can_curate() => {
                Visibility::Redacted(C::WorkshopNotesWritten {
                    workshop_id: workshop_id.clone(),
                    notes: String::new(),
                })
            }
            _ => Visibility::Whole,
        }
    }

    fn conceal(&mut self, role: crate::people::Role) {
        if !role.can_curate() {
            self.workshops.values_mut().for_each(|w| w.notes.clear());
        }
    }

    /// The join code works while its workshop runs: the row is written with
    /// the start and deleted with the end, in the same transaction.
    fn table_writes(project_id: &str, change: &C) -> Vec<TableWrite> {
        match change {
            C::WorkshopStarted { workshop_id, code } => vec![TableWrite {
                sql: "INSERT INTO workshop_codes (code, project_id, workshop_id) VALUES ($1, $2, $3)",
                binds: vec![code.clone(), project_id.to_owned(), workshop_id.clone()],
            }],
            C::WorkshopEnded { workshop_id } => vec![TableWrite {
                sql: "DELETE FROM workshop_codes WHERE workshop_id = $1",
                binds: vec![workshop_id.clone()],
            }],
            // Dots wait in `dot_ballots` while the vote's row says it is
            // open; the reveal deletes both in its own transaction, so dots
            // are either counted or still waiting, never lost.
            C::DotVoteOpened { vote_id, .. } => vec![TableWrite {
                sql: "INSERT INTO open_dot_votes (vote_id, project_id) VALUES ($1, $2)",
                binds: vec![vote_id.clone(), project_id.to_owned()],
            }],
            C::DotVoteRevealed { vote_id, .. } => vec![
                TableWrite {
                    sql: "DELETE FROM dot_ballots WHERE vote_id = $1",
                    binds: vec![vote_id.clone()],
                },
                TableWrite {
                    sql: "DELETE FROM open_dot_votes WHERE vote_id = $1",
                    binds: vec![vote_id.clone()],
                },
            ],
            _ => Vec::new(),
        }
    }
}
