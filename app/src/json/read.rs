//! Reading JSON in the browser with little code.
//!
//! serde's derived decoding, made for `serde_json`'s reader, was the largest
//! code of every page's types: a visitor per type with the reader's parsing
//! inlined into it (the map page's `Workshop` alone took 7.5 KB), and V8
//! compiles each on its first call, inside hydration (README, "Delivery").
//! Here one reader, not generic, does the parsing; a type's [`Read`] is a
//! few calls into it, made by [`read_json!`](crate::read_json). The server
//! still writes with serde, so what a type reads is exactly what serde
//! writes for it, and the tests hold each type to that (`tests`).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Where the text stopped being what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Byte offset in the text.
    pub at: usize,
    /// What was expected there (or the name of a field that is missing).
    pub expected: &'static str,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JSON at byte {}: expected {}", self.at, self.expected)
    }
}

impl std::error::Error for ReadError {}

pub type ReadResult<T> = Result<T, ReadError>;

/// A cursor over JSON text.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    pub fn error(&self, expected: &'static str) -> ReadError {
        ReadError {
            at: self.at,
            expected,
        }
    }

    /// The next byte that is not white space, left unread.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8, expected: &'static str) -> ReadResult<()> {
        if self.peek() != Some(byte) {
            return Err(self.error(expected));
        }
        self.at += 1;
        Ok(())
    }

    fn word(&mut self, word: &'static str) -> ReadResult<()> {
        if self.peek().is_some() && self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error(word))
        }
    }

    /// Whether a string is next.
    pub fn at_string(&mut self) -> bool {
        self.peek() == Some(b'"')
    }

    /// Reads a `null` if one is next.
    pub fn null(&mut self) -> ReadResult<bool> {
        if self.peek() == Some(b'n') {
            self.word("null")?;
            return Ok(true);
        }
        Ok(false)
    }

    pub fn bool(&mut self) -> ReadResult<bool> {
        match self.peek() {
            Some(b't') => self.word("true").map(|_| true),
            _ => self.word("false").map(|_| false),
        }
    }

    /// An integer: what every number the app sends is.
    pub fn integer(&mut self) -> ReadResult<i64> {
        self.peek();
        let start = self.at;
        let bytes = self.text.as_bytes();
        let negative = bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let mut value: i64 = 0;
        let digits = self.at;
        while let Some(d @ b'0'..=b'9') = bytes.get(self.at) {
            let digit = i64::from(d - b'0');
            value = value
                .checked_mul(10)
                .and_then(|v| {
                    if negative {
                        v.checked_sub(digit)
                    } else {
                        v.checked_add(digit)
                    }
                })
                .ok_or(ReadError {
                    at: start,
                    expected: "a smaller number",
                })?;
            self.at += 1;
        }
        if self.at == digits || matches!(bytes.get(self.at), Some(b'.' | b'e' | b'E')) {
            return Err(self.error("an integer"));
        }
        Ok(value)
    }

    /// A string, borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> ReadResult<Cow<'a, str>> {
        self.eat(b'"', "a string")?;
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match bytes.get(self.at) {
                None => return Err(self.error("the end of a string")),
                Some(b'"') => {
                    let last = &self.text[run..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(last),
                        Some(mut s) => {
                            s.push_str(last);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let escaped = match bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                if !self.text[self.at..].starts_with("\\u") {
                                    return Err(self.error("the second half of a surrogate pair"));
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("the second half of a surrogate pair"));
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            self.at -= 1;
                            char::from_u32(code).ok_or(self.error("a character"))?
                        }
                        _ => return Err(self.error("an escape")),
                    };
                    s.push(escaped);
                    self.at += 1;
                    run = self.at;
                }
                Some(0..=0x1f) => return Err(self.error("an escaped control character")),
                Some(_) => self.at += 1,
            }
        }
    }

    fn hex4(&mut self) -> ReadResult<u32> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or(self.error("four hex digits"))?;
        let mut code = 0;
        for d in digits.bytes() {
            code = code * 16 + (d as char).to_digit(16).ok_or(self.error("four hex digits"))?;
        }
        self.at += 4;
        Ok(code)
    }

    /// Reads an object, handing each member's name to `each`, which must
    /// read (or skip) its value.
    pub fn object(
        &mut self,
        each: &mut dyn FnMut(&mut Reader<'a>, &str) -> ReadResult<()>,
    ) -> ReadResult<()> {
        self.eat(b'{', "an object")?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let name = self.string()?;
            self.eat(b':', "':'")?;
            each(self, &name)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("',' or '}'")),
            }
        }
    }

    /// Reads an array, `each` reading one item at a time.
    pub fn array(&mut self, each: &mut dyn FnMut(&mut Reader<'a>) -> ReadResult<()>) -> ReadResult<()> {
        self.eat(b'[', "an array")?;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            each(self)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("',' or ']'")),
            }
        }
    }

    /// Passes over one value of any kind. It counts brackets rather than
    /// calling itself, so no nesting can exhaust the stack.
    pub fn skip(&mut self) -> ReadResult<()> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'{' | b'[') => {
                    self.at += 1;
                    depth += 1;
                    continue;
                }
                Some(b'}' | b']') if depth > 0 => {
                    self.at += 1;
                    depth -= 1;
                }
                Some(b',' | b':') if depth > 0 => {
                    self.at += 1;
                    continue;
                }
                Some(b't') => self.word("true")?,
                Some(b'f') => self.word("false")?,
                Some(b'n') => self.word("null")?,
                Some(b'-' | b'0'..=b'9') => {
                    let bytes = self.text.as_bytes();
                    self.at += 1;
                    while let Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') = bytes.get(self.at) {
                        self.at += 1;
                    }
                }
                _ => return Err(self.error("a value")),
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Passes over one value and returns its text.
    pub fn raw(&mut self) -> ReadResult<&'a str> {
        self.peek();
        let start = self.at;
        self.skip()?;
        Ok(&self.text[start..self.at])
    }

    /// Nothing but white space may follow the value.
    pub fn end(&mut self) -> ReadResult<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("the end of the text")),
        }
    }
}

