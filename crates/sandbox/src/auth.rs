//! Who is calling: project header, API key, key scopes, and guest permissions.

use axum::http::HeaderMap;

use crate::error::ApiError;
use crate::server::Shared;

/// The caller of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A valid API key with the needed scope.
    Key,
    /// No key: the `guests` role (which has `files.read` and `files.write`, but needs permissions).
    Guest,
}

/// Scopes that the guests role holds (the rest need an API key).
const GUEST_SCOPES: &[&str] = &["files.read", "files.write"];

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Checks project, key and scope for an API call.
pub fn api(app: &Shared, headers: &HeaderMap, scope: &str) -> Result<Caller, ApiError> {
    caller(app, header(headers, "x-appwrite-project"), headers, scope)
}

/// Same for a file route that may carry the project in a `project` query parameter (share links).
pub fn file_route(
    app: &Shared,
    headers: &HeaderMap,
    project_param: Option<&str>,
    scope: &str,
) -> Result<Caller, ApiError> {
    let project = project_param
        .filter(|p| !p.is_empty())
        .or_else(|| header(headers, "x-appwrite-project"));
    if project.is_none() && header(headers, "x-appwrite-key").is_none() {
        // A share link without `project=`: its token is never found, and a guest of no
        // project may read nothing.
        return Err(ApiError::user_unauthorized());
    }
    caller(app, project, headers, scope)
}

fn caller(
    app: &Shared,
    project: Option<&str>,
    headers: &HeaderMap,
    scope: &str,
) -> Result<Caller, ApiError> {
    let key = header(headers, "x-appwrite-key");
    let Some(project) = project else {
        return Err(ApiError::new(
            403,
            "project_id_missing",
            "No Appwrite project was specified. Please specify your project ID when initializing your Appwrite SDK.",
        ));
    };
    if project != app.project {
        return Err(ApiError::new(
            404,
            "project_not_found",
            "Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.",
        ));
    }
    match key {
        Some(key) if key != app.key => Err(ApiError::user_unauthorized()),
        Some(_) => {
            if app.scopes.contains(scope) {
                Ok(Caller::Key)
            } else {
                Err(missing_scope(
                    &format!("app.{}@service.localhost", app.project),
                    "applications",
                    scope,
                ))
            }
        }
        None => {
            if GUEST_SCOPES.contains(&scope) {
                Ok(Caller::Guest)
            } else {
                Err(missing_scope("User", "guests", scope))
            }
        }
    }
}

fn missing_scope(who: &str, role: &str, scope: &str) -> ApiError {
    ApiError::new(
        401,
        "general_unauthorized_scope",
        format!("{who} (role: {role}) missing scopes ([\"{scope}\"])"),
    )
}

/// Whether `permissions` grant `action` (read, create, update, delete) to a guest.
pub fn guest_can(permissions: &[String], action: &str) -> bool {
    permissions.iter().any(|p| {
        let Some((act, rest)) = p.split_once('(') else {
            return false;
        };
        let role = rest.trim_end_matches(')').trim_matches('"');
        let act_ok = act == action || (act == "write" && action != "read");
        act_ok && (role == "any" || role == "guests")
    })
}

/// Whether a permission string is well formed: `action("role")`.
pub fn is_valid_permission(p: &str) -> bool {
    let Some((act, rest)) = p.split_once('(') else {
        return false;
    };
    matches!(act, "read" | "create" | "update" | "delete" | "write")
        && rest.len() > 4
        && rest.starts_with('"')
        && rest.ends_with("\")")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guest_permissions() {
        let perms = vec!["read(\"any\")".to_string(), "write(\"guests\")".to_string()];
        assert!(guest_can(&perms, "read"));
        assert!(guest_can(&perms, "create"));
        assert!(!guest_can(&["read(\"users\")".to_string()], "read"));
        assert!(is_valid_permission("read(\"any\")"));
        assert!(!is_valid_permission("read(any)"));
        assert!(!is_valid_permission("fly(\"any\")"));
    }
}
