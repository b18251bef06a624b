//! A small W3C WebDriver client over reqwest: just the calls the tests use.

use crate::wait;
use base64::Engine;
use serde_json::{json, Value};
use std::time::Duration;

/// WebDriver's codes for special keys.
pub mod keys {
    pub const CONTROL: &str = "\u{E009}";
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SHIFT: &str = "\u{E008}";
    pub const F10: &str = "\u{E03A}";
    pub const ARROW_DOWN: &str = "\u{E015}";
    pub const DELETE: &str = "\u{E017}";
    pub const F5: &str = "\u{E035}";
    pub const TAB: &str = "\u{E004}";
    pub const END: &str = "\u{E010}";
    pub const HOME: &str = "\u{E011}";
    pub const BACKSPACE: &str = "\u{E003}";
    pub const ALT: &str = "\u{E00A}";
    pub const ARROW_UP: &str = "\u{E013}";
}

/// Finds a control by its accessible name (see [`Session::control`]).
const FIND_CONTROL: &str = r#"
const [name, fieldsOnly] = arguments;
const scope = document.querySelector('dialog[open]') ?? document;
const selector = fieldsOnly ? 'input, select, textarea' : 'button, input, select, textarea, [role=button], [role=option]';
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
for (const el of scope.querySelectorAll(selector)) {
  if (el.getAttribute('aria-label') === name) return el;
  if (el.labels && [...el.labels].some((l) => norm(l.textContent) === name)) return el;
  if ((el.tagName === 'BUTTON' || el.getAttribute('role')) && norm(el.textContent) === name) return el;
}
return null;
"#;

/// The W3C key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An open WebDriver session.
pub struct Session {
    http: reqwest::Client,
    base: String,
    id: String,
}

/// Where a window is and how big, in screen pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowRect {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

impl WindowRect {
    fn from_json(value: &Value) -> Result<WindowRect, String> {
        let int = |key: &str| value[key].as_f64().map(|v| v.round() as i64);
        match (int("x"), int("y"), int("width"), int("height")) {
            (Some(x), Some(y), Some(width), Some(height)) => Ok(WindowRect {
                x,
                y,
                width,
                height,
            }),
            _ => Err(format!("not a window rect: {value}")),
        }
    }
}

/// A reference to an element in the page.
#[derive(Debug, Clone)]
pub struct Element {
    id: String,
}

impl Session {
    /// Opens a session on the driver at `driver_url` with the given capabilities.
    pub async fn open(driver_url: &str, capabilities: Value) -> Result<Session, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let value = send(http.post(format!("{driver_url}/session")).json(&body)).await?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no sessionId in {value}"))?
            .to_string();
        Ok(Session {
            http,
            base: driver_url.to_string(),
            id,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        send(self.http.post(self.url(path)).json(&body)).await
    }

    async fn get(&self, path: &str) -> Result<Value, String> {
        send(self.http.get(self.url(path))).await
    }

    /// The first element matching a CSS selector, if any.
    pub async fn find(&self, css: &str) -> Result<Option<Element>, String> {
        let found = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .await?;
        Ok(found
            .as_array()
            .and_then(|all| all.first())
            .and_then(|e| e[ELEMENT_KEY].as_str())
            .map(|id| Element { id: id.to_string() }))
    }

    /// Waits until an element matching `css` exists, or fails after `timeout`.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element, String> {
        let what = format!("an element matching {css:?}");
        wait::until(&what, timeout, || async move {
            self.find(css).await?.ok_or_else(|| String::from("none"))
        })
        .await
    }

    /// Waits until `css` matches an element whose text satisfies `accept`; returns that text.
    pub async fn wait_for_text(
        &self,
        css: &str,
        timeout: Duration,
        accept: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let accept = &accept;
        let what = format!("{css:?} to show the expected text");
        wait::until(&what, timeout, || async move {
            let element = self.find(css).await?.ok_or("no such element")?;
            let text = self.text(&element).await?;
            if accept(&text) {
                Ok(text)
            } else {
                Err(format!("{text:?}"))
            }
        })
        .await
    }