/// A type the browser reads from the JSON that serde writes for it.
pub trait Read: Sized {
    fn read(r: &mut Reader) -> ReadResult<Self>;
    /// What the type is when its field is absent: as with serde, an absent
    /// `Option` is `None`; anything else absent is an error.
    fn absent() -> Option<Self> {
        None
    }
}

/// Reads the whole of `text` as one `T`.
pub fn from_text<T: Read>(text: &str) -> ReadResult<T> {
    let mut r = Reader::new(text);
    let value = T::read(&mut r)?;
    r.end()?;
    Ok(value)
}

/// A struct's field once its object is read (for [`read_json!`](crate::read_json)).
pub fn field<T: Read>(value: Option<T>, name: &'static str, r: &Reader) -> ReadResult<T> {
    value.or_else(T::absent).ok_or(ReadError {
        at: r.at,
        expected: name,
    })
}

/// A field serde may leave out (`#[serde(default)]`, `skip_serializing_if`).
pub fn field_or_default<T: Read + Default>(value: Option<T>) -> T {
    value.unwrap_or_default()
}

/// Reads a struct with named fields from serde's object (a field written
/// `name = default` may be absent, and is then its default); a fieldless
/// enum from serde's string for its variant, through the type's `ALL` and
/// `as_str` (`names ElementKind`, for enums serde renames); or, with
/// `define` before a whole enum's definition, an enum as serde tags it by
/// default (a unit variant's name, or `{"Variant": …}` around its fields or
/// its one value). `enum Kind { A, B }` is `define`'s reading of the names.
#[macro_export]
macro_rules! read_json {
    ($ty:ident $(<$($g:ident),+>)? { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        impl$(<$($g: $crate::json::Read),+>)? $crate::json::Read for $ty$(<$($g),+>)? {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                Ok($crate::read_json!(@object r, [$ty] { $($field $(= $default)?),* }))
            }
        }
    };
    (@object $r:ident, [$($path:tt)+] { $($field:ident $(= $default:ident)?),* }) => {{
        $(let mut $field = None;)*
        $r.object(&mut |r, name| {
            match name {
                $(stringify!($field) => $field = Some($crate::json::Read::read(r)?),)*
                _ => r.skip()?,
            }
            Ok(())
        })?;
        $($path)+ {
            $($field: $crate::read_json!(@field $r, $field $($default)?),)*
        }
    }};
    (@field $r:ident, $field:ident) => {
        $crate::json::read::field($field, stringify!($field), $r)?
    };
    (@field $r:ident, $field:ident $default:ident) => {
        $crate::json::read::field_or_default($field)
    };
    (enum $ty:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                let at = r.error(stringify!($ty));
                match &*r.string()? {
                    $(stringify!($variant) => Ok($ty::$variant),)*
                    _ => Err(at),
                }
            }
        }
    };
    (define $(#[$m:meta])* $vis:vis enum $ty:ident {
        $($(#[$vm:meta])* $variant:ident
            $({ $($(#[$fm:meta])* $f:ident : $ft:ty),* $(,)? })?
            $(( $nt:ty ))?
        ),* $(,)?
    }) => {
        $(#[$m])* $vis enum $ty {
            $($(#[$vm])* $variant $({ $($(#[$fm])* $f: $ft),* })? $(($nt))?),*
        }
        impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                let at = r.error(stringify!($ty));
                if r.at_string() {
                    // Unused when every variant has content.
                    #[allow(unused_variables)]
                    let name = r.string()?;
                    $($crate::read_json!(@unit name, $ty::$variant $({ $($f)* })? $(($nt))?);)*
                    return Err(at);
                }
                let mut value = None;
                r.object(&mut |r, name| {
                    $(if name == stringify!($variant) {
                        value = Some($crate::read_json!(@content r, $ty::$variant $({ $($f)* })? $(($nt))?));
                        return Ok(());
                    })*
                    Err(r.error(stringify!($ty)))
                })?;
                value.ok_or(at)
            }
        }
    };
    (@unit $name:ident, $ty:ident :: $variant:ident) => {
        if $name == stringify!($variant) {
            return Ok($ty::$variant);
        }
    };
    (@unit $name:ident, $ty:ident :: $variant:ident $($content:tt)+) => {};
    (@content $r:ident, $ty:ident :: $variant:ident) => {
        Err::<$ty, _>($r.error(stringify!($ty)))?
    };
    (@content $r:ident, $ty:ident :: $variant:ident { $($f:ident)* }) => {
        $crate::read_json!(@object $r, [$ty::$variant] { $($f),* })
    };
    (@content $r:ident, $ty:ident :: $variant:ident ($nt:ty)) => {
        $ty::$variant($crate::json::Read::read($r)?)
    };
    (names $ty:ident) => {
        impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                let at = r.error(stringify!($ty));
                let name = r.string()?;
                $ty::ALL.iter().copied().find(|v| v.as_str() == name).ok_or(at)
            }
        }
    };
}

/// Reads a type through serde, for the types that have no reading of their
/// own yet (a page that reads one carries serde's decoding).
#[macro_export]
macro_rules! read_by_serde {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::json::Read for $ty {
            fn read(r: &mut $crate::json::Reader) -> $crate::json::ReadResult<Self> {
                $crate::json::read::by_serde(r)
            }
        })*
    };
}

