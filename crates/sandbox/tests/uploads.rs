//! Uploads and file content: chunked uploads in parallel and out of order, resume, content-range
//! errors, Range requests, downloads, and previews; chunks held at a test's word.

mod common;

use common::{assert_error, send, Api};
use reqwest::Method;
use serde_json::json;

const CHUNK: usize = 5 * 1024 * 1024;

fn pattern(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i / 7919) as u8)
        .collect()
}

fn md5_of(api_sig: &serde_json::Value, data: &[u8]) {
    use md5::{Digest, Md5};
    let want: String = Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(api_sig.as_str().unwrap(), want);
}

#[tokio::test]
async fn chunks_after_a_files_first_wait_while_held_and_are_then_dropped_unanswered() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let data = pattern(CHUNK + 100);
    api.sb.hold_upload_chunks(true);
    let (s, first) = api
        .upload_chunk("b", "held", None, "big.bin", &data, 0)
        .await;
    assert_eq!(s, 201, "a file's first chunk is not held: {first}");
    let second = api
        .chunk_request("b", "held", Some("held"), None, "big.bin", &data, 1)
        .send();
    tokio::pin!(second);
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(300), &mut second)
            .await
            .is_err(),
        "the second chunk waits"
    );
    api.sb.hold_upload_chunks(false);
    assert!(
        second.await.is_err(),
        "the held chunk is dropped unanswered"
    );
    let (_, file) = api.get("/storage/buckets/b/files/held").await;
    assert_eq!(file["chunksUploaded"], 1, "and never carried out: {file}");
    let (s, done) = api
        .upload_chunk("b", "held", Some("held"), "big.bin", &data, 1)
        .await;
    assert_eq!(s, 201, "the next one goes through: {done}");
    assert_eq!(done["chunksUploaded"], 2, "{done}");
}

#[tokio::test]
async fn chunks_after_the_first_may_come_in_parallel_and_out_of_order() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let data = pattern(3 * CHUNK + 777);
    let (s, first) = api
        .upload_chunk("b", "unique()", None, "big.bin", &data, 0)
        .await;
    assert_eq!(s, 201, "{first}");
    let id = first["$id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 20);
    assert_eq!(
        (
            first["chunksTotal"].as_u64(),
            first["chunksUploaded"].as_u64()
        ),
        (Some(4), Some(1))
    );
    assert_eq!(first["signature"], "");
    assert_eq!(first["mimeType"], "");

    // Listed while unfinished.
    let (_, list) = api.list("/storage/buckets/b/files", &[]).await;
    assert_eq!(list["files"][0]["chunksUploaded"], 1);
    // Content of an unfinished file is not served.
    let (s, _) = send(api.req(Method::GET, &format!("/storage/buckets/b/files/{id}/view"))).await;
    assert_eq!(s, 404);

    let (a, b, c) = tokio::join!(
        api.upload_chunk("b", "unique()", Some(&id), "big.bin", &data, 3),
        api.upload_chunk("b", "unique()", Some(&id), "big.bin", &data, 1),
        api.upload_chunk("b", "unique()", Some(&id), "big.bin", &data, 2),
    );
    let answers = [a, b, c];
    assert!(answers.iter().all(|(s, _)| *s == 201), "{answers:?}");
    let complete = answers
        .iter()
        .filter(|(_, f)| f["chunksUploaded"] == 4)
        .count();
    assert!(complete >= 1);

    let (s, f) = api.get(&format!("/storage/buckets/b/files/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(
        (f["chunksTotal"].as_u64(), f["chunksUploaded"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(f["sizeOriginal"].as_u64(), Some(data.len() as u64));
    assert_eq!(f["mimeType"], "application/octet-stream");
    md5_of(&f["signature"], &data);
    let r = api
        .req(
            Method::GET,
            &format!("/storage/buckets/b/files/{id}/download"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), data.as_slice());
    assert_eq!(api.sb.stats().files_created, 1);

    // A finished file cannot be uploaded again.
    let (s, e) = api
        .upload_chunk("b", "x", Some(&id), "big.bin", &data, 1)
        .await;
    assert_error(s, &e, 409, "storage_file_already_exists");
    assert!(common::validate_recorded(&api.sb) >= 6);
}

#[tokio::test]
async fn resume_continues_from_the_uploaded_chunks() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let data = pattern(2 * CHUNK + 10);
    let (s, _) = api
        .upload_chunk("b", "resumable", None, "r.bin", &data, 0)
        .await;
    assert_eq!(s, 201);
    // "Crash": the client comes back, asks how far it got, and continues.
    let (_, f) = api.get("/storage/buckets/b/files/resumable").await;
    let done = f["chunksUploaded"].as_u64().unwrap() as usize;
    assert_eq!(done, 1);
    for i in done..f["chunksTotal"].as_u64().unwrap() as usize {
        let (s, f) = api
            .upload_chunk("b", "resumable", Some("resumable"), "r.bin", &data, i)
            .await;
        assert_eq!(s, 201, "{f}");
    }
    // A chunk sent twice is counted once.
    let (_, f) = api.get("/storage/buckets/b/files/resumable").await;
    assert_eq!(f["chunksUploaded"], 3);
    md5_of(&f["signature"], &data);
}

#[tokio::test]
async fn bad_content_range_and_upload_id() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let form = || {
        reqwest::multipart::Form::new().text("fileId", "x").part(
            "file",
            reqwest::multipart::Part::bytes(vec![1u8; 10]).file_name("x.bin"),
        )
    };
    let path = "/storage/buckets/b/files";
    for range in [
        "bytes 0-9",
        "bytes 3-12/100",
        "bytes 0-9/5",
        "chunks 0-9/10",
        "bytes 0-8/10",
    ] {
        let (s, b) = send(
            api.req(Method::POST, path)
                .header("Content-Range", range)
                .multipart(form()),
        )
        .await;
        assert_error(s, &b, 400, "storage_invalid_content_range");
    }
    let (s, b) = send(
        api.req(Method::POST, path)
            .header("Content-Range", "bytes 0-9/10")
            .header("x-appwrite-id", "unique()")
            .multipart(form()),
    )
    .await;
    assert_error(s, &b, 400, "storage_invalid_appwrite_id");
    let no_file = reqwest::multipart::Form::new().text("fileId", "x");
    let (s, b) = send(api.req(Method::POST, path).multipart(no_file)).await;
    assert_error(s, &b, 400, "storage_file_empty");
    let no_id = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![1u8]).file_name("a"),
    );
    let (s, b) = send(api.req(Method::POST, path).multipart(no_id)).await;
    assert_error(s, &b, 400, "general_argument_invalid");
}

