//! The closed sets of words the API answers with (statuses, stances,
//! professions…), as string enums in the OpenAPI document. Each schema is
//! built from the app's own list of words, so a word added there is in
//! the document at once.

use serde::{Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

macro_rules! words {
    ($($(#[$doc:meta])* $name:ident($inner:ty) = $description:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $inner);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0.as_str())
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(<$inner>::ALL.iter().map(|w| w.as_str())))
                    .description(Some($description))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    )*};
}

words! {
    Status(app::decisions::model::Status) = "Where a decision stands. Decided, deferred and superseded decisions are sealed until reopened.";
    Stance(app::decisions::model::Stance) = "A person's position on an option. Disagree and block come with a reason.";
    Side(app::decisions::model::Side) = "Which way an argument speaks about an option.";
    Profession(app::people::Profession) = "The profession a person takes part as, in this project.";
    Role(app::people::Role) = "A person's role in a project.";
}
