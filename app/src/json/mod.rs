//! How the server's JSON reaches the browser: server functions answer in
//! it (as Leptos's own `Json` encoding, but read from text rather than
//! from bytes), resources carry it into the page, and the browser reads it
//! with [`Read`] rather than serde (`read`).

pub mod read;
#[cfg(test)]
mod reads_as_serde_writes;

pub use read::{from_text, Read, ReadError, ReadResult, Reader};

use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;

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

impl<T: Read> Decodes<T> for JsonText {
    type Error = ReadError;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(|e| ReadError {
            at: e.valid_up_to(),
            expected: "UTF-8",
        })?;
        from_text(text)
    }
}

/// A resource's value as it travels inside the page: written by serde on
/// the server, read with [`Read`] in the browser. Leptos's default for
/// resources decodes with serde, which would put serde's decoding of every
/// resource's type back into the pages.
pub struct ReadCodec;

impl<T: Serialize> Encoder<T> for ReadCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: Read> Decoder<T> for ReadCodec {
    type Error = ReadError;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, ReadError> {
        from_text(text)
    }
}

/// A resource whose value the browser reads with [`Read`].
pub type Resource<T> = leptos::prelude::Resource<T, ReadCodec>;

/// `Resource::new`, with the value read by [`ReadCodec`].
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    T: Serialize + Read + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    leptos::prelude::Resource::new_with_options(source, fetcher, false)
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
