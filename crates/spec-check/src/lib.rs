//! Test support shared by the client's and the sandbox's tests: checks JSON answers against the
//! response schemas of the Appwrite OpenAPI subset kept in this crate's `spec/` folder (its origin
//! is in `spec/SOURCE.md`), so both sides of the wire are held to the same contract.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The spec subset, built into this crate so the checks read nothing at run time.
const SPEC_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/spec/appwrite-storage-tokens.openapi.json"
));

/// One JSON answer as a server sent it.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub method: &'a str,
    /// The OpenAPI path template, e.g. `/storage/buckets/{bucketId}` (a `/v1` prefix is ignored).
    pub route: &'a str,
    pub status: u16,
    pub body: &'a Value,
}

/// Checks every answer against its schema and panics listing each one that breaks the spec. Answers
/// with no JSON body (204, file bytes) are passed over. Returns how many were checked.
pub fn check_answers<'a>(answers: impl IntoIterator<Item = Answer<'a>>) -> usize {
    let spec = spec();
    let mut validators: HashMap<String, jsonschema::Validator> = HashMap::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for answer in answers {
        if answer.body.is_null() && answer.status < 400 {
            continue;
        }
        let reference = match response_schema(spec, &answer) {
            Ok(Some(reference)) => reference,
            Ok(None) => continue,
            Err(problem) => {
                failures.push(problem);
                continue;
            }
        };
        let validator = validators.entry(reference.clone()).or_insert_with(|| {
            let schema = json!({"$ref": reference, "components": spec["components"].clone()});
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft7)
                .build(&schema)
                .expect("the spec's schemas compile")
        });
        let mut errors: Vec<String> = validator
            .iter_errors(answer.body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if answer.status >= 400 && answer.body["code"] != json!(answer.status) {
            errors.push(format!("the error body's code is not {}", answer.status));
        }
        if !errors.is_empty() {
            failures.push(format!(
                "{} {} -> {}: {}\n  body: {}",
                answer.method,
                answer.route,
                answer.status,
                errors.join("; "),
                answer
                    .body
                    .to_string()
                    .chars()
                    .take(400)
                    .collect::<String>()
            ));
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} answer(s) break the spec:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

/// The spec, with the one known difference of the real server applied: an error's `code` is a JSON
/// number where the spec says string.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut spec: Value = serde_json::from_str(SPEC_TEXT).expect("the spec is JSON");
        spec["components"]["schemas"]["error"]["properties"]["code"] =
            json!({"type": ["integer", "string"]});
        spec
    })
}

