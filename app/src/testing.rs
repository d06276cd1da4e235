//! What the features' tests share: a small deterministic random generator
//! (every run the same) and a way to decide and apply without a database.

use crate::error::AppError;
use crate::features::{Entry, Event, ProjectState, Request};
use crate::trail::command::decide;
use crate::trail::{Context, Seq};

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

pub fn ctx<'a>(
    actor: &'a str,
    base: Option<Seq>,
    name_of: &'a dyn Fn(&str) -> String,
    new_id: &'a mut dyn FnMut() -> String,
) -> Context<'a> {
    Context {
        actor_id: actor,
        base_seq: base,
        name_of,
        new_id,
        curator: false,
    }
}

pub fn apply_all(state: &mut ProjectState, actor: &str, changes: Vec<Entry>) {
    for change in changes {
        let e = Event {
            project_id: state.project_id.clone(),
            seq: state.seq + 1,
            id: format!("e{}", state.seq + 1),
            actor_id: actor.into(),
            // A second apart, so "the latest" means something.
            at_ms: 1_000 * (state.seq + 1),
            workshop_id: None,
            change,
        };
        state.apply(&e).unwrap();
    }
}

/// Runs commands as people, applying what they decide; returns the state.
pub fn run(steps: &[(&str, Request)]) -> Result<ProjectState, AppError> {
    run_from(ProjectState::new("p"), &[], steps)
}

/// As `run`, from `s`, with `curators` as the people who may curate.
pub fn run_from(
    mut s: ProjectState,
    curators: &[&str],
    steps: &[(&str, Request)],
) -> Result<ProjectState, AppError> {
    // Ids go on from where the state is, so runs one after another never
    // make the same id twice.
    let mut ids = s.seq * 1_000;
    for (actor, command) in steps {
        let names = |id: &str| id.to_owned();
        let mut new_id = || {
            ids += 1;
            format!("id{ids}")
        };
        let mut context = ctx(actor, Some(s.seq), &names, &mut new_id);
        context.curator = curators.contains(actor);
        let changes = decide(&s, &mut context, command)?;
        apply_all(&mut s, actor, changes);
    }
    Ok(s)
}
