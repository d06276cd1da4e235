//! A page's project state travels beside the page, not inside it.
//!
//! A project page renders on the server from the project's state and hands
//! that state to the browser, which hydrates from it and then follows the
//! live stream. Written into the page, the state was serialised, escaped
//! into a script and compressed again on every request: on the matrix of
//! 27,000 ratings, 478 KB of an 870 KB page. Now the page names it instead
//! (`/state/<project>?at=<version>&slices=…&as=<role>`), and the script
//! that starts the page's code (`page_code.js`) fetches it beside the code
//! and puts it where hydration reads it. A state at one version, concealed
//! for one role (`Domain::conceal` sees only the role), is the same for
//! everyone in that role, so it is serialised once and shared by every page
//! showing it. Without JavaScript nothing changes: the page is whole.

use super::{Domain, State};
use crate::error::AppError;
use leptos::server::codee::{Decoder, Encoder};

/// A page's project state, written into the page by reference (see the
/// module). The browser reads it (`json::Read`), after `page_code.js` has put
/// the state in.
pub struct StateCodec;

impl<D: Domain> Encoder<Result<State<D>, AppError>> for StateCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &Result<State<D>, AppError>) -> Result<String, serde_json::Error> {
        #[cfg(feature = "ssr")]
        if let Ok(state) = val {
            if let Some(shared) = shared::remember(state)? {
                return serde_json::to_string(&shared::Reference { state: &shared.url });
            }
        }
        serde_json::to_string(val)
    }
}

impl<D: Domain> Decoder<Result<State<D>, AppError>> for StateCodec {
    type Error = crate::json::ReadError;
    type Encoded = str;

    fn decode(val: &str) -> Result<Result<State<D>, AppError>, crate::json::ReadError> {
        crate::json::from_text(val)
    }
}

#[cfg(feature = "ssr")]
pub mod shared {
    //! The states pages have named lately, each serialised once.

    use super::*;
    use crate::people::Role;
    use crate::trail::Seq;
    use serde::Serialize;
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex, OnceLock};

    /// How many states are kept: a few versions of a few pages of the
    /// projects in use. A state that has gone is made again when asked for.
    pub const KEEP: usize = 32;

    /// Which state: a project at a version, its slices, the role it was
    /// concealed for.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub struct Key {
        pub project_id: String,
        pub seq: Seq,
        pub slices: String,
        pub role: Role,
    }

    /// One state as pages receive it, with its compressed copies, each made
    /// once when first asked for (by the server's `/state` route).
    #[derive(Debug)]
    pub struct Shared {
        pub url: String,
        pub json: String,
        pub brotli: OnceLock<Vec<u8>>,
        pub gzip: OnceLock<Vec<u8>>,
    }

    #[derive(Default)]
    struct Kept {
        states: HashMap<Key, (u64, Arc<Shared>)>,
        clock: u64,
    }

    /// What a page carries in place of its state. `page_code.js` knows it by
    /// its one key.
    #[derive(Serialize)]
    pub(super) struct Reference<'a> {
        #[serde(rename = "$state")]
        pub(super) state: &'a str,
    }

    /// Where the state of `project_id` at `seq`, holding `slices`
    /// (comma-separated, empty for all), concealed for `role`, is fetched.
    pub fn address(project_id: &str, seq: Seq, slices: &str, role: Role) -> String {
        format!(
            "/state/{}?at={seq}&slices={}&as={}",
            escape(project_id),
            escape(slices),
            role.as_str()
        )
    }

    /// Percent-encodes all but letters, digits, `-`, `_` and `,` (ids and slice
    /// names are made of these; anything else must not change the address).
    fn escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b',') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// A state without the per-person part (what each person can undo, which
    /// the browser never reads): the text shared by everyone in a role.
    #[derive(Serialize)]
    #[serde(bound(serialize = "D: Domain"))]
    struct Sharable<'a, D: Domain> {
        project_id: &'a str,
        seq: Seq,
        at_ms: i64,
        content: &'a D,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        only: &'a [String],
    }

    static KEPT: LazyLock<Mutex<Kept>> = LazyLock::new(Mutex::default);

    /// The state named by `key`, if it is kept.
    pub fn recall(key: &Key) -> Option<Arc<Shared>> {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        kept.clock += 1;
        let now = kept.clock;
        kept.states.get_mut(key).map(|(used, shared)| {
            *used = now;
            shared.clone()
        })
    }

    /// Keeps `state` for the pages that name it; `None` for a state not
    /// concealed for a role (the whole state is never shared).
    pub fn remember<D: Domain>(state: &State<D>) -> serde_json::Result<Option<Arc<Shared>>> {
        let Some(role) = state.seen_as else {
            return Ok(None);
        };
        let key = Key {
            project_id: state.project_id.clone(),
            seq: state.seq,
            slices: state.only.join(","),
            role,
        };
        if let Some(shared) = recall(&key) {
            return Ok(Some(shared));
        }
        let json = serde_json::to_string(&Sharable {
            project_id: &state.project_id,
            seq: state.seq,
            at_ms: state.at_ms,
            content: &state.content,
            only: &state.only,
        })?;
        let shared = Arc::new(Shared {
            url: address(&key.project_id, key.seq, &key.slices, role),
            json,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        });
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        kept.clock += 1;
        let now = kept.clock;
        // Two pages may have made the same state at once; the first kept
        // wins, so both name one text.
        let shared = kept.states.entry(key).or_insert((now, shared)).1.clone();
        if kept.states.len() > KEEP {
            let oldest = kept
                .states
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                kept.states.remove(&oldest);
            }
        }
        Ok(Some(shared))
    }
}

