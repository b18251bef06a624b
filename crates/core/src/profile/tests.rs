//! Profile validation, ids, duplication, how the key travels, and the JSON shape.

use super::*;

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        endpoint: "https://fra.cloud.appwrite.io/v1/".into(),
        project_id: "my-project".into(),
        ..ProfileInput::default()
    }
}

#[test]
fn a_new_profile_is_normalized_and_gets_a_random_id() {
    let mut form = input("  Production  ");
    form.group = Some("  ".into());
    let a = Profile::new(form.clone()).unwrap();
    let b = Profile::new(form).unwrap();
    assert_ne!(a.id, b.id);
    check_id(&a.id).unwrap();
    assert_eq!(a.name, "Production");
    assert_eq!(a.endpoint, "https://fra.cloud.appwrite.io/v1");
    assert_eq!(a.group, None);
    assert_eq!(a.pinned_certificate, None);
    assert!(!a.allow_insecure_http);
    assert_eq!(a.default_link, LinkKind::View);
    assert_eq!(a.default_expiry, ExpiryPreset::SevenDays);
    assert_eq!(a.endpoint().unwrap().as_str(), a.endpoint);
}

#[test]
fn each_field_is_validated() {
    let cases: Vec<(ProfileInput, ProfileField)> = vec![
        (input("   "), ProfileField::Name),
        (input(&"x".repeat(MAX_NAME_CHARS + 1)), ProfileField::Name),
        (
            ProfileInput {
                endpoint: "ftp://x/v1".into(),
                ..input("a")
            },
            ProfileField::Endpoint,
        ),
        (
            ProfileInput {
                endpoint: "".into(),
                ..input("a")
            },
            ProfileField::Endpoint,
        ),
        (
            ProfileInput {
                project_id: "".into(),
                ..input("a")
            },
            ProfileField::ProjectId,
        ),
        (
            ProfileInput {
                project_id: "-starts-with-dash".into(),
                ..input("a")
            },
            ProfileField::ProjectId,
        ),
        (
            ProfileInput {
                project_id: "x".repeat(37),
                ..input("a")
            },
            ProfileField::ProjectId,
        ),
        (
            ProfileInput {
                project_id: "has space".into(),
                ..input("a")
            },
            ProfileField::ProjectId,
        ),
        (
            ProfileInput {
                group: Some("g".repeat(MAX_GROUP_CHARS + 1)),
                ..input("a")
            },
            ProfileField::Group,
        ),
        (
            ProfileInput {
                default_expiry: ExpiryPreset::Custom(chrono::Utc::now().fixed_offset()),
                ..input("a")
            },
            ProfileField::DefaultExpiry,
        ),
    ];
    for (form, field) in cases {
        let err = Profile::new(form.clone()).unwrap_err();
        assert_eq!(err.field, field, "{form:?}");
        assert_eq!(err.code(), "invalid_profile");
        assert!(!err.message.is_empty());
    }
    for ok in ["a", "A1", "my.project_1-x", &"x".repeat(36)] {
        check_project_id(ok).unwrap();
    }
    assert!(Profile::with_id("demo".into(), input("a")).is_err());
    assert!(Profile::with_id("".into(), input("a")).is_err());
    assert!(Profile::with_id("a/b".into(), input("a")).is_err());
}

#[test]
fn duplicate_gets_a_new_id_and_a_free_copy_name() {
    let original = Profile::new(input("Staging")).unwrap();
    let copy = original.duplicate(["Staging"]);
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.name, "Staging copy");
    assert_eq!(copy.endpoint, original.endpoint);
    let again = original.duplicate(["Staging", "Staging copy", "Staging copy 2"]);
    assert_eq!(again.name, "Staging copy 3");
}

#[test]
fn serializes_in_camel_case_with_defaults_for_missing_fields() {
    let profile = Profile::new(input("P")).unwrap();
    let json = serde_json::to_value(&profile).unwrap();
    assert_eq!(json["projectId"], "my-project");
    assert_eq!(json["defaultLink"], "view");
    assert_eq!(json["defaultExpiry"]["kind"], "sevenDays");
    assert_eq!(json["pinnedCertificate"], serde_json::Value::Null);
    assert_eq!(json["allowInsecureHttp"], false);
    assert!(json.get("acceptInvalidCerts").is_none(), "{json}");
    let minimal: Profile = serde_json::from_str(
        r#"{"id":"p1","name":"n","endpoint":"http://localhost/v1","projectId":"x"}"#,
    )
    .unwrap();
    assert_eq!(minimal.default_link, LinkKind::View);
    assert_eq!(minimal.validated().unwrap().id, "p1");
}

