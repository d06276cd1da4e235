//! A feature's part of a project: the trait each feature implements, and
//! the macro that makes the registry (`crate::features`) out of them.

use super::domain::{Context, Guard, Viewer, Visibility};
use super::history::Field;
use super::state::{ReduceError, Stamp, State};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::json::Read;
#[cfg(feature = "hydrate")]
use crate::json::{ReadResult, Reader};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A write to a current-state table that queries read (a project's name in
/// `projects`, say), made in the same transaction as the event. Text binds
/// only, so one statement serves both backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableWrite {
    pub sql: &'static str,
    pub binds: Vec<String>,
}

/// One feature's slice of the project state, with its changes, its
/// commands and their rules, and how its events read in the history.
/// `D` is the whole project (the registry), which commands may consult.
pub trait Slice<D: super::domain::Domain>:
    Clone
    + Default
    + PartialEq
    + std::fmt::Debug
    + Serialize
    + DeserializeOwned
    + crate::json::Read
    + Send
    + Sync
    + 'static
{
    /// The version of this slice's shape in snapshots: raise it whenever a
    /// field is added, renamed or changes meaning.
    const SHAPE: u32;
    /// The stored names of this feature's event kinds.
    const KINDS: &'static [&'static str];
    /// Adjacently tagged by serde (`tag = "kind", content = "payload"`).
    type Change: Clone + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static;
    type Command: Clone + std::fmt::Debug + Send + Sync + 'static;
    /// What a change did, with the names things had then (for the history).
    type What: Clone
        + std::fmt::Debug
        + PartialEq
        + Serialize
        + DeserializeOwned
        + Read
        + Send
        + Sync
        + 'static;

    fn kind(change: &Self::Change) -> &'static str;
    /// A history sentence in the person's language.
    fn say(what: &Self::What, lang: Lang) -> String;
    /// The label of one of `KINDS` in the history's filter.
    fn kind_label(kind: &str, lang: Lang) -> Option<&'static str>;
    fn apply(&mut self, stamp: &Stamp, change: &Self::Change) -> Result<(), ReduceError>;
    fn inverse(&self, change: &Self::Change) -> Option<Vec<Self::Change>>;
    fn decide(
        state: &State<D>,
        ctx: &mut Context,
        command: &Self::Command,
    ) -> Result<Vec<Self::Change>, AppError>;

    /// Holds back any request while this slice says so (see
    /// [`Domain::admit`](super::domain::Domain::admit)); `own` says whether
    /// it is one of this slice's commands.
    fn admit(&self, _ctx: &Context, _own: bool) -> Result<(), AppError> {
        Ok(())
    }
    /// See [`Domain::occasion`](super::domain::Domain::occasion).
    fn occasion(&self) -> Option<String> {
        None
    }
    /// See [`Domain::guard`](super::domain::Domain::guard).
    fn guard(&self, _change: &Self::Change) -> Option<Guard> {
        None
    }
    /// Describes `change` against the state just before it; also names the
    /// item it changed.
    fn describe(&self, change: &Self::Change) -> (Self::What, String);
    /// An item's fields as of this state, if the item is this slice's and
    /// existed then.
    fn fields_of(
        &self,
        _item_id: &str,
        _kind_label: &dyn Fn(&str) -> String,
    ) -> Option<Vec<(Field, String)>> {
        None
    }
    /// An item's name, if it is this slice's (also once removed).
    fn name_of(&self, _item_id: &str) -> Option<String> {
        None
    }
    fn visibility(_actor: &str, _change: &Self::Change, _viewer: &Viewer) -> Visibility<Self::Change> {
        Visibility::Whole
    }
    /// Removes from the slice what someone in `role` may not see.
    fn conceal(&mut self, _role: crate::people::Role) {}
    /// The current-state tables to keep in step with `change`.
    fn table_writes(_project_id: &str, _change: &Self::Change) -> Vec<TableWrite> {
        Vec::new()
    }
}

