//! Integration tests of `appwrite-rest` against `appwrite-sandbox` over real HTTP on loopback;
//! every recorded JSON answer is checked against the OpenAPI spec.

mod common;
mod errors;
mod faults;
mod folders;
mod scale;
mod storage;
mod tokens;
mod uploads;