#[test]
fn the_demo_profile_is_recognised() {
    let demo = Profile::demo("http://127.0.0.1:4000/v1/", "demo");
    assert!(demo.is_demo());
    assert_eq!(demo.name, DEMO_PROFILE_NAME);
    assert_eq!(demo.endpoint, "http://127.0.0.1:4000/v1");
    assert!(!Profile::new(input("x")).unwrap().is_demo());
}

const PIN: &str = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

#[test]
fn a_profile_that_accepted_any_certificate_loads_without_a_pin() {
    let old: Profile = serde_json::from_str(
        r#"{"id":"p1","name":"Self-signed","endpoint":"https://nas.local/v1","projectId":"x",
            "acceptInvalidCerts":true}"#,
    )
    .unwrap();
    let old = old.validated().unwrap();
    assert_eq!(old.pinned_certificate, None);
    assert!(!serde_json::to_string(&old)
        .unwrap()
        .contains("acceptInvalidCerts"));
    // An editor that still sends the old switch gets the usual checks, not "accept anything".
    let form: ProfileInput = serde_json::from_str(
        r#"{"name":"n","endpoint":"https://nas.local/v1","projectId":"x","acceptInvalidCerts":true}"#,
    )
    .unwrap();
    assert_eq!(Profile::new(form).unwrap().pinned_certificate, None);
}

#[test]
fn a_pinned_fingerprint_is_stored_uppercase_with_colons() {
    let bare = PIN.replace(':', "").to_lowercase();
    for typed in [
        PIN.to_owned(),
        PIN.to_lowercase(),
        bare.clone(),
        format!("  {bare} "),
    ] {
        assert_eq!(normalize_fingerprint(&typed).unwrap(), PIN, "{typed}");
        let form = ProfileInput {
            pinned_certificate: Some(typed.clone()),
            ..input("a")
        };
        assert_eq!(
            Profile::new(form).unwrap().pinned_certificate.as_deref(),
            Some(PIN)
        );
    }
    let short = &PIN[..PIN.len() - 3];
    let odd_groups = format!("ABC:D{}", &PIN[5..]);
    let plus = format!("+B{}", &PIN[2..]);
    let no_hex = PIN.replace('A', "G");
    let long = format!("{PIN}:00");
    for bad in [
        short,
        &odd_groups,
        &plus,
        &no_hex,
        &long,
        "AB",
        "sha256:AB",
        &bare[1..],
    ] {
        let err = normalize_fingerprint(bad).unwrap_err();
        assert_eq!(err.field, ProfileField::PinnedCertificate, "{bad}");
        assert!(err.message.contains("Test connection"), "{err}");
        let form = ProfileInput {
            pinned_certificate: Some(bad.to_owned()),
            ..input("a")
        };
        assert_eq!(
            Profile::new(form).unwrap_err().field,
            ProfileField::PinnedCertificate
        );
    }
    // An empty pin is no pin.
    let form = ProfileInput {
        pinned_certificate: Some("  ".into()),
        ..input("a")
    };
    assert_eq!(Profile::new(form).unwrap().pinned_certificate, None);
}

fn at(endpoint: &str, allow_insecure_http: bool) -> Result<Profile, ProfileError> {
    Profile::new(ProfileInput {
        endpoint: endpoint.into(),
        allow_insecure_http,
        ..input("a")
    })
}