/// A slice by the name it has in the project state, as a page asks for it.
/// `registry!` implements it for every slice.
pub trait Named: Sized + 'static {
    const NAME: &'static str;
    /// The browser decodes a slice only once a page has said it reads it
    /// ([`reads`]).
    #[cfg(feature = "hydrate")]
    fn decoder() -> &'static Decoder<Self>;
}

/// In the browser, how a slice is read from a project state's text, set
/// by the first page that reads the slice. Reading every slice's types in
/// one function put all of them into every project page's download;
/// through this, a page's code holds the reading of its own slices only
/// (README, "Delivery").
#[cfg(feature = "hydrate")]
pub struct Decoder<T>(std::sync::OnceLock<fn(&mut Reader) -> ReadResult<T>>);

#[cfg(feature = "hydrate")]
impl<T: Read> Decoder<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Decoder(std::sync::OnceLock::new())
    }
    fn enable(&self) {
        let _ = self.0.set(T::read);
    }
    /// The slice, if a page has turned its reading on; the slices a page
    /// did not ask for come as empty ones, and are skipped.
    pub fn decode(&self, r: &mut Reader) -> Option<ReadResult<T>> {
        self.0.get().map(|read| read(r))
    }
}

/// The slices a page reads, as a tuple of slice types.
pub trait SliceList {
    fn names_and_enable() -> Vec<&'static str>;
}

macro_rules! slice_list {
    ($($t:ident),+) => {
        impl<$($t: Named + Read),+> SliceList for ($($t,)+) {
            fn names_and_enable() -> Vec<&'static str> {
                #[cfg(feature = "hydrate")]
                { $( $t::decoder().enable(); )+ }
                vec![$($t::NAME),+]
            }
        }
    };
}
slice_list!(A);
slice_list!(A, B);
slice_list!(A, B, C);
slice_list!(A, B, C, D);
slice_list!(A, B, C, D, E);
slice_list!(A, B, C, D, E, F);

/// The `slices` argument of the server functions that load a project's
/// state for a page ("project,map"), from the slices' types:
/// `reads::<(ProjectSlice, MapSlice)>()`. In the browser it also turns on
/// the decoding of exactly those slices, so a page cannot load a slice it
/// would not decode.
pub fn reads<L: SliceList>() -> String {
    L::names_and_enable().join(",")
}

