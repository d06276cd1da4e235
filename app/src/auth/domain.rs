//! Account input, checked once at the edge: a value of these types is valid.

use crate::error::Problem;
use crate::text::one_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Lower-cased and trimmed, so that "Kari@Example.no " and
    /// "kari@example.no" are one account.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.trim().to_lowercase();
        let valid = s.len() <= 254
            // No spaces, controls, bidi overrides or zero-width characters.
            && !s.chars().any(crate::text::is_invisible)
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Email(s))
        } else {
            Err(Problem::EmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const PASSWORD_MIN_CHARS: usize = 10;
/// Argon2 takes any length, but a megabyte "password" is a denial of service.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Passwords that are long enough but are among the first any attacker tries
/// (international lists, plus Norwegian favourites).
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "0123456789",
    "0987654321",
    "1111111111",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "qwertyuiop123",
    "asdfghjkl1",
    "asdfghjkl123",
    "zxcvbnm123",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "password!1",
    "iloveyou12",
    "iloveyou123",
    "abcdefghij",
    "abcd123456",
    "abc1234567",
    "a123456789",
    "football123",
    "baseball123",
    "princess123",
    "sunshine123",
    "welcome123",
    "welcome2024",
    "welcome2025",
    "welcome2026",
    "letmein123",
    "monkey12345",
    "dragon12345",
    "trustno1trustno1",
    "administrator",
    "admin12345",
    "changeme123",
    "samspill123",
    "passord123",
    "passord1234",
    "passordet1",
    "sommer2024",
    "sommer2025",
    "sommer2026",
    "vinter2024",
    "vinter2025",
    "vinter2026",
    "hoesten2025",
    "høsten2025",
    "høsten2026",
    "varen2026!",
    "norge12345",
    "norge2025!",
    "sykehus123",
    "sykepleier1",
    "sykepleier123",
    "hjemmetjenesten",
    "kommunen123",
    "fotball123",
    "rosenborg1",
    "vålerenga1",
    "brann12345",
    "jegelskerdeg",
    "hemmelig123",
    "hemmelig1234",
    "qwertyuiopå",
];

/// A password that passed the rules. Never logged or displayed.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(Problem::PasswordTooShort);
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(Problem::PasswordTooLong);
        }
        let lowered = raw.to_lowercase();
        let one_repeated_char = lowered.chars().all(|c| lowered.starts_with(c));
        if one_repeated_char || COMMON_PASSWORDS.contains(&lowered.as_str()) {
            return Err(Problem::PasswordTooCommon);
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

pub const DISPLAY_NAME_MAX_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        one_line(
            raw,
            DISPLAY_NAME_MAX_CHARS,
            Problem::DisplayNameMissing,
            Problem::DisplayNameTooLong,
        )
        .map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Kari.Nordmann@Example.NO ").unwrap().as_str(),
            "kari.nordmann@example.no"
        );
        for bad in [
            "",
            "kari",
            "kari@",
            "@example.no",
            "kari@example",
            "ka ri@example.no",
            "a@b@c.no",
            "kari@.no",
            "kari\u{0}@example.no",
            "kari@exa\u{202E}mple.no",
            "ka\u{200B}ri@example.no",
        ] {
            assert_eq!(Email::parse(bad), Err(Problem::EmailInvalid), "{bad:?}");
        }
    }

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(
            Password::parse("kort1234").unwrap_err(),
            Problem::PasswordTooShort
        );
        assert_eq!(
            Password::parse(&"x".repeat(300)).unwrap_err(),
            Problem::PasswordTooLong
        );
        assert_eq!(
            Password::parse("Password123").unwrap_err(),
            Problem::PasswordTooCommon
        );
        assert_eq!(
            Password::parse("Sommer2026").unwrap_err(),
            Problem::PasswordTooCommon
        );
        assert_eq!(
            Password::parse("aaaaaaaaaaaa").unwrap_err(),
            Problem::PasswordTooCommon
        );
        assert!(Password::parse("blå-hest-på-tur").is_ok());
    }

    #[test]
    fn password_debug_does_not_show_it() {
        let p = Password::parse("blå-hest-på-tur").unwrap();
        assert!(!format!("{p:?}").contains("hest"));
    }

    #[test]
    fn display_name_is_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Kari \n Nordmann ").unwrap().as_str(),
            "Kari Nordmann"
        );
        assert_eq!(
            DisplayName::parse("   ").unwrap_err(),
            Problem::DisplayNameMissing
        );
        assert_eq!(
            DisplayName::parse(&"å".repeat(81)).unwrap_err(),
            Problem::DisplayNameTooLong
        );
        assert!(DisplayName::parse(&"å".repeat(80)).is_ok());
    }

    #[test]
    fn display_names_lose_controls_and_overrides_and_may_not_look_blank() {
        assert_eq!(
            DisplayName::parse("Kari\u{202E} Nordmann\u{0}").unwrap().as_str(),
            "Kari Nordmann"
        );
        assert_eq!(
            DisplayName::parse("\u{200B}\u{200D}\u{FEFF}").unwrap_err(),
            Problem::DisplayNameMissing
        );
    }
}
