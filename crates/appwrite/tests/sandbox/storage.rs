//! Buckets and files: list/get/create/delete, queries, search, total=0, streams, download, view
//! with Range, preview.

use std::io::Cursor;

use appwrite_rest::{
    ByteRange, FileUpload, ImageFormat, ListOptions, NewBucket, PreviewOptions, Query,
};
use futures_util::TryStreamExt;

use crate::common;

#[tokio::test]
async fn buckets_are_created_listed_searched_fetched_and_deleted() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    let buckets = client.buckets();

    let mut photos = NewBucket::new("photos", "Holiday photos");
    photos.maximum_file_size = Some(10_000_000);
    photos.allowed_file_extensions = Some(vec!["png".into(), "jpg".into()]);
    photos.transformations = Some(true);
    let created = buckets.create(&photos).await.unwrap();
    assert_eq!(created.id, "photos");
    assert_eq!(created.name, "Holiday photos");
    assert_eq!(created.maximum_file_size, 10_000_000);
    assert_eq!(created.allowed_file_extensions, ["png", "jpg"]);
    let generated = buckets
        .create(&NewBucket::new("unique()", "Reports"))
        .await
        .unwrap();
    assert_eq!(generated.id.len(), 20, "server ids are 20 hex chars");
    buckets
        .create(&NewBucket::new("archive", "Archive"))
        .await
        .unwrap();

    let page = buckets.list(&ListOptions::new()).await.unwrap();
    assert_eq!(page.total, 3);
    let ids: Vec<&str> = page.items.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["photos", generated.id.as_str(), "archive"],
        "creation order"
    );

    let limited = buckets
        .list(&ListOptions::new().limit(1).offset(1))
        .await
        .unwrap();
    assert_eq!(limited.total, 3);
    assert_eq!(limited.items.len(), 1);
    assert_eq!(limited.items[0].id, generated.id);

    let ordered = buckets
        .list(&ListOptions::new().query(Query::order_desc("name")))
        .await
        .unwrap();
    assert_eq!(ordered.items[0].name, "Reports");

    let found = buckets
        .list(&ListOptions::new().search("holi"))
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].id, "photos");

    let uncounted = buckets
        .list(&ListOptions::new().total(false))
        .await
        .unwrap();
    assert_eq!(uncounted.total, 0);
    assert_eq!(uncounted.items.len(), 3);

    let equal = buckets
        .list(&ListOptions::new().query(Query::equal("name", "Archive")))
        .await
        .unwrap();
    assert_eq!(equal.items.len(), 1);

    let streamed: Vec<String> = buckets
        .stream(ListOptions::new(), 2)
        .map_ok(|b| b.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed.len(), 3);

    let fetched = buckets.get("photos").await.unwrap();
    assert_eq!(fetched, created);

    buckets.delete("archive").await.unwrap();
    let err = buckets.get("archive").await.unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_bucket_not_found"));
    assert_eq!(buckets.list(&ListOptions::new()).await.unwrap().total, 2);

    common::finish(sandbox).await;
}

