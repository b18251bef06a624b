# Bucketdesk: `make run` opens the app, `make test` runs every check. Both install what a fresh Debian or
# Ubuntu machine lacks (scripts/install-deps.sh), so a developer's desktop and CI run the same commands.

CARGO ?= cargo
SDK_CHECK := crates/sandbox/sdk-check

.PHONY: run test bench deps test-deps lint unit-ui cargo-tests test-package sdk-check sandbox bundle icons clean

run: deps
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "bucketdesk: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run this from a desktop session."; exit 1; fi
	$(CARGO) run -p bucketdesk

test: test-deps lint unit-ui cargo-tests test-package

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test
	@cd $(SDK_CHECK) && npm ci --no-audit --no-fund --loglevel=error

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

unit-ui:
	node --test ui/tests/*.test.mjs

# Every cargo test (unit, client against sandbox, keychain, mock-runtime commands, WebDriver on the real
# window), then the official Appwrite SDK against the sandbox binary that build produced.
cargo-tests:
	scripts/headless.sh bash -c '$(CARGO) test --workspace --locked && \
	  APPWRITE_SANDBOX_BIN="$${CARGO_TARGET_DIR:-$$PWD/target}/debug/appwrite-sandbox" node --test $(SDK_CHECK)/sdk.test.mjs'

# The .deb as a user gets it, last: built, installed with apt-get, opened from its desktop entry in a
# fresh home and driven through WebDriver, then removed; nothing of it may stay under /usr (needs root).
test-package: deps
	scripts/test-package.sh

# Figures from optimized builds, to compare between changes: the work the app leans on (demo start, a
# 10,000-file walk, a page, token create/delete, peak memory), then Bucketdesk against an empty Tauri
# app built in the same run (launch to the first screen, memory, binary and .deb size), then the real
# window on the 10,000-file bucket (paging to the end, frame times, rows in the DOM, memory). Both apps
# are built as the installers build them (Tauri's custom-protocol feature: no dev server).
bench: deps
	@scripts/install-deps.sh test
	$(CARGO) bench -p appwrite-rest --bench listing --locked
	$(CARGO) bench -p bucketdesk-core --bench folders --locked
	$(CARGO) build --release -p appwrite-sandbox --locked
	$(CARGO) bench -p bucketdesk-core --bench transfers --locked
	$(CARGO) build --release -p bucketdesk -p hello-tauri --features tauri/custom-protocol --locked
	BUCKETDESK_APP="$${CARGO_TARGET_DIR:-$$PWD/target}/release/bucketdesk" \
	  HELLO_APP="$${CARGO_TARGET_DIR:-$$PWD/target}/release/hello-tauri" \
	  scripts/headless.sh $(CARGO) bench -p bucketdesk-e2e --bench start --bench scroll --locked

# The local Appwrite on its own, seeded with the demo project: prints its endpoint and key.
sandbox:
	$(CARGO) run -p appwrite-sandbox -- --seed demo

# Installers for this platform, offline: on Linux a .deb and an .rpm (the Tauri CLI is the prebuilt npm
# package at the tauri crate's version in Cargo.lock; scripts/bundle.sh installs it).
bundle: deps
	scripts/bundle.sh

# Re-render the icon set from icons/icon.svg (needs rsvg-convert from librsvg2-bin). Done once; committed.
icons:
	rsvg-convert -w 1024 -h 1024 icons/icon.svg -o icons/icon-1024.png
	scripts/bundle.sh cli icon icons/icon-1024.png -o icons
	rm -rf icons/android icons/ios icons/icon-1024.png
	cp icons/icon.svg ui/icon.svg

clean:
	$(CARGO) clean