/// Makes the registry: the project struct with one field per slice, the
/// enums of changes, commands and history sentences with one variant per
/// feature, and the `Domain` implementation that hands each to its slice.
#[macro_export]
macro_rules! registry {
    ($domain:ident, $change:ident, $command:ident, $what:ident {
        $( $(#[$attr:meta])* $field:ident : $slice:ty => $variant:ident, )*
    }) => {
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
        pub struct $domain {
            $( $(#[$attr])* pub $field: $slice, )*
        }

        // In the browser a project is read slice by slice, each only if the
        // page reads it (`Named::decoder`).
        impl $crate::json::Read for $domain {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                let mut domain = $domain::default();
                r.object(&mut |r, name| {
                    $( $(#[$attr])* if name == stringify!($field) {
                        #[cfg(feature = "hydrate")]
                        if let Some(slice) = <$slice as $crate::trail::slice::Named>::decoder().decode(r) {
                            domain.$field = slice?;
                            return Ok(());
                        }
                        #[cfg(not(feature = "hydrate"))]
                        {
                            domain.$field = $crate::json::Read::read(r)?;
                            return Ok(());
                        }
                    } )*
                    r.skip()
                })?;
                Ok(domain)
            }
        }

        $( $(#[$attr])*
        impl $crate::trail::slice::Named for $slice {
            const NAME: &'static str = stringify!($field);
            #[cfg(feature = "hydrate")]
            fn decoder() -> &'static $crate::trail::slice::Decoder<Self> {
                static DECODER: $crate::trail::slice::Decoder<$slice> = $crate::trail::slice::Decoder::new();
                &DECODER
            }
        } )*

        #[derive(Debug, Clone, PartialEq)]
        pub enum $change {
            $( $(#[$attr])* $variant(<$slice as $crate::trail::Slice<$domain>>::Change), )*
        }

        #[derive(Debug, Clone, PartialEq)]
        pub enum $command {
            $( $(#[$attr])* $variant(<$slice as $crate::trail::Slice<$domain>>::Command), )*
        }

        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub enum $what {
            $( $(#[$attr])* $variant(<$slice as $crate::trail::Slice<$domain>>::What), )*
        }

        $( $(#[$attr])*
        impl From<<$slice as $crate::trail::Slice<$domain>>::Change> for $change {
            fn from(c: <$slice as $crate::trail::Slice<$domain>>::Change) -> Self {
                $change::$variant(c)
            }
        }
        $(#[$attr])*
        impl From<<$slice as $crate::trail::Slice<$domain>>::Command> for $command {
            fn from(c: <$slice as $crate::trail::Slice<$domain>>::Command) -> Self {
                $command::$variant(c)
            }
        } )*

        // serde's form: `{"Map": …}`.
        impl $crate::json::Read for $what {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                let mut what = None;
                r.object(&mut |r, name| {
                    $( $(#[$attr])* if name == stringify!($variant) {
                        what = Some($what::$variant($crate::json::Read::read(r)?));
                        return Ok(());
                    } )*
                    Err(r.error(stringify!($what)))
                })?;
                what.ok_or(r.error(stringify!($what)))
            }
        }

        impl $what {
            /// The sentence in `lang`.
            pub fn say(&self, lang: $crate::i18n::Lang) -> String {
                match self {
                    $( $(#[$attr])* $what::$variant(w) => <$slice as $crate::trail::Slice<$domain>>::say(w, lang), )*
                }
            }
        }

        impl $domain {
            /// The label of a feature's event kind, if it is one.
            pub fn kind_label(kind: &str, lang: $crate::i18n::Lang) -> Option<&'static str> {
                $( $(#[$attr])* if let Some(l) = <$slice as $crate::trail::Slice<$domain>>::kind_label(kind, lang) {
                    return Some(l);
                } )*
                None
            }
        }

        impl $crate::trail::event::Change for $change {
            fn kind(&self) -> &'static str {
                match self {
                    $( $(#[$attr])* $change::$variant(c) => <$slice as $crate::trail::Slice<$domain>>::kind(c), )*
                }
            }
            fn payload(&self) -> serde_json::Value {
                match self {
                    $( $(#[$attr])* $change::$variant(c) => $crate::trail::event::tagged_payload(c), )*
                }
            }
            fn read(
                kind: &str,
                payload: &serde_json::Value,
            ) -> Result<Option<Self>, $crate::trail::event::DecodeError> {
                $(
                    $(#[$attr])*
                    if let Some(c) = $crate::trail::event::read_tagged(
                        <$slice as $crate::trail::Slice<$domain>>::KINDS, kind, payload)? {
                        return Ok(Some($change::$variant(c)));
                    }
                )*
                Ok(None)
            }
        }

        impl $crate::trail::Domain for $domain {
            type Change = $change;
            type Command = $command;
            type What = $what;

            fn shape() -> String {
                let mut parts: Vec<String> = Vec::new();
                $( $(#[$attr])* parts.push(format!("{}:{}", stringify!($field),
                    <$slice as $crate::trail::Slice<$domain>>::SHAPE)); )*
                parts.join(",")
            }
            fn apply(
                &mut self,
                stamp: &$crate::trail::Stamp,
                change: &$change,
            ) -> Result<(), $crate::trail::ReduceError> {
                match change {
                    $( $(#[$attr])* $change::$variant(c) => <$slice as $crate::trail::Slice<$domain>>::apply(&mut self.$field, stamp, c), )*
                }
            }
            fn inverse(&self, change: &$change) -> Option<Vec<$change>> {
                match change {
                    $( $(#[$attr])* $change::$variant(c) => <$slice as $crate::trail::Slice<$domain>>::inverse(&self.$field, c)
                        .map(|v| v.into_iter().map($change::$variant).collect()), )*
                }
            }
            fn decide(
                state: &$crate::trail::State<Self>,
                ctx: &mut $crate::trail::Context,
                command: &$command,
            ) -> Result<Vec<$change>, $crate::error::AppError> {
                match command {
                    $( $(#[$attr])* $command::$variant(c) =>
                        <$slice as $crate::trail::Slice<$domain>>::decide(state, ctx, c)
                            .map(|v| v.into_iter().map($change::$variant).collect()), )*
                }
            }
            fn admit(
                state: &$crate::trail::State<Self>,
                ctx: &$crate::trail::Context,
                command: Option<&$command>,
            ) -> Result<(), $crate::error::AppError> {
                $( $(#[$attr])* {
                    let own = matches!(command, Some($command::$variant(_)));
                    <$slice as $crate::trail::Slice<$domain>>::admit(&state.content.$field, ctx, own)?;
                } )*
                Ok(())
            }
            fn occasion(&self) -> Option<String> {
                $( $(#[$attr])* if let Some(o) = <$slice as $crate::trail::Slice<$domain>>::occasion(&self.$field) {
                    return Some(o);
                } )*
                None
            }
            fn guard(&self, change: &$change) -> Option<$crate::trail::Guard> {
                match change {
                    $( $(#[$attr])* $change::$variant(c) => <$slice as $crate::trail::Slice<$domain>>::guard(&self.$field, c), )*
                }
            }
            fn describe(&self, change: &$change) -> ($what, String) {
                match change {
                    $( $(#[$attr])* $change::$variant(c) => {
                        let (what, item) = <$slice as $crate::trail::Slice<$domain>>::describe(&self.$field, c);
                        ($what::$variant(what), item)
                    } )*
                }
            }
            fn fields_of(
                &self,
                item_id: &str,
                kind_label: &dyn Fn(&str) -> String,
            ) -> Vec<($crate::trail::history::Field, String)> {
                $( $(#[$attr])* if let Some(f) = <$slice as $crate::trail::Slice<$domain>>::fields_of(&self.$field, item_id, kind_label) {
                    return f;
                } )*
                Vec::new()
            }
            fn name_of(&self, item_id: &str) -> Option<String> {
                $( $(#[$attr])* if let Some(n) = <$slice as $crate::trail::Slice<$domain>>::name_of(&self.$field, item_id) {
                    return Some(n);
                } )*
                None
            }
            fn slice_of(change: &$change) -> &'static str {
                match change {
                    $( $(#[$attr])* $change::$variant(_) => stringify!($field), )*
                }
            }
            fn keep_only(&mut self, slices: &[&str]) {
                $( $(#[$attr])* if !slices.contains(&stringify!($field)) {
                    self.$field = Default::default();
                } )*
            }
            fn visibility(
                actor: &str,
                change: &$change,
                viewer: &$crate::trail::Viewer,
            ) -> $crate::trail::Visibility<$change> {
                use $crate::trail::Visibility;
                match change {
                    $( $(#[$attr])* $change::$variant(c) =>
                        match <$slice as $crate::trail::Slice<$domain>>::visibility(actor, c, viewer) {
                            Visibility::Whole => Visibility::Whole,
                            Visibility::Redacted(r) => Visibility::Redacted($change::$variant(r)),
                            Visibility::Nothing => Visibility::Nothing,
                        }, )*
                }
            }
            fn conceal(&mut self, role: $crate::people::Role) {
                $( $(#[$attr])* <$slice as $crate::trail::Slice<$domain>>::conceal(&mut self.$field, role); )*
            }
            fn table_writes(project_id: &str, change: &$change) -> Vec<$crate::trail::slice::TableWrite> {
                match change {
                    $( $(#[$attr])* $change::$variant(c) =>
                        <$slice as $crate::trail::Slice<$domain>>::table_writes(project_id, c), )*
                }
            }
        }
    };
}
