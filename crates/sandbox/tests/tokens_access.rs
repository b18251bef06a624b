//! File tokens over raw HTTP: the five calls, the ResourceToken shape, the HS256 secret, the
//! share-link access rules and the `accessedAt` refresh interval.

mod common;

use std::time::Duration;

use appwrite_sandbox::seed;
use appwrite_sandbox::Config;
use common::{assert_error, send, Api};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::Method;
use serde_json::{json, Value};

fn future(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .format("%Y-%m-%dT%H:%M:%S%.3f+00:00")
        .to_string()
}

async fn api_with_file() -> Api {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let (s, f) = api.upload("b", "f", "hello.txt", b"hello".to_vec()).await;
    assert_eq!(s, 201, "{f}");
    let (s, f) = api.upload("b", "g", "other.txt", b"other".to_vec()).await;
    assert_eq!(s, 201, "{f}");
    api
}

#[tokio::test]
async fn token_calls_and_shape() {
    let api = api_with_file().await;
    let expire = future(30);
    let t = api.create_token("b", "f", json!(expire)).await;
    let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 7);
    assert_eq!(t["resourceId"], "b:f");
    assert_eq!(t["resourceType"], "files");
    assert_eq!(t["expire"], expire.as_str());
    assert_eq!(t["accessedAt"], "");
    let id = t["$id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 20);

    let never = api.create_token("b", "f", Value::Null).await;
    assert_eq!(never["expire"], "");
    let (s, empty) = api.post("/tokens/buckets/b/files/f", json!({})).await;
    assert_eq!((s, &empty["expire"]), (201, &json!("")));

    let (s, b) = api
        .post(
            "/tokens/buckets/b/files/f",
            json!({"expire": "2001-01-01T00:00:00.000+00:00"}),
        )
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert_eq!(b["message"], "Invalid `expire` param: Value must be valid date in the future and between 0000-01-01 00:00:00 and 9999-12-31 00:00:00.");
    let (s, b) = api.post("/tokens/buckets/zz/files/f", json!({})).await;
    assert_error(s, &b, 404, "storage_bucket_not_found");
    let (s, b) = api.post("/tokens/buckets/b/files/zz", json!({})).await;
    assert_error(s, &b, 404, "storage_file_not_found");

    let (s, l) = api.list("/tokens/buckets/b/files/f", &[]).await;
    assert_eq!((s, l["total"].as_u64()), (200, Some(3)));
    let (_, l) = api
        .list(
            "/tokens/buckets/b/files/f",
            &[
                json!({"method":"limit","values":[1]}),
                json!({"method":"offset","values":[1]}),
            ],
        )
        .await;
    assert_eq!(l["tokens"][0]["$id"], never["$id"]);
    let (_, l) = api
        .list(
            "/tokens/buckets/b/files/f",
            &[json!({"method":"equal","attribute":"$id","values":[id]})],
        )
        .await;
    assert_eq!(l["total"], 1);
    let (_, l) = api
        .list(
            "/tokens/buckets/b/files/f",
            &[
                json!({"method":"orderDesc","attribute":"$createdAt"}),
                json!({"method":"cursorAfter","values":[empty["$id"]]}),
            ],
        )
        .await;
    assert_eq!(l["tokens"][0]["$id"], never["$id"]);
    let (_, l) = api.list("/tokens/buckets/b/files/g", &[]).await;
    assert_eq!(l["total"], 0);
    let (s, b) = api
        .list(
            "/tokens/buckets/b/files/f",
            &[json!({"method":"lessThan","attribute":"expire","values":[future(1)]})],
        )
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");
    assert_eq!(
        b["message"],
        "Invalid `queries` param: Invalid query: Attribute not found in schema: expire"
    );
    let (s, b) = api
        .list(
            "/tokens/buckets/b/files/f",
            &[json!({"method":"orderAsc","attribute":"expire"})],
        )
        .await;
    assert_error(s, &b, 400, "general_argument_invalid");

    let (s, got) = api.get(&format!("/tokens/{id}")).await;
    assert_eq!((s, &got["expire"]), (200, &json!(expire)));
    let later = future(60);
    let (s, p) = api
        .patch(&format!("/tokens/{id}"), json!({"expire": later}))
        .await;
    assert_eq!((s, &p["expire"]), (200, &json!(later)));
    let (s, p) = api.patch(&format!("/tokens/{id}"), json!({})).await;
    assert_eq!(
        (s, &p["expire"]),
        (200, &json!("")),
        "omitted expire clears it"
    );
    let (s, b) = api.patch("/tokens/nope", json!({})).await;
    assert_error(s, &b, 404, "token_not_found");

    let (s, body) = api.delete(&format!("/tokens/{id}")).await;
    assert_eq!((s, body.as_str()), (204, ""));
    let (s, b) = api.get(&format!("/tokens/{id}")).await;
    assert_error(s, &b, 404, "token_not_found");
    let (s, _) = api.delete(&format!("/tokens/{id}")).await;
    assert_eq!(s, 404);
    assert_eq!(api.sb.stats().tokens_created, 3);
    assert!(common::validate_recorded(&api.sb) > 15);
}

