//! A certificate's SHA-256 fingerprint: what a project pins, shown as `AB:CD:…`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The SHA-256 of a certificate's DER encoding. Shown and stored as 32 colon-separated uppercase
/// hex pairs (`AB:CD:…`); [`CertFingerprint::parse`] also takes plain hex, in either case.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CertFingerprint([u8; 32]);

impl CertFingerprint {
    /// The fingerprint of a DER-encoded certificate.
    pub fn of_der(der: &[u8]) -> Self {
        Self(Sha256::digest(der).into())
    }

    /// Reads `AB:CD:…` (as shown) or 64 plain hex digits, in either case, spaces around ignored.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        let digits: Vec<u8> = if text.contains(':') {
            let pairs: Vec<&str> = text.split(':').collect();
            if pairs.iter().any(|p| p.len() != 2) {
                return Err(Self::refused(text));
            }
            pairs.concat().into_bytes()
        } else {
            text.as_bytes().to_vec()
        };
        if digits.len() != 64 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(Self::refused(text));
        }
        let value = |digit: u8| (digit as char).to_digit(16).unwrap_or_default() as u8;
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks(2)) {
            *byte = value(pair[0]) << 4 | value(pair[1]);
        }
        Ok(Self(bytes))
    }

    /// The 32 bytes of the digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn refused(text: &str) -> Error {
        let shown: String = text.chars().take(120).collect();
        Error::invalid_input(format!(
            "{shown:?} is not a SHA-256 certificate fingerprint; expected 32 hex pairs such as \
             AB:CD:… (or 64 hex digits): use Test connection to read the server's"
        ))
    }
}

impl fmt::Display for CertFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{byte:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for CertFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertFingerprint({self})")
    }
}

impl FromStr for CertFingerprint {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text)
    }
}

impl Serialize for CertFingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CertFingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF";

    #[test]
    fn fingerprints_show_as_colon_pairs_and_parse_back_from_either_form() {
        let fp = CertFingerprint::parse(HEX).unwrap();
        let shown = fp.to_string();
        assert_eq!(
            shown,
            "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:\
             00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"
        );
        assert_eq!(CertFingerprint::parse(&shown).unwrap(), fp);
        assert_eq!(CertFingerprint::parse(&shown.to_lowercase()).unwrap(), fp);
        assert_eq!(
            format!(" {shown}\n").parse::<CertFingerprint>().unwrap(),
            fp
        );
        assert_eq!(fp.as_bytes()[10], 0xAA);
        assert_eq!(format!("{fp:?}"), format!("CertFingerprint({shown})"));
    }

    #[test]
    fn fingerprints_that_are_not_sha256_are_refused_with_the_expected_form() {
        for bad in [
            "",
            "AB:CD",
            &HEX[..62],
            &format!("{HEX}00"),
            &HEX.replace('0', "g"),
            // 64 digits, but not in pairs: 0:0:11:22:…
            &format!(
                "0:0{}",
                &CertFingerprint::parse(HEX).unwrap().to_string()[2..]
            ),
            &"é".repeat(32),
            &"+1".repeat(32),
        ] {
            let err = CertFingerprint::parse(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{bad}");
            assert!(err.to_string().contains("AB:CD:"), "{err}");
        }
    }

    #[test]
    fn fingerprints_are_json_strings() {
        let fp = CertFingerprint::parse(HEX).unwrap();
        let json = serde_json::to_value(fp).unwrap();
        assert_eq!(json, serde_json::Value::String(fp.to_string()));
        let back: CertFingerprint = serde_json::from_value(json).unwrap();
        assert_eq!(back, fp);
        assert!(serde_json::from_str::<CertFingerprint>("\"AB\"").is_err());
    }

    #[test]
    fn the_fingerprint_is_the_sha256_of_the_der() {
        // SHA-256 of the empty input, a known value.
        assert_eq!(
            CertFingerprint::of_der(b"").to_string().replace(':', ""),
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
        );
    }
}