#[tokio::test]
async fn files_are_uploaded_listed_filtered_fetched_downloaded_and_deleted() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "docs").await;
    let files = client.files("docs");

    let readme = files
        .create(FileUpload::from_bytes(
            "readme",
            "README.txt",
            b"hello bucketdesk\n".to_vec(),
        ))
        .await
        .unwrap();
    assert_eq!(readme.id, "readme");
    assert_eq!(readme.bucket_id, "docs");
    assert_eq!(readme.size_original, 17);
    assert_eq!(readme.chunks_total, 1);
    assert_eq!(readme.chunks_uploaded, 1);
    assert_eq!(readme.signature, common::md5_hex(b"hello bucketdesk\n"));
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let data = files
        .create(FileUpload::from_bytes(
            "unique()",
            "data.bin",
            bytes.clone(),
        ))
        .await
        .unwrap();
    assert_eq!(data.size_original, 200_000);

    let page = files.list(&ListOptions::new()).await.unwrap();
    assert_eq!(page.total, 2);
    let small = files
        .list(&ListOptions::new().query(Query::less_than("sizeOriginal", 100)))
        .await
        .unwrap();
    assert_eq!(small.items.len(), 1);
    assert_eq!(small.items[0].id, "readme");
    let by_name = files
        .list(&ListOptions::new().query(Query::ends_with("name", ".bin")))
        .await
        .unwrap();
    assert_eq!(by_name.items[0].id, data.id);
    let searched = files
        .list(&ListOptions::new().search("READ"))
        .await
        .unwrap();
    assert_eq!(searched.items.len(), 1);
    let between = files
        .list(&ListOptions::new().query(Query::between("sizeOriginal", 1, 1_000_000)))
        .await
        .unwrap();
    assert_eq!(between.items.len(), 2);
    let others = files
        .list(&ListOptions::new().query(Query::not_equal("name", "README.txt")))
        .await
        .unwrap();
    assert_eq!(others.items.len(), 1);
    assert_eq!(others.items[0].id, data.id);
    let big = files
        .list(&ListOptions::new().query(Query::greater_than_equal("sizeOriginal", 200_000)))
        .await
        .unwrap();
    assert_eq!(big.items.len(), 1);
    let prefixed = files
        .list(&ListOptions::new().query(Query::starts_with("name", "READ")))
        .await
        .unwrap();
    assert_eq!(prefixed.items[0].id, "readme");
    let before = files
        .list(&ListOptions::new().query(Query::cursor_before(data.id.clone())))
        .await
        .unwrap();
    assert_eq!(before.items.len(), 1);
    assert_eq!(before.items[0].id, "readme");
    let signed = files
        .list(&ListOptions::new().query(Query::is_not_null("signature")))
        .await
        .unwrap();
    assert_eq!(signed.items.len(), 2);

    assert_eq!(files.get("readme").await.unwrap(), readme);

    let mut sink = Vec::new();
    let transfer = files.download(&data.id, &mut sink).await.unwrap();
    assert_eq!(transfer.status, 200);
    assert_eq!(transfer.bytes_written, 200_000);
    assert_eq!(sink, bytes);
    assert!(transfer
        .content_disposition
        .as_deref()
        .is_some_and(|d| d.starts_with("attachment")));

    let mut whole = Cursor::new(Vec::new());
    let view = files.view("readme", None, &mut whole).await.unwrap();
    assert_eq!(view.status, 200);
    assert_eq!(whole.into_inner(), b"hello bucketdesk\n");
    let held = files.view_bytes("readme").await.unwrap();
    assert_eq!(&held[..], b"hello bucketdesk\n");
    assert!(view
        .content_disposition
        .as_deref()
        .is_some_and(|d| d.starts_with("inline")));

    let mut part = Vec::new();
    let ranged = files
        .view(&data.id, Some(ByteRange::new(1000, 1999)), &mut part)
        .await
        .unwrap();
    assert_eq!(ranged.status, 206);
    assert_eq!(
        ranged.content_range.as_deref(),
        Some("bytes 1000-1999/200000")
    );
    assert_eq!(part, &bytes[1000..2000]);

    let err = files
        .view(
            &data.id,
            Some(ByteRange::from_offset(500_000)),
            &mut Vec::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_invalid_range"));
    assert_eq!(err.status(), Some(416));

    let err = files
        .create(FileUpload::from_bytes("readme", "again.txt", b"x".to_vec()))
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some("storage_file_already_exists"));

    files.delete("readme").await.unwrap();
    assert_eq!(
        files.get("readme").await.unwrap_err().api_kind(),
        Some("storage_file_not_found")
    );
    assert_eq!(files.list(&ListOptions::new()).await.unwrap().total, 1);

    common::finish(sandbox).await;
}

/// A 64x48 RGBA PNG.
fn png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(64, 48, |x, y| {
        image::Rgba([x as u8 * 4, y as u8 * 5, 90, 255])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn previews_are_transformed_images() {
    let sandbox = common::start(common::config()).await;
    let client = common::client(&sandbox);
    common::bucket(&client, "pics").await;
    let files = client.files("pics");
    files
        .create(FileUpload::from_bytes("pic", "pic.png", png()).mime_type("image/png"))
        .await
        .unwrap();

    let bytes = files
        .preview(
            "pic",
            &PreviewOptions::new().size(32, 24).output(ImageFormat::Png),
        )
        .await
        .unwrap();
    let decoded = image::load_from_memory(&bytes).expect("the preview is an image");
    assert_eq!((decoded.width(), decoded.height()), (32, 24));

    let plain = files.preview("pic", &PreviewOptions::new()).await.unwrap();
    assert!(image::load_from_memory(&plain).is_ok());

    let mut plain = NewBucket::new("plain", "No transformations");
    plain.transformations = Some(false);
    client.buckets().create(&plain).await.unwrap();
    common::small_file(&client, "plain", "p", "p.png", &png()).await;
    let err = client
        .files("plain")
        .preview("p", &PreviewOptions::new())
        .await
        .unwrap_err();
    assert_eq!(
        err.api_kind(),
        Some("storage_bucket_transformations_disabled")
    );
    assert_eq!(err.status(), Some(403));

    common::finish(sandbox).await;
}