#[test]
fn plain_http_goes_only_to_this_machine_unless_the_user_chose_it() {
    for local in [
        "http://localhost:8080/v1",
        "http://LOCALHOST/v1",
        "http://127.0.0.1:4000/v1",
        "http://127.8.9.10/v1",
        "http://[::1]:4000/v1",
    ] {
        let profile = at(local, false).unwrap();
        assert!(!profile.allow_insecure_http, "{local}");
        // The choice means nothing here, so it isn't kept (and no warning shows).
        assert!(!at(local, true).unwrap().allow_insecure_http, "{local}");
    }
    for remote in [
        "http://appwrite.example.com/v1",
        "http://192.168.1.20/v1",
        "http://128.0.0.1/v1",
        "http://[::2]/v1",
        "http://localhost.example.com/v1",
    ] {
        let err = at(remote, false).unwrap_err();
        assert_eq!(err.field, ProfileField::Endpoint, "{remote}");
        assert_eq!(err.code(), "invalid_profile");
        assert!(err.message.contains("use https://"), "{err}");
        assert!(
            err.message.contains("\"Send the key without encryption\""),
            "{err}"
        );
        assert!(at(remote, true).unwrap().allow_insecure_http, "{remote}");
    }
}

#[test]
fn https_never_downgrades_and_plain_http_has_no_pin() {
    let secure = Profile::new(ProfileInput {
        allow_insecure_http: true,
        pinned_certificate: Some(PIN.into()),
        ..input("a")
    })
    .unwrap();
    assert!(!secure.allow_insecure_http);
    assert!(!secure.endpoint().unwrap().needs_insecure_opt_in());
    assert_eq!(secure.pinned_certificate.as_deref(), Some(PIN));
    let plain = Profile::new(ProfileInput {
        endpoint: "http://appwrite.example.com/v1".into(),
        allow_insecure_http: true,
        pinned_certificate: Some(PIN.into()),
        ..input("a")
    })
    .unwrap();
    assert_eq!(plain.pinned_certificate, None);
    assert!(plain.endpoint().unwrap().needs_insecure_opt_in());
}

#[test]
fn the_key_scope_changes_with_the_origin_or_the_project_id_and_nothing_else() {
    let profile = Profile::new(input("Prod")).unwrap();
    let edit = |f: &dyn Fn(&mut ProfileInput)| {
        let mut form = profile.input();
        f(&mut form);
        profile.key_scope_changed(&form)
    };
    assert!(!edit(&|_| {}));
    assert!(!edit(&|f| f.name = "Renamed".into()));
    assert!(!edit(&|f| f.group = Some("G".into())));
    assert!(!edit(&|f| f.pinned_certificate = Some(PIN.into())));
    assert!(!edit(
        &|f| f.endpoint = "https://FRA.cloud.appwrite.io:443/v1/".into()
    ));
    assert!(!edit(
        &|f| f.endpoint = "https://fra.cloud.appwrite.io/other/v1".into()
    ));
    assert!(!edit(&|f| f.project_id = " my-project ".into()));
    assert!(edit(&|f| f.project_id = "other-project".into()));
    assert!(edit(
        &|f| f.endpoint = "http://fra.cloud.appwrite.io/v1".into()
    ));
    assert!(edit(
        &|f| f.endpoint = "https://fra.cloud.appwrite.io:8443/v1".into()
    ));
    assert!(edit(
        &|f| f.endpoint = "https://nyc.cloud.appwrite.io/v1".into()
    ));
    assert!(edit(&|f| f.endpoint = "not a url".into()));
}

#[test]
fn a_malformed_endpoint_is_explained_under_its_field_in_words() {
    let cases = [
        (
            "appwrite.example.com/v1",
            "The endpoint needs to start with https:// (or http:// for this computer)",
        ),
        (
            "http://127.0.0.1:99999/v1",
            "The port must be a number from 1 to 65535",
        ),
        (
            "http://127.0.0.1:port/v1",
            "The port must be a number from 1 to 65535",
        ),
        (
            "https://app write.example.com/v1",
            "The server name has a character",
        ),
        ("ftp://x/v1", "The endpoint must start with https://"),
    ];
    for (endpoint, words) in cases {
        let error = ProfileInput {
            endpoint: endpoint.into(),
            ..input("a")
        }
        .validate()
        .unwrap_err();
        assert_eq!(error.field, ProfileField::Endpoint, "{endpoint}");
        assert!(
            error.message.starts_with(words),
            "{endpoint}: {}",
            error.message
        );
        assert!(error.message.ends_with('.'), "{}", error.message);
        for parser in [
            "relative URL",
            "without a base",
            "invalid port number",
            "Invalid input",
        ] {
            assert!(
                !error.message.contains(parser),
                "{endpoint}: {}",
                error.message
            );
        }
    }
}