/// One value read through serde (see [`read_by_serde!`](crate::read_by_serde)).
pub fn by_serde<T: serde::de::DeserializeOwned>(r: &mut Reader) -> ReadResult<T> {
    let at = r.error("a value serde reads");
    serde_json::from_str(r.raw()?).map_err(|_| at)
}

impl Read for String {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        r.string().map(Cow::into_owned)
    }
}

impl Read for bool {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        r.bool()
    }
}

impl Read for () {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        r.word("null")
    }
}

macro_rules! integers {
    ($($t:ty),*) => {
        $(impl Read for $t {
            fn read(r: &mut Reader) -> ReadResult<Self> {
                let at = r.error(stringify!($t));
                <$t>::try_from(r.integer()?).map_err(|_| at)
            }
        })*
    };
}
integers!(i64, i32, u32, u64, usize, u16, u8);

impl<T: Read> Read for Option<T> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        if r.null()? {
            return Ok(None);
        }
        T::read(r).map(Some)
    }
    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Read> Read for Box<T> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        T::read(r).map(Box::new)
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let mut items = Vec::new();
        r.array(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl<T: Read + Ord> Read for BTreeSet<T> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        Vec::<T>::read(r).map(BTreeSet::from_iter)
    }
}

/// A map's key, which JSON writes as a string (serde writes numbers too).
pub trait Key: Ord + Sized {
    fn from_name(name: &str) -> Option<Self>;
}

impl Key for String {
    fn from_name(name: &str) -> Option<Self> {
        Some(name.to_owned())
    }
}

impl Key for usize {
    fn from_name(name: &str) -> Option<Self> {
        from_text(name).ok()
    }
}

impl<K: Key, V: Read> Read for BTreeMap<K, V> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let mut map = BTreeMap::new();
        r.object(&mut |r, name| {
            let key = K::from_name(name).ok_or(r.error("a key"))?;
            map.insert(key, V::read(r)?);
            Ok(())
        })?;
        Ok(map)
    }
}

impl<A: Read, B: Read> Read for (A, B) {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let (mut a, mut b) = (None, None);
        r.array(&mut |r| {
            if a.is_none() {
                a = Some(A::read(r)?);
            } else if b.is_none() {
                b = Some(B::read(r)?);
            } else {
                return Err(r.error("a pair"));
            }
            Ok(())
        })?;
        match (a, b) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(r.error("a pair")),
        }
    }
}

/// serde writes a `Result` as `{"Ok": …}` or `{"Err": …}`.
impl<T: Read, E: Read> Read for Result<T, E> {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let mut result = None;
        r.object(&mut |r, name| {
            result = Some(match name {
                "Ok" => Ok(T::read(r)?),
                "Err" => Err(E::read(r)?),
                _ => return Err(r.error("Ok or Err")),
            });
            Ok(())
        })?;
        result.ok_or(r.error("Ok or Err"))
    }
}