#[derive(serde::Deserialize, Debug)]
struct Claims {
    #[serde(rename = "tokenId")]
    token_id: String,
    #[serde(rename = "resourceId")]
    resource_id: String,
    #[serde(rename = "resourceType")]
    resource_type: String,
    #[serde(rename = "resourceInternalId")]
    resource_internal_id: String,
    iat: i64,
    exp: Option<i64>,
}

fn b64url_json(part: &str) -> Value {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    assert!(!part.contains('='), "no padding");
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in part.bytes() {
        let v = ALPHA
            .iter()
            .position(|&a| a == c)
            .expect("base64url alphabet") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    serde_json::from_slice(&out).unwrap()
}

#[tokio::test]
async fn secrets_are_hs256_jwts_with_the_documented_claims() {
    let api = api_with_file().await;
    let expire = future(10);
    let t = api.create_token("b", "f", json!(expire)).await;
    let secret = t["secret"].as_str().unwrap();
    let parts: Vec<&str> = secret.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(b64url_json(parts[0]), json!({"typ": "JWT", "alg": "HS256"}));
    let payload = b64url_json(parts[1]);
    let names: Vec<&str> = payload
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "tokenId",
        "resourceId",
        "resourceType",
        "resourceInternalId",
        "iat",
        "exp",
    ] {
        assert!(names.contains(&k), "{k} in {payload}");
    }

    let mut validation = Validation::new(Algorithm::HS256);
    validation.required_spec_claims.clear();
    let key = DecodingKey::from_secret(api.sb.token_signing_key().as_bytes());
    let claims = jsonwebtoken::decode::<Claims>(secret, &key, &validation)
        .expect("valid signature")
        .claims;
    assert_eq!(claims.token_id, t["$id"].as_str().unwrap());
    assert_eq!(claims.resource_id, "b:f");
    assert_eq!(claims.resource_type, "files");
    assert!(claims.resource_internal_id.contains(':'));
    let created = chrono::DateTime::parse_from_rfc3339(t["$createdAt"].as_str().unwrap()).unwrap();
    assert_eq!(claims.iat, created.timestamp());
    let exp = chrono::DateTime::parse_from_rfc3339(&expire).unwrap();
    assert_eq!(claims.exp, Some(exp.timestamp()));
    let wrong = DecodingKey::from_secret(b"not the key");
    assert!(jsonwebtoken::decode::<Claims>(secret, &wrong, &validation).is_err());

    let never = api.create_token("b", "f", Value::Null).await;
    let claims =
        jsonwebtoken::decode::<Claims>(never["secret"].as_str().unwrap(), &key, &validation)
            .unwrap()
            .claims;
    assert_eq!(claims.exp, None);

    // After a PATCH the next answer carries the new exp.
    let id = t["$id"].as_str().unwrap();
    let (_, p) = api
        .patch(&format!("/tokens/{id}"), json!({"expire": Value::Null}))
        .await;
    let claims = jsonwebtoken::decode::<Claims>(p["secret"].as_str().unwrap(), &key, &validation)
        .unwrap()
        .claims;
    assert_eq!(claims.exp, None);
}

