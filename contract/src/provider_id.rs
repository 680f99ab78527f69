//! Provider record identifiers: an NPI (10 digits whose last is a Luhn check digit computed with
//! the prefix 80840) or, for atypical providers, an Atypical ID (1–15 letters and digits).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ProviderId {
    Npi(String),
    Atypical(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderIdError {
    Empty,
    NpiCheckDigit,
    NotAnId,
}

impl fmt::Display for ProviderIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "Enter an NPI or Atypical ID",
            Self::NpiCheckDigit => {
                "This NPI is not valid: check the 10 digits, the last one is a check digit"
            }
            Self::NotAnId => {
                "Enter a 10-digit NPI, or an Atypical ID of up to 15 letters and digits"
            }
        })
    }
}

impl ProviderId {
    /// Reads what a person typed: ten digits are an NPI and must carry a valid check digit;
    /// anything else of 1–15 letters and digits, with at least one letter, is an Atypical ID.
    pub fn parse(text: &str) -> Result<Self, ProviderIdError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ProviderIdError::Empty);
        }
        if text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit()) {
            return if npi_is_valid(text) {
                Ok(Self::Npi(text.to_owned()))
            } else {
                Err(ProviderIdError::NpiCheckDigit)
            };
        }
        let is_atypical = text.len() <= 15
            && text.bytes().all(|b| b.is_ascii_alphanumeric())
            && text.bytes().any(|b| b.is_ascii_alphabetic());
        if is_atypical {
            Ok(Self::Atypical(text.to_ascii_uppercase()))
        } else {
            Err(ProviderIdError::NotAnId)
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Npi(id) | Self::Atypical(id) => id,
        }
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Npi(id) => write!(f, "NPI {id}"),
            Self::Atypical(id) => write!(f, "Atypical ID {id}"),
        }
    }
}

/// The NPI check digit: Luhn over the first nine digits prefixed by 80840.
pub fn npi_is_valid(npi: &str) -> bool {
    let bytes = npi.as_bytes();
    if bytes.len() != 10 || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let digits = b"80840"
        .iter()
        .chain(&bytes[..9])
        .map(|b| u32::from(b - b'0'));
    // Double every second digit counting from the right of the payload (the check digit is
    // the rightmost, so the payload's last digit is doubled).
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| match (i % 2 == 0, d * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => d,
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    u32::from(bytes[9] - b'0') == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_npis_with_a_valid_check_digit() {
        // The CMS example NPI and NPIs from the demo data set.
        for npi in ["1234567893", "2044707588", "1807736982", "2336930211"] {
            assert!(npi_is_valid(npi), "{npi}");
        }
    }

    #[test]
    fn refuses_a_wrong_check_digit_and_wrong_shapes() {
        for npi in [
            "1234567890",
            "2044707589",
            "123456789",
            "12345678930",
            "12345678a3",
        ] {
            assert!(!npi_is_valid(npi), "{npi}");
        }
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(
            ProviderId::parse(" 2044707588 "),
            Ok(ProviderId::Npi("2044707588".into()))
        );
        assert_eq!(
            ProviderId::parse("atyp000421"),
            Ok(ProviderId::Atypical("ATYP000421".into()))
        );
        assert_eq!(
            ProviderId::parse("2044707589"),
            Err(ProviderIdError::NpiCheckDigit)
        );
        assert_eq!(ProviderId::parse(""), Err(ProviderIdError::Empty));
        assert_eq!(
            ProviderId::parse("ABCDEFGHIJ123456"),
            Err(ProviderIdError::NotAnId)
        );
        assert_eq!(ProviderId::parse("12-34"), Err(ProviderIdError::NotAnId));
    }
}
