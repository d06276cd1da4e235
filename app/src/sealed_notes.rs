//! Sealed notes: a note only leads may read. Facilitators learn that a note
//! was sealed but not its text; participants and observers learn nothing.
//! Built only with the `example-slice` feature (the tests): it shows the
//! per-viewer filter that anonymous rounds and hidden results will use.

use crate::error::{AppError, Problem};
use crate::features::Project;
use crate::i18n::Lang;
use crate::people::Role;
use crate::trail::{Context, ReduceError, Slice, Stamp, State, Viewer, Visibility};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SealedNotes {
    pub notes: BTreeMap<String, String>,
}

crate::read_json!(SealedNotes { notes });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum SealedChange {
    NoteSealed { note_id: String, text: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SealedCommand {
    Seal { text: String },
}

crate::read_json!(define
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SealedWhat {
    NoteSealed { text: String },
});

/// What a facilitator gets in place of the text.
pub const HIDDEN: &str = "";

impl Slice<Project> for SealedNotes {
    const SHAPE: u32 = 1;
    const KINDS: &'static [&'static str] = &["note_sealed"];
    type Change = SealedChange;
    type Command = SealedCommand;
    type What = SealedWhat;

    fn kind(_: &SealedChange) -> &'static str {
        "note_sealed"
    }

    fn say(what: &SealedWhat, lang: Lang) -> String {
        let SealedWhat::NoteSealed { text } = what;
        match lang {
            Lang::Nb => format!("forseglet et notat «{text}»"),
            Lang::En => format!("sealed a note “{text}”"),
        }
    }

    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str> {
        (kind == "note_sealed").then_some(match lang {
            Lang::Nb => "notat forseglet",
            Lang::En => "note sealed",
        })
    }

    fn apply(&mut self, stamp: &Stamp, change: &SealedChange) -> Result<(), ReduceError> {
        let SealedChange::NoteSealed { note_id, text } = change;
        if self.notes.contains_key(note_id) {
            return Err(ReduceError::duplicate(stamp, "note", note_id));
        }
        self.notes.insert(note_id.clone(), text.clone());
        Ok(())
    }

    fn inverse(&self, _: &SealedChange) -> Option<Vec<SealedChange>> {
        None
    }

    fn decide(
        _: &State<Project>,
        ctx: &mut Context,
        command: &SealedCommand,
    ) -> Result<Vec<SealedChange>, AppError> {
        let SealedCommand::Seal { text } = command;
        if text.trim().is_empty() {
            return Err(Problem::TextMissing.into());
        }
        Ok(vec![SealedChange::NoteSealed {
            note_id: (ctx.new_id)(),
            text: text.clone(),
        }])
    }

    fn describe(&self, change: &SealedChange) -> (SealedWhat, String) {
        let SealedChange::NoteSealed { note_id, text } = change;
        (SealedWhat::NoteSealed { text: text.clone() }, note_id.clone())
    }

    fn visibility(_actor: &str, change: &SealedChange, viewer: &Viewer) -> Visibility<SealedChange> {
        let SealedChange::NoteSealed { note_id, .. } = change;
        match viewer.role {
            Role::Lead => Visibility::Whole,
            Role::Facilitator => Visibility::Redacted(SealedChange::NoteSealed {
                note_id: note_id.clone(),
                text: HIDDEN.into(),
            }),
            Role::Participant | Role::Observer => Visibility::Nothing,
        }
    }

    fn conceal(&mut self, role: Role) {
        match role {
            Role::Lead => {}
            Role::Facilitator => self.notes.values_mut().for_each(|t| *t = HIDDEN.into()),
            Role::Participant | Role::Observer => self.notes.clear(),
        }
    }
}
