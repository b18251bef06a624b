//! Token secrets: HS256 JWTs made afresh for every answer, and their verification for share links.
//! Only HS256 is ever made or accepted, so HMAC-SHA256 over the two encoded parts is all it takes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::model::Token;

/// Leeway on `exp` when a share link is checked, as the real server allows.
pub const LEEWAY_SECS: u64 = 10;

/// The header of every secret, in the real server's order.
const HEADER: &str = r#"{"typ":"JWT","alg":"HS256"}"#;

/// The claims of a token secret, in the real server's order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    #[serde(rename = "tokenId")]
    pub token_id: String,
    #[serde(rename = "resourceId")]
    pub resource_id: String,
    #[serde(rename = "resourceType")]
    pub resource_type: String,
    #[serde(rename = "resourceInternalId")]
    pub resource_internal_id: String,
    pub iat: i64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub exp: Option<i64>,
}

/// The part of a header that is checked.
#[derive(Deserialize)]
struct Header {
    alg: String,
}

/// Signs and checks token secrets with one server-side HMAC key.
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub fn new(secret: &str) -> Self {
        Signer {
            key: secret.as_bytes().to_vec(),
        }
    }

    fn mac(&self, signed: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(signed.as_bytes());
        mac
    }

    /// A fresh secret for `token`: header `{"typ":"JWT","alg":"HS256"}`, `iat` = creation time,
    /// `exp` = expiry (only when set).
    pub fn sign(&self, token: &Token) -> String {
        let claims = Claims {
            token_id: token.id.clone(),
            resource_id: token.resource_id(),
            resource_type: "files".to_string(),
            resource_internal_id: token.resource_internal_id(),
            iat: token.created_at.timestamp(),
            exp: token.expire.map(|t| t.timestamp()),
        };
        let claims = serde_json::to_vec(&claims).expect("claims are plain JSON");
        let signed = format!("{}.{}", B64.encode(HEADER), B64.encode(claims));
        let signature = B64.encode(self.mac(&signed).finalize().into_bytes());
        format!("{signed}.{signature}")
    }

    /// The claims of a secret with an HS256 header, a valid signature and an `exp`, when it has
    /// one, not more than 10 s past; `None` otherwise.
    pub fn verify(&self, secret: &str) -> Option<Claims> {
        let (signed, signature) = secret.rsplit_once('.')?;
        let (header, claims) = signed.split_once('.')?;
        let header: Header = serde_json::from_slice(&B64.decode(header).ok()?).ok()?;
        if header.alg != "HS256" {
            return None;
        }
        let signature = B64.decode(signature).ok()?;
        self.mac(signed).verify_slice(&signature).ok()?;
        let claims: Claims = serde_json::from_slice(&B64.decode(claims).ok()?).ok()?;
        let now = chrono::Utc::now().timestamp();
        match claims.exp {
            Some(exp) if exp.saturating_add(LEEWAY_SECS as i64) < now => None,
            _ => Some(claims),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn token(expire: Option<chrono::DateTime<Utc>>) -> Token {
        let now = crate::time::now();
        Token {
            id: "t1".into(),
            seq: 9,
            bucket_id: "b".into(),
            bucket_seq: 1,
            file_id: "f".into(),
            file_seq: 2,
            created_at: now,
            updated_at: now,
            expire,
            accessed_at: None,
        }
    }

    #[test]
    fn signs_and_verifies_with_and_without_exp() {
        let signer = Signer::new("k");
        let claims = signer.verify(&signer.sign(&token(None))).unwrap();
        assert_eq!(claims.resource_id, "b:f");
        assert_eq!(claims.resource_internal_id, "1:2");
        assert_eq!(claims.exp, None);
        let later = Utc::now() + Duration::hours(1);
        assert!(signer.verify(&signer.sign(&token(Some(later)))).is_some());
    }

    #[test]
    fn rejects_expired_foreign_and_garbage_secrets() {
        let signer = Signer::new("k");
        let past = Utc::now() - Duration::minutes(5);
        assert!(signer.verify(&signer.sign(&token(Some(past)))).is_none());
        assert!(Signer::new("other")
            .verify(&signer.sign(&token(None)))
            .is_none());
        assert!(signer.verify("not.a.jwt").is_none());
    }

    /// A secret with `header` and `claims` as given, signed by `signer`.
    fn forged(signer: &Signer, header: &str, claims: &serde_json::Value) -> String {
        let signed = format!("{}.{}", B64.encode(header), B64.encode(claims.to_string()));
        let signature = B64.encode(signer.mac(&signed).finalize().into_bytes());
        format!("{signed}.{signature}")
    }

    #[test]
    fn only_hs256_headers_and_untouched_claims_verify() {
        let signer = Signer::new("k");
        let secret = signer.sign(&token(None));
        let (header, rest) = secret.split_once('.').unwrap();
        assert_eq!(B64.decode(header).unwrap(), HEADER.as_bytes());
        let claims: serde_json::Value =
            serde_json::from_slice(&B64.decode(rest.split('.').next().unwrap()).unwrap()).unwrap();
        assert!(signer.verify(&forged(&signer, HEADER, &claims)).is_some());
        for other in [
            r#"{"alg":"HS512"}"#,
            r#"{"alg":"none"}"#,
            r#"{"typ":"JWT"}"#,
        ] {
            assert!(
                signer.verify(&forged(&signer, other, &claims)).is_none(),
                "{other}"
            );
        }
        let (signed, signature) = secret.rsplit_once('.').unwrap();
        let mut changed = claims.clone();
        changed["tokenId"] = "t2".into();
        let tampered = format!("{header}.{}.{signature}", B64.encode(changed.to_string()));
        assert!(signer.verify(&tampered).is_none());
        assert!(signer.verify(&format!("{signed}.")).is_none());
        assert!(signer.verify(&format!("{secret}.x")).is_none());
    }

    #[test]
    fn expiry_inside_the_leeway_still_verifies() {
        let signer = Signer::new("k");
        let just_past = Utc::now() - Duration::seconds(3);
        assert!(signer
            .verify(&signer.sign(&token(Some(just_past))))
            .is_some());
    }
}
