//! One error type for every server function. It crosses the wire as JSON and
//! carries only what the person needs to know; the view turns it into a
//! sentence in their language. Internals stay in the server log.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

// The browser reads a problem by its variant's name (`read_json!`).
crate::read_json!(define
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
    PositionOutOfRange,
    /// A choice that is not among the options (a data type, a rating).
    UnknownOption,
    NotAnItSystem,
    NotARole,
    NotAUnit,
    NotAHandOver,
    NothingToWithdraw,
    MergeWithItself,
    /// An import with no row to bring in.
    NothingToImport,
    ImportTooLarge,
    /// Not a spreadsheet of fields or of contexts of use: its first row
    /// names neither's columns.
    ImportNotRecognised,
    /// The file to import is not the one previewed (or no longer there).
    ImportChanged,
    /// An anonymous round with no context of use to rate.
    NoContextChosen,
    /// Another anonymous round is still running.
    RoundRunning,
    /// The anonymous round has closed (or never ran).
    RoundNotRunning,
    /// A context of use that the round does not cover.
    NotInRound,
    /// A decision needs at least one option.
    NoOption,
    TooManyOptions,
    /// A decided or deferred decision changes only by reopening it.
    DecisionSealed,
    /// Disagreeing, blocking, closing and reopening say why.
    ReasonRequired,
    /// Only a decision open for discussion can be closed.
    DecisionNotOpen,
    /// A block on the option to accept: withdrawn, or overridden with a
    /// recorded reason.
    OpenBlock,
    /// A profession in the decision's quorum has not taken a position.
    QuorumNotMet,
    /// Not a day written as `YYYY-MM-DD`.
    DateInvalid,
    /// Only a decided or deferred decision can be superseded.
    NotDecided,
    /// A decision cannot be replaced by itself, directly or through others.
    SupersededByItself,
    /// A person holds as many working API tokens as they may.
    TooManyTokens,
    /// A workshop needs at least one activity.
    AgendaEmpty,
    AgendaTooLong,
    /// A time box of 1 to 480 minutes.
    TimeBoxInvalid,
    /// A workshop that has started keeps its plan; one starts only once.
    WorkshopStarted,
    /// Another workshop of the project is running.
    WorkshopRunning,
    /// The workshop has not started or has ended.
    WorkshopNotRunning,
    NoActivityRunning,
    /// The facilitator has locked editing in the running workshop.
    EditingLocked,
    /// No running workshop has this code.
    WorkshopCodeInvalid,
    /// The workshop's dot vote is still open: reveal it first.
    DotVoteOpen,
    /// The dot vote has been revealed (or never opened).
    DotVoteNotOpen,
    /// 1 to 10 dots each.
    DotsOutOfRange,
    /// 2 to 30 items to vote on.
    VoteItemsOutOfRange,
    /// More dots cast than a person has.
    TooManyDots,
    /// An activity works on at most 30 contexts or decisions.
    TooManyChosen,
});

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

crate::read_json!(Conflict { by, item, removed });

crate::read_json!(define
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
});

impl AppError {
    /// The HTTP status a server function answers with when it returns this
    /// error, so that logs, monitors and API clients can tell bad input from
    /// a fault. 500 is kept for faults: `Internal`, and `Unreachable`, which
    /// the server produces only when it cannot build its own answer.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(Problem::Malformed) => 400,
            AppError::NotSignedIn | AppError::WrongCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(Problem::EmailTaken) | AppError::Conflict(_) => 409,
            AppError::Invalid(Problem::EditingLocked) => 423,
            AppError::Invalid(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::Unreachable | AppError::Internal => 500,
        }
    }
}

impl From<Problem> for AppError {
    fn from(p: Problem) -> Self {
        AppError::Invalid(p)
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::json::JsonText;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_faults_are_500() {
        assert_eq!(AppError::Invalid(Problem::Malformed).status(), 400);
        assert_eq!(AppError::Invalid(Problem::NameMissing).status(), 422);
        assert_eq!(AppError::Invalid(Problem::EmailTaken).status(), 409);
        assert_eq!(AppError::NotSignedIn.status(), 401);
        assert_eq!(AppError::WrongCredentials.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::NotFound.status(), 404);
        let conflict = Conflict {
            by: "Kari".into(),
            item: "Sengepost".into(),
            removed: false,
        };
        assert_eq!(AppError::Conflict(conflict).status(), 409);
        assert_eq!(AppError::TooManyAttempts.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
    }
}
