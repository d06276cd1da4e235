//! The project's own slice of its state: its name and purpose, described
//! in the first event of its log and renamed later.

use crate::error::AppError;
use crate::features::Project;
use crate::i18n::Lang;
use crate::projects::domain::{ProjectName, Purpose};
use crate::trail::history::Field;
use crate::trail::slice::TableWrite;
use crate::trail::{check_fresh, Context, ReduceError, Slice, Stamp, State};
use serde::{Deserialize, Serialize};

/// The id under which the project itself is compared across versions.
pub const PROJECT_ITEM: &str = "project";

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProjectSlice {
    pub name: String,
    pub purpose: String,
    pub described: Option<Stamp>,
}

crate::read_json!(ProjectSlice {
    name,
    purpose,
    described
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum ProjectChange {
    ProjectDescribed { name: String, purpose: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectCommand {
    DescribeProject { name: String, purpose: String },
}

crate::read_json!(define
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectWhat {
    ProjectDescribed {
        name: String,
        renamed_from: Option<String>,
    },
});

impl Slice<Project> for ProjectSlice {
    const SHAPE: u32 = 1;
    const KINDS: &'static [&'static str] = &["project_described"];
    type Change = ProjectChange;
    type Command = ProjectCommand;
    type What = ProjectWhat;

    fn kind(change: &ProjectChange) -> &'static str {
        match change {
            ProjectChange::ProjectDescribed { .. } => "project_described",
        }
    }

    fn say(what: &ProjectWhat, lang: Lang) -> String {
        (lang.texts().project_what)(what)
    }

    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str> {
        (lang.texts().event_kinds)(kind).filter(|_| Self::KINDS.contains(&kind))
    }

    fn apply(&mut self, stamp: &Stamp, change: &ProjectChange) -> Result<(), ReduceError> {
        let ProjectChange::ProjectDescribed { name, purpose } = change;
        self.name = name.clone();
        self.purpose = purpose.clone();
        self.described = Some(stamp.clone());
        Ok(())
    }

    fn inverse(&self, _change: &ProjectChange) -> Option<Vec<ProjectChange>> {
        self.described.as_ref().map(|_| {
            vec![ProjectChange::ProjectDescribed {
                name: self.name.clone(),
                purpose: self.purpose.clone(),
            }]
        })
    }

    fn decide(
        state: &State<Project>,
        ctx: &mut Context,
        command: &ProjectCommand,
    ) -> Result<Vec<ProjectChange>, AppError> {
        let ProjectCommand::DescribeProject { name, purpose } = command;
        let name = ProjectName::parse(name)?;
        let purpose = Purpose::parse(purpose)?;
        let project = &state.project;
        check_fresh(ctx, project.described.as_ref(), &project.name, false)?;
        Ok(vec![ProjectChange::ProjectDescribed {
            name: name.as_str().to_owned(),
            purpose: purpose.as_str().to_owned(),
        }])
    }

    fn describe(&self, change: &ProjectChange) -> (ProjectWhat, String) {
        let ProjectChange::ProjectDescribed { name, .. } = change;
        (
            ProjectWhat::ProjectDescribed {
                name: name.clone(),
                renamed_from: self.described.as_ref().map(|_| self.name.clone()),
            },
            PROJECT_ITEM.into(),
        )
    }

    fn fields_of(&self, item_id: &str, _kind_label: &dyn Fn(&str) -> String) -> Option<Vec<(Field, String)>> {
        (item_id == PROJECT_ITEM).then(|| match self.described {
            Some(_) => vec![
                (Field::Name, self.name.clone()),
                (Field::Purpose, self.purpose.clone()),
            ],
            None => vec![],
        })
    }

    fn name_of(&self, item_id: &str) -> Option<String> {
        (item_id == PROJECT_ITEM).then(|| self.name.clone())
    }

    /// Project lists read the name from `projects`, not the log.
    fn table_writes(project_id: &str, change: &ProjectChange) -> Vec<TableWrite> {
        let ProjectChange::ProjectDescribed { name, purpose } = change;
        vec![TableWrite {
            sql: "UPDATE projects SET name = $1, purpose = $2 WHERE id = $3",
            binds: vec![name.clone(), purpose.clone(), project_id.to_owned()],
        }]
    }
}