#[tokio::test]
async fn range_requests_give_206_or_416() {
    let api = Api::empty().await;
    api.create_bucket("b", json!({})).await;
    let data: Vec<u8> = (0..100u8).collect();
    api.upload("b", "f", "f.bin", data.clone()).await;
    let path = "/storage/buckets/b/files/f/view";
    for (range, start, end) in [
        ("bytes=0-9", 0, 9),
        ("bytes=90-", 90, 99),
        ("bytes=-5", 95, 99),
        ("bytes=10-10", 10, 10),
    ] {
        let r = api
            .req(Method::GET, path)
            .header("Range", range)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 206, "{range}");
        assert_eq!(
            r.headers()["content-range"],
            format!("bytes {start}-{end}/100")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), &data[start..=end]);
    }
    for range in [
        "bytes=50-10",
        "bytes=0-100",
        "bytes=200-",
        "lines=0-1",
        "bytes=0-1,4-5",
    ] {
        let (s, b) = send(api.req(Method::GET, path).header("Range", range)).await;
        assert_error(s, &b, 416, "storage_invalid_range");
    }
    let r = api
        .req(Method::GET, "/storage/buckets/b/files/f/download")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"f.bin\""
    );
    assert_eq!(r.bytes().await.unwrap().len(), 100);
}

fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_pixel(w, h, image::Rgba([200, 10, 10, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn previews_transform_images_and_draw_icons() {
    let api = Api::empty().await;
    api.create_bucket("img", json!({})).await;
    api.create_bucket("plain", json!({"transformations": false}))
        .await;
    api.upload("img", "p", "p.png", tiny_png(40, 20)).await;
    api.upload("img", "t", "t.txt", b"text".to_vec()).await;
    api.upload("plain", "p", "p.png", tiny_png(4, 4)).await;

    let get = |q: &'static str| {
        let api = &api;
        async move {
            let r = api
                .req(
                    Method::GET,
                    &format!("/storage/buckets/img/files/p/preview?{q}"),
                )
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let ct = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, ct, r.bytes().await.unwrap())
        }
    };
    let (s, ct, bytes) = get("width=10").await;
    assert_eq!((s, ct.as_str()), (200, "image/png"));
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (10, 5));
    let (s, ct, bytes) = get("width=8&height=8&output=jpg&quality=50").await;
    assert_eq!((s, ct.as_str()), (200, "image/jpeg"));
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 8);
    for (q, want) in [
        ("output=webp", "image/webp"),
        ("output=gif", "image/gif"),
        ("output=avif", "image/png"),
    ] {
        let (s, ct, _) = get(q).await;
        assert_eq!((s, ct.as_str()), (200, want), "{q}");
    }
    let (s, _, body) = get("width=4001").await;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_error(s, &body, 400, "general_argument_invalid");
    let (s, _, body) = get("output=bmp").await;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_error(s, &body, 400, "general_argument_invalid");

    let r = api
        .req(Method::GET, "/storage/buckets/img/files/t/preview")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(
        image::load_from_memory(&r.bytes().await.unwrap()).is_ok(),
        "icon for non-images"
    );

    let (s, b) = send(api.req(Method::GET, "/storage/buckets/plain/files/p/preview")).await;
    assert_error(s, &b, 403, "storage_bucket_transformations_disabled");
}
