//! One error type for every server function. It crosses the wire as JSON and
//! carries only what the person needs to know; the view turns it into a
//! sentence in their language. Internals stay in the server log.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What was wrong with the input. Each variant has a sentence in both
/// languages (see `i18n`), so adding one without translating it fails to
/// compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    EmailInvalid,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    DisplayNameMissing,
    DisplayNameTooLong,
    ProjectNameMissing,
    ProjectNameTooLong,
    PurposeTooLong,
    UnknownRole,
    UnknownProfession,
    UnknownLanguage,
    InviteNotValid,
    LastLead,
    NameMissing,
    NameTooLong,
    DescriptionTooLong,
    UnknownElementKind,
    UnknownLinkKind,
    LinkToItself,
    TextMissing,
    TextTooLong,
    NothingToUndo,
    CannotUndo,
    Malformed,
}

/// Someone else changed or removed the thing after the person's page was
/// loaded; nothing was overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Display name of the person who changed it.
    pub by: String,
    /// Name of the thing, as it is now (or was, if removed).
    pub item: String,
    pub removed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    NotSignedIn,
    /// Also what a non-member gets for a project that exists: they must not
    /// learn that it does.
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    #[error("invalid input: {0:?}")]
    Invalid(Problem),
    /// Deliberately does not say whether the email or the password was wrong.
    #[error("wrong email or password")]
    WrongCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("changed by someone else meanwhile: {0:?}")]
    Conflict(Conflict),
    #[error("could not reach the server")]
    Unreachable,
    #[error("internal error")]
    Internal,
}

impl From<Problem> for AppError {
    fn from(p: Problem) -> Self {
        AppError::Invalid(p)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::Invalid(Problem::Malformed),
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

pub type AppResult<T> = Result<T, AppError>;
