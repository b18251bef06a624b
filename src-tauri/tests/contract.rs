//! The command contract: the list in `build.rs`, `generate_handler!` in `lib.rs`, the capability
//! file and the UI's `api.js` name the same commands, and every argument `api.js` sends is one the
//! Rust command takes (camelCase), with every required one sent. A renamed command or argument on
//! either side fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between the first `open` after `start` and its matching `close`.
fn enclosed<'a>(text: &'a str, start: &str, open: char, close: char) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let body = &text[from..];
    let first = body.find(open).expect("opening bracket") + open.len_utf8();
    let mut depth = 1;
    for (i, c) in body[first..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &body[first..first + i];
            }
        }
    }
    panic!("no closing {close} after {start}")
}

/// The quoted strings in `text`.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn build_rs_commands() -> BTreeSet<String> {
    quoted(enclosed(&read("build.rs"), ".commands(", '[', ']'))
        .into_iter()
        .collect()
}

fn handler_commands() -> BTreeSet<String> {
    enclosed(&read("src/lib.rs"), "generate_handler!", '[', ']')
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The app's own `allow-<command>` permissions (plugin and core ones carry a `:`).
fn capability_commands() -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .expect("an allow- permission")
                .replace('-', "_")
        })
        .collect()
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits at the commas that are not inside brackets.
fn top_level(list: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A Rust command's arguments as the UI names them, each with whether it may be left out.
type Params = BTreeMap<String, bool>;

/// Every `#[tauri::command]` in `src/commands/` with its arguments (state and app handles left
/// out).
fn rust_commands() -> BTreeMap<String, Params> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut commands = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("#[tauri::command]").skip(1) {
            let signature = &part[part.find("fn ").expect("a command fn") + 3..];
            let name_end = signature.find(['(', '<']).unwrap();
            let name = signature[..name_end].trim().to_owned();
            let params = top_level(enclosed(signature, &name, '(', ')'))
                .into_iter()
                .filter_map(|param| {
                    let (ident, ty) = param.split_once(':')?;
                    let ty = ty.trim();
                    let injected = ["State<", "AppHandle<", "tauri::State<"]
                        .iter()
                        .any(|p| ty.starts_with(p));
                    (!injected).then(|| (camel(ident.trim()), ty.starts_with("Option<")))
                })
                .collect();
            commands.insert(name, params);
        }
    }
    commands
}

/// Every `call('command', { args })` in `ui/api.js` with the argument names it sends.
fn ui_calls() -> BTreeMap<String, BTreeSet<String>> {
    let api = read("../ui/api.js");
    let mut calls = BTreeMap::new();
    for part in api.split("call('").skip(1) {
        let name_end = part.find('\'').unwrap();
        let name = part[..name_end].to_owned();
        let rest = part[name_end + 1..].trim_start();
        let args = if rest.starts_with(',') {
            top_level(enclosed(rest, ",", '{', '}'))
                .into_iter()
                .map(|arg| arg.split(':').next().unwrap().trim().to_owned())
                .collect()
        } else {
            BTreeSet::new()
        };
        calls.insert(name, args);
    }
    calls
}

#[test]
fn every_list_names_the_same_commands() {
    let handler = handler_commands();
    let rust: BTreeSet<String> = rust_commands().into_keys().collect();
    let ui: BTreeSet<String> = ui_calls().into_keys().collect();
    assert!(!handler.is_empty());
    assert_eq!(
        build_rs_commands(),
        handler,
        "build.rs vs generate_handler!"
    );
    assert_eq!(
        capability_commands(),
        handler,
        "capabilities/default.json vs generate_handler!"
    );
    assert_eq!(rust, handler, "#[tauri::command] fns vs generate_handler!");
    assert_eq!(ui, handler, "ui/api.js calls vs generate_handler!");
}

#[test]
fn the_ui_sends_each_command_exactly_the_arguments_it_takes() {
    let rust = rust_commands();
    for (name, sent) in ui_calls() {
        let Some(params) = rust.get(&name) else {
            panic!("api.js calls {name}, which Rust does not have");
        };
        for arg in &sent {
            assert!(
                params.contains_key(arg),
                "api.js sends {name}({arg}), which Rust does not take: {params:?}"
            );
        }
        for (param, optional) in params {
            assert!(
                *optional || sent.contains(param),
                "api.js leaves out {name}'s required {param}"
            );
        }
    }
}

#[test]
fn the_parsers_see_what_they_claim() {
    // Guards the checks above against passing on empty lists.
    let rust = rust_commands();
    let list_files = &rust["list_files"];
    assert_eq!(list_files.get("profileId"), Some(&false));
    assert_eq!(list_files.get("cursor"), Some(&true));
    assert!(!list_files.contains_key("state"));
    assert!(ui_calls()["list_files"].contains("bucketId"));
    assert_eq!(camel("profile_id"), "profileId");
    assert_eq!(top_level("a, b: f(c, d), e"), ["a", "b: f(c, d)", "e"]);
}