/// A page's project state, loaded by `fetcher` whenever `source` changes;
/// on the server, the page names it instead of carrying it (see the module).
pub fn state_resource<D, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> leptos::prelude::Resource<Result<State<D>, AppError>, StateCodec>
where
    D: Domain,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: std::future::Future<Output = Result<State<D>, AppError>> + Send + 'static,
{
    leptos::prelude::Resource::new_with_options(source, fetcher, false)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::shared::{address, recall, remember, Key, KEEP};
    use crate::features::ProjectState;
    use crate::people::Role;
    use std::sync::Arc;

    fn state(project: &str, seq: i64, role: Option<Role>) -> ProjectState {
        let mut s = ProjectState::new(project);
        s.seq = seq;
        s.only = vec!["map".into(), "project".into()];
        s.seen_as = role;
        s
    }

    // One test, as the kept states are one per process.
    #[test]
    fn a_state_seen_as_a_role_is_kept_once_named_and_the_oldest_let_go() {
        let first = remember(&state("kept-a", 3, Some(Role::Participant)))
            .unwrap()
            .unwrap();
        assert_eq!(first.url, "/state/kept-a?at=3&slices=map,project&as=participant");
        let again = remember(&state("kept-a", 3, Some(Role::Participant)))
            .unwrap()
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again), "serialised twice");
        assert!(!first.json.contains("undo"), "{}", first.json);
        let lead = remember(&state("kept-a", 3, Some(Role::Lead))).unwrap().unwrap();
        assert!(
            !Arc::ptr_eq(&first, &lead),
            "a lead's view shared with participants"
        );
        assert!(
            remember(&state("kept-a", 3, None)).unwrap().is_none(),
            "the whole state shared"
        );

        for seq in 0..=KEEP as i64 {
            remember(&state("kept-b", seq, Some(Role::Observer))).unwrap();
        }
        let key = |seq| Key {
            project_id: "kept-b".into(),
            seq,
            slices: "map,project".into(),
            role: Role::Observer,
        };
        assert!(recall(&key(0)).is_none(), "more than {KEEP} kept");
        assert!(recall(&key(KEEP as i64)).is_some());
    }

    // The shared text lists the state's fields itself (to leave out the
    // undo lists, which only the server reads); a field added to the state
    // and not to it would be lost.
    #[test]
    fn the_shared_text_is_the_state_without_its_undo_lists() {
        let mut original = state("kept-c", 5, Some(Role::Facilitator));
        original.at_ms = 1_764_000_000_000;
        let shared = remember(&original).unwrap().unwrap();
        let mut whole = serde_json::to_value(&original).unwrap();
        whole.as_object_mut().unwrap().remove("undo");
        let text: serde_json::Value = serde_json::from_str(&shared.json).unwrap();
        assert_eq!(text, whole);
    }

    #[test]
    fn an_address_keeps_odd_text_in_its_place() {
        assert_eq!(
            address("a b/c?d&e", 7, "map", Role::Lead),
            "/state/a%20b%2Fc%3Fd%26e?at=7&slices=map&as=lead"
        );
    }
}