    /// The rendered text of an element.
    pub async fn text(&self, element: &Element) -> Result<String, String> {
        let value = self.get(&format!("/element/{}/text", element.id)).await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Clicks an element.
    pub async fn click(&self, element: &Element) -> Result<(), String> {
        // Brought into view inside its own scrolling pane first: WebKitWebDriver scrolls only the
        // page, so a row below the fold of a scrolled list was clicked where it was not.
        let mut arg = serde_json::Map::new();
        arg.insert(ELEMENT_KEY.to_string(), Value::String(element.id.clone()));
        self.execute(
            "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' }); return true;",
            vec![Value::Object(arg)],
        )
        .await?;
        self.post(&format!("/element/{}/click", element.id), json!({}))
            .await
            .map(|_| ())
    }

    /// Presses the right mouse button in the middle of an element and holds it: the page gets its
    /// `contextmenu` event on the press, as GTK sends it. Call [`Session::release_buttons`] after
    /// looking at what opened: WebKitWebDriver reports the right button's release as a left
    /// `mouseup` and `click`, which a real right click never sends and which would close a menu.
    pub async fn context_click(&self, element: &Element) -> Result<(), String> {
        let mut origin = serde_json::Map::new();
        origin.insert(ELEMENT_KEY.to_string(), Value::String(element.id.clone()));
        let actions = json!([
            {"type": "pointerMove", "origin": origin, "x": 0, "y": 0},
            {"type": "pointerDown", "button": 2}
        ]);
        self.post(
            "/actions",
            json!({"actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": actions
            }]}),
        )
        .await
        .map(|_| ())
    }

    /// Double-clicks in the middle of an element with the left button, as one gesture (two
    /// presses and releases in a row, the page's second `click` with `detail` 2).
    pub async fn double_click(&self, element: &Element) -> Result<(), String> {
        let mut arg = serde_json::Map::new();
        arg.insert(ELEMENT_KEY.to_string(), Value::String(element.id.clone()));
        self.execute(
            "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' }); return true;",
            vec![Value::Object(arg.clone())],
        )
        .await?;
        let actions = json!([
            {"type": "pointerMove", "origin": arg, "x": 0, "y": 0},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}
        ]);
        self.post(
            "/actions",
            json!({"actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": actions
            }]}),
        )
        .await?;
        self.release_buttons().await
    }

    /// Moves the mouse pointer to `(x, y)` of the window's viewport (CSS pixels), as a person
    /// aiming at what is shown there, without clicking.
    pub async fn move_pointer(&self, x: i64, y: i64) -> Result<(), String> {
        self.pointer_actions(json!([
            {"type": "pointerMove", "origin": "viewport", "x": x, "y": y}
        ]))
        .await
    }

    /// Clicks the left button at `(x, y)` of the window's viewport: whatever is there now gets the
    /// click, wherever it was when the point was chosen.
    pub async fn click_at(&self, x: i64, y: i64) -> Result<(), String> {
        self.pointer_actions(json!([
            {"type": "pointerMove", "origin": "viewport", "x": x, "y": y},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}
        ]))
        .await?;
        self.release_buttons().await
    }

    async fn pointer_actions(&self, actions: Value) -> Result<(), String> {
        self.post(
            "/actions",
            json!({"actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": actions
            }]}),
        )
        .await
        .map(|_| ())
    }

    /// Releases every key and button an earlier action left pressed.
    pub async fn release_buttons(&self) -> Result<(), String> {
        self.send_delete("/actions").await
    }

    /// Types text into an element (after focusing it), as a user would.
    pub async fn type_text(&self, element: &Element, text: &str) -> Result<(), String> {
        self.post(
            &format!("/element/{}/value", element.id),
            json!({"text": text}),
        )
        .await
        .map(|_| ())
    }

    /// Clears an input.
    pub async fn clear(&self, element: &Element) -> Result<(), String> {
        self.post(&format!("/element/{}/clear", element.id), json!({}))
            .await
            .map(|_| ())
    }

    /// Presses a key chord on whatever has focus, e.g. `&[keys::CONTROL, "k"]`: all keys go down in
    /// order, then come up in reverse.
    pub async fn press(&self, chord: &[&str]) -> Result<(), String> {
        let mut actions: Vec<Value> = chord
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            chord
                .iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await?;
        self.send_delete("/actions").await
    }

    /// Presses `keys` one after another (each down, then up) on whatever has focus, in a single
    /// request, as fast as a person typing ahead of the app: e.g. `&["/", "p", keys::ENTER]`.
    pub async fn type_keys(&self, keys: &[&str]) -> Result<(), String> {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await?;
        self.send_delete("/actions").await
    }

    async fn send_delete(&self, path: &str) -> Result<(), String> {
        send(self.http.delete(self.url(path))).await.map(|_| ())
    }

    /// The control a person would call `name`: a button, input or select whose `aria-label`,
    /// `<label>` or button text is `name`, inside the open dialog when there is one.
    pub async fn control(&self, name: &str) -> Result<Option<Element>, String> {
        self.find_named(name, false).await
    }

    /// The form field (input, select, textarea) labelled `name`, inside the open dialog if any.
    pub async fn field(&self, name: &str) -> Result<Option<Element>, String> {
        self.find_named(name, true).await
    }

    async fn find_named(&self, name: &str, fields_only: bool) -> Result<Option<Element>, String> {
        let value = self
            .execute(FIND_CONTROL, vec![json!(name), json!(fields_only)])
            .await?;
        Ok(value[ELEMENT_KEY]
            .as_str()
            .map(|id| Element { id: id.to_string() }))
    }

    /// Waits for the control named `name` (see [`Session::control`]).
    pub async fn wait_control(&self, name: &str, timeout: Duration) -> Result<Element, String> {
        self.wait_named(name, false, timeout).await
    }

    /// Waits for the form field labelled `name` (see [`Session::field`]).
    pub async fn wait_field(&self, name: &str, timeout: Duration) -> Result<Element, String> {
        self.wait_named(name, true, timeout).await
    }

    async fn wait_named(
        &self,
        name: &str,
        fields_only: bool,
        timeout: Duration,
    ) -> Result<Element, String> {
        let what = format!("a control named {name:?}");
        // While the page is still settling WebKit may refuse a script; that is "not yet", not failure.
        wait::until(&what, timeout, || async move {
            self.find_named(name, fields_only)
                .await?
                .ok_or_else(|| String::from("none"))
        })
        .await
    }

    /// Waits until `script` (a function body returning a value) returns something truthy; returns
    /// it.
    pub async fn wait_until(
        &self,
        what: &str,
        script: &str,
        args: Vec<Value>,
        timeout: Duration,
    ) -> Result<Value, String> {
        let args = &args;
        wait::until(what, timeout, || async move {
            let value = self.execute(script, args.clone()).await?;
            if truthy(&value) {
                Ok(value)
            } else {
                Err(value.to_string())
            }
        })
        .await
    }

    /// Runs a script in the page and returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    /// Waits until the page has painted twice more, so a screenshot shows the DOM as it is now and
    /// not the previous frame.
    pub async fn settle(&self) -> Result<(), String> {
        let script = "const done = arguments[arguments.length - 1];\n\
                      requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.post("/execute/async", json!({"script": script, "args": []}))
            .await
            .map(|_| ())
    }

    /// The window's title.
    pub async fn title(&self) -> Result<String, String> {
        Ok(self
            .get("/title")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The window's place and size on screen.
    pub async fn window_rect(&self) -> Result<WindowRect, String> {
        WindowRect::from_json(&self.get("/window/rect").await?)
    }

    /// Moves and resizes the window, as a user dragging it would; answers where it ended up.
    pub async fn set_window_rect(&self, rect: WindowRect) -> Result<WindowRect, String> {
        let body = json!({"x": rect.x, "y": rect.y, "width": rect.width, "height": rect.height});
        WindowRect::from_json(&self.post("/window/rect", body).await?)
    }

    /// A PNG screenshot of the window.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        let value = self.get("/screenshot").await?;
        let encoded = value.as_str().ok_or("the screenshot was not a string")?;
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| format!("the screenshot was not base64: {e}"))
    }

    /// Ends the session (closes the app).
    pub async fn close(self) -> Result<(), String> {
        send(self.http.delete(self.url(""))).await.map(|_| ())
    }
}

/// Whether a script's answer counts as "yes", as JavaScript would see it.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

async fn send(request: reqwest::RequestBuilder) -> Result<Value, String> {
    let response = request
        .send()
        .await
        .map_err(|e| format!("WebDriver: {e}"))?;
    let status = response.status();
    let body: Value = response
        .json()
        .await
        .map_err(|e| format!("WebDriver answered non-JSON ({status}): {e}"))?;
    if !status.is_success() {
        return Err(format!("WebDriver error {status}: {}", body["value"]));
    }
    Ok(body["value"].clone())
}