/// The schema reference for an answer: the operation's schema for that status, the error schema for
/// error statuses, `None` for answers the spec says carry no JSON.
fn response_schema(spec: &Value, answer: &Answer<'_>) -> Result<Option<String>, String> {
    let route = answer.route.strip_prefix("/v1").unwrap_or(answer.route);
    let (method, status) = (answer.method, answer.status);
    let operation = &spec["paths"][route][method.to_ascii_lowercase()];
    let by_status = &operation["responses"][status.to_string()];
    let reference = by_status["content"]["application/json"]["schema"]["$ref"].as_str();
    match reference {
        Some(r) => Ok(Some(r.to_owned())),
        None if status >= 400 => Ok(Some("#/components/schemas/error".to_owned())),
        None if operation.is_null() => Err(format!(
            "{method} {route} answered {status} but is not in the spec"
        )),
        None if by_status.is_null() => Err(format!(
            "{method} {route} answered {status}, a status the spec does not list"
        )),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer<'a>(method: &'a str, route: &'a str, status: u16, body: &'a Value) -> Answer<'a> {
        Answer {
            method,
            route,
            status,
            body,
        }
    }

    #[test]
    #[should_panic(expected = "break the spec")]
    fn a_file_without_its_required_fields_is_caught() {
        let body = json!({"$id": "f", "name": 3});
        check_answers([answer(
            "GET",
            "/storage/buckets/{bucketId}/files/{fileId}",
            200,
            &body,
        )]);
    }

    #[test]
    #[should_panic(expected = "break the spec")]
    fn an_error_body_without_a_type_is_caught() {
        let body = json!({"message": "gone", "code": 404});
        check_answers([answer("GET", "/tokens/{tokenId}", 404, &body)]);
    }

    #[test]
    #[should_panic(expected = "code is not 404")]
    fn an_error_body_whose_code_differs_from_the_status_is_caught() {
        let body =
            json!({"message": "gone", "code": 400, "type": "token_not_found", "version": "1.8.1"});
        check_answers([answer("GET", "/tokens/{tokenId}", 404, &body)]);
    }

    #[test]
    #[should_panic(expected = "not in the spec")]
    fn a_route_the_spec_does_not_have_is_caught() {
        let body = json!({"ok": true});
        check_answers([answer("GET", "/storage/everything", 200, &body)]);
    }

    #[test]
    fn the_spec_is_the_storage_and_tokens_subset_of_appwrite_1_8() {
        let spec = spec();
        assert_eq!(spec["info"]["version"], "1.8.1");
        let paths = spec["paths"].as_object().expect("the spec has paths");
        assert!(paths.contains_key("/storage/buckets/{bucketId}/files/{fileId}"));
        assert!(paths.contains_key("/tokens/buckets/{bucketId}/files/{fileId}"));
        assert!(
            paths
                .keys()
                .all(|p| p.starts_with("/storage/") || p.starts_with("/tokens/")),
            "only storage and token paths"
        );
    }

    fn file_of(extra: Value) -> Value {
        let mut file = json!({"$id": "f", "bucketId": "b",
            "$createdAt": "2026-01-05T14:03:00.000+00:00", "$updatedAt": "2026-01-05T14:03:00.000+00:00",
            "$permissions": [], "name": "beach.png", "signature": "5d529fd02b544198ae075bd57c1762bb",
            "mimeType": "image/png", "sizeOriginal": 17890, "chunksTotal": 1, "chunksUploaded": 1});
        file.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        file
    }

    #[test]
    fn a_1_8_1_file_and_a_newest_file_with_its_folder_both_pass() {
        let old = file_of(json!({}));
        let newest = file_of(
            json!({"folder": "2026/summer/", "key": "2026/summer/beach.png",
            "sizeActual": 17890, "encryption": true, "compression": "none"}),
        );
        let route = "/storage/buckets/{bucketId}/files/{fileId}";
        let checked = check_answers([
            answer("GET", route, 200, &old),
            answer("GET", route, 200, &newest),
        ]);
        assert_eq!(checked, 2);
    }

    #[test]
    #[should_panic(expected = "break the spec")]
    fn a_folder_that_is_not_a_string_is_caught() {
        let body = file_of(json!({"folder": 2026}));
        check_answers([answer(
            "GET",
            "/storage/buckets/{bucketId}/files/{fileId}",
            200,
            &body,
        )]);
    }

    #[test]
    fn a_bucket_with_or_without_the_newest_fields_passes() {
        let mut bucket = json!({"$id": "photos", "$createdAt": "2026-01-05T14:03:00.000+00:00",
            "$updatedAt": "2026-01-05T14:03:00.000+00:00", "$permissions": [], "fileSecurity": false,
            "name": "Photos", "enabled": true, "maximumFileSize": 30000000, "allowedFileExtensions": [],
            "compression": "none", "encryption": true, "antivirus": true, "transformations": true});
        let old = bucket.clone();
        bucket.as_object_mut().unwrap().extend(
            json!({"description": "Holiday photos", "stripMetadata": false, "totalSize": 9_000_000_000u64})
                .as_object()
                .unwrap()
                .clone(),
        );
        let checked = check_answers([
            answer("GET", "/storage/buckets/{bucketId}", 200, &old),
            answer("GET", "/storage/buckets/{bucketId}", 200, &bucket),
        ]);
        assert_eq!(checked, 2);
    }

    #[test]
    fn a_token_as_the_real_server_sends_it_passes() {
        let body = json!({"$id": "t", "$createdAt": "2026-01-05T14:03:00.000+00:00",
            "resourceId": "b:f", "resourceType": "files", "expire": "",
            "secret": "header.payload.sig", "accessedAt": ""});
        let checked = check_answers([answer(
            "POST",
            "/tokens/buckets/{bucketId}/files/{fileId}",
            201,
            &body,
        )]);
        assert_eq!(checked, 1);
    }
}
