//! How server functions answer: JSON, as Leptos's own `Json` encoding, but
//! read in the browser from text rather than from bytes.
//!
//! A page's resources arrive as text (in the page, or beside it), and
//! `serde_json` makes a separate copy of the decoding of every type for
//! each kind of input it reads. Read from bytes, as Leptos's encoding does,
//! every type a page both hydrates from and fetches again (the project,
//! the signed-in person, an error) had two copies in the page's code
//! (README, "Delivery"). Read from text, they share one.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// JSON read from text. Every server function answers with it
/// (`output = JsonAnswer`), and `AppError` crosses the wire in it.
pub struct JsonText;

/// A server function's answer in the body of its `POST`.
pub type JsonAnswer = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, Problem};
    use leptos::server_fn::error::FromServerFnError;

    #[test]
    fn an_answer_reads_back_as_it_was_written() {
        let answer = vec![("Sengepost".to_owned(), 3_i64)];
        let bytes = <JsonText as Encodes<_>>::encode(&answer).unwrap();
        assert_eq!(&bytes[..], br#"[["Sengepost",3]]"#);
        let back: Vec<(String, i64)> = JsonText::decode(bytes).unwrap();
        assert_eq!(back, answer);
    }

    #[test]
    fn an_error_crosses_the_wire_and_what_is_not_json_is_refused() {
        let error = AppError::Invalid(Problem::NameMissing);
        assert_eq!(AppError::de(error.ser()), error);
        assert!(<JsonText as Decodes<AppError>>::decode(Bytes::from_static(b"\xff\xfe")).is_err());
        // A body that is not an error the server wrote reads as one the
        // browser can explain, not as a crash.
        assert_eq!(
            AppError::de(Bytes::from_static(b"<html>")),
            AppError::Invalid(Problem::Malformed)
        );
    }
}