#[tokio::test]
async fn share_links_follow_the_token_rules() {
    let api = api_with_file().await;
    api.create_bucket("secure", json!({"fileSecurity": true}))
        .await;
    let (s, _) = api.upload("secure", "s", "s.txt", b"secret".to_vec()).await;
    assert_eq!(s, 201);
    let t = api.create_token("b", "f", Value::Null).await;
    let secret = t["secret"].as_str().unwrap().to_string();

    for kind in ["view", "download", "preview"] {
        let r = api
            .bare(&api.share_link("b", "f", kind, &secret))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{kind}");
    }
    let r = api
        .bare(&api.share_link("b", "f", "view", &secret))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["content-disposition"],
        "inline; filename=\"hello.txt\""
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.text().await.unwrap(), "hello");
    let r = api
        .bare(&api.share_link("b", "f", "download", &secret))
        .send()
        .await
        .unwrap();
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));

    // Parameter order does not matter, unknown parameters are ignored.
    let r = api
        .bare(&format!(
            "/storage/buckets/b/files/f/view?x=1&token={secret}&project=demo"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // Without project= the token is never found: anonymous.
    let (s, b) = send(api.bare(&format!("/storage/buckets/b/files/f/view?token={secret}"))).await;
    assert_eq!(s, 401, "{b}");
    // No token, garbage token, or a token of another file: 401 user_unauthorized.
    let (s, b) = send(api.bare("/storage/buckets/b/files/f/view?project=demo")).await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (s, b) = send(api.bare(&api.share_link("b", "f", "view", "garbage"))).await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (s, b) = send(api.bare(&api.share_link("b", "g", "view", &secret))).await;
    assert_error(s, &b, 401, "user_unauthorized");
    // A token grants no metadata.
    let (s, b) = send(
        api.http
            .get(api.url("/storage/buckets/b/files/f"))
            .header("X-Appwrite-Project", "demo")
            .query(&[("token", &secret)]),
    )
    .await;
    assert_error(s, &b, 401, "user_unauthorized");
    // File security bucket: anonymous is 404, the token opens it.
    let (s, b) = send(api.bare("/storage/buckets/secure/files/s/view?project=demo")).await;
    assert_error(s, &b, 404, "storage_file_not_found");
    let st = api.create_token("secure", "s", Value::Null).await;
    let r = api
        .bare(&api.share_link("secure", "s", "view", st["secret"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // Expired (stored expiry), deleted token, deleted file: all anonymous.
    let soon = api.create_token("b", "f", json!(future(1))).await;
    let soon_id = soon["$id"].as_str().unwrap();
    let soon_secret = soon["secret"].as_str().unwrap();
    let (s, _) = send(api.bare(&api.share_link("b", "f", "view", soon_secret))).await;
    assert_eq!(s, 200);
    let (_, _) = api.delete(&format!("/tokens/{soon_id}")).await;
    let (s, b) = send(api.bare(&api.share_link("b", "f", "view", soon_secret))).await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (_, _) = api.delete("/storage/buckets/b/files/f").await;
    let (s, b) = send(api.bare(&api.share_link("b", "f", "view", &secret))).await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (s, l) = api.list("/tokens/buckets/b/files/g", &[]).await;
    assert_eq!((s, l["total"].as_u64()), (200, Some(0)));
    let (s, still) = api
        .get(&format!("/tokens/{}", t["$id"].as_str().unwrap()))
        .await;
    assert_eq!(s, 200, "deleting a file keeps its tokens: {still}");
}

#[tokio::test]
async fn seeded_expired_token_is_anonymous() {
    let api = Api::demo().await;
    let (_, t) = api.get(&format!("/tokens/{}", seed::TOKEN_EXPIRED)).await;
    assert!(!t["expire"].as_str().unwrap().is_empty());
    let link = api.share_link(
        seed::PHOTOS_BUCKET_ID,
        seed::SUNSET_PNG_FILE_ID,
        "view",
        t["secret"].as_str().unwrap(),
    );
    let (s, b) = send(api.bare(&link)).await;
    assert_error(s, &b, 401, "user_unauthorized");
    let (_, t) = api
        .get(&format!("/tokens/{}", seed::TOKEN_NEVER_EXPIRES))
        .await;
    let link = api.share_link(
        seed::PHOTOS_BUCKET_ID,
        seed::SUNSET_PNG_FILE_ID,
        "view",
        t["secret"].as_str().unwrap(),
    );
    let r = api.bare(&link).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    // Public bucket: no token needed.
    let r = api
        .bare(&format!(
            "/storage/buckets/{}/files/{}/view?project=demo",
            seed::PUBLIC_BUCKET_ID,
            seed::LOGO_PNG_FILE_ID
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // Seeded tokens cover every state.
    let mut expired = 0;
    let mut never = 0;
    let mut used = 0;
    for id in seed::TOKEN_IDS {
        let (s, t) = api.get(&format!("/tokens/{id}")).await;
        assert_eq!(s, 200, "{id}");
        match t["expire"].as_str().unwrap() {
            "" => never += 1,
            e if chrono::DateTime::parse_from_rfc3339(e).unwrap() < chrono::Utc::now() => {
                expired += 1
            }
            _ => {}
        }
        if !t["accessedAt"].as_str().unwrap().is_empty() {
            used += 1;
        }
    }
    assert!(expired >= 2 && never >= 2 && used >= 3 && used < seed::TOKEN_IDS.len());
}

async fn accessed_at(api: &Api, id: &str) -> String {
    let (_, t) = api.get(&format!("/tokens/{id}")).await;
    t["accessedAt"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn accessed_at_refreshes_at_most_once_per_interval() {
    let api = Api::start(Config {
        access_interval: Duration::from_secs(2),
        ..Config::default()
    })
    .await;
    api.create_bucket("b", json!({})).await;
    api.upload("b", "f", "f.txt", b"x".to_vec()).await;
    let t = api.create_token("b", "f", Value::Null).await;
    let id = t["$id"].as_str().unwrap().to_string();
    let link = api.share_link("b", "f", "view", t["secret"].as_str().unwrap());
    assert_eq!(accessed_at(&api, &id).await, "");

    let (s, _) = send(api.bare(&link)).await;
    assert_eq!(s, 200);
    let first = accessed_at(&api, &id).await;
    assert!(!first.is_empty());
    let (s, _) = send(api.bare(&link)).await;
    assert_eq!(s, 200);
    assert_eq!(
        accessed_at(&api, &id).await,
        first,
        "not refreshed inside the interval"
    );

    let refreshed = common::wait_until(Duration::from_secs(10), || async {
        send(api.bare(&link)).await;
        accessed_at(&api, &id).await != first
    })
    .await;
    assert!(refreshed, "refreshed once the interval passed");
    let second = accessed_at(&api, &id).await;
    assert!(second > first);
}

#[tokio::test]
async fn tokens_need_a_key() {
    let api = api_with_file().await;
    let (s, b) = send(
        api.http
            .request(Method::POST, api.url("/tokens/buckets/b/files/f"))
            .header("X-Appwrite-Project", "demo")
            .json(&json!({})),
    )
    .await;
    assert_error(s, &b, 401, "general_unauthorized_scope");
}
