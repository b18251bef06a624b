//! Token secrets: HS256 JWTs made afresh for every answer, and their verification for share links.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::model::Token;

/// Leeway on `exp` when a share link is checked, as the real server allows.
pub const LEEWAY_SECS: u64 = 10;

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

/// Signs and checks token secrets with one server-side HMAC key.
pub struct Signer {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Signer {
    pub fn new(secret: &str) -> Self {
        Signer {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        }
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
        let header = Header {
            typ: Some("JWT".to_string()),
            ..Header::new(Algorithm::HS256)
        };
        jsonwebtoken::encode(&header, &claims, &self.encoding).unwrap_or_default()
    }

    /// The claims of a secret with a valid signature and `exp` (10 s leeway); `None` otherwise.
    pub fn verify(&self, secret: &str) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECS;
        validation.required_spec_claims.clear();
        validation.validate_exp = true;
        jsonwebtoken::decode::<Claims>(secret, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
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

    #[test]
    fn expiry_inside_the_leeway_still_verifies() {
        let signer = Signer::new("k");
        let just_past = Utc::now() - Duration::seconds(3);
        assert!(signer
            .verify(&signer.sign(&token(Some(just_past))))
            .is_some());
    }
}
