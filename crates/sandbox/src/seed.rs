//! The demo seed: stable IDs (public, for tests and docs) and the code that fills a new store.
//!
//! Buckets: photos (PNG + JPEG, extension-limited), documents (PDF, text, CSV, zip), a public
//! bucket (`read("any")`), a private vault (file security on, transformations off) and a scale
//! bucket of exactly 10,000 small text files whose bytes are made on demand. Tokens cover every
//! state: never expiring, expiring in months, expiring within 14 days, expired, used and unused.
//! Dates are relative to the moment of seeding.

use chrono::{DateTime, Duration, Utc};

use crate::model::{Bucket, Content, FileDoc, Token};
use crate::state::Tables;
use crate::{demo_content as content, mime, time};

pub const PHOTOS_BUCKET_ID: &str = "photos";
pub const DOCUMENTS_BUCKET_ID: &str = "documents";
pub const PUBLIC_BUCKET_ID: &str = "public-assets";
/// File security on, no bucket permissions, transformations disabled (preview answers 403).
pub const PRIVATE_BUCKET_ID: &str = "private-vault";
pub const SCALE_BUCKET_ID: &str = "scale-10k";
pub const SCALE_FILE_COUNT: usize = 10_000;
pub const BUCKET_IDS: [&str; 5] = [
    PHOTOS_BUCKET_ID,
    DOCUMENTS_BUCKET_ID,
    PUBLIC_BUCKET_ID,
    PRIVATE_BUCKET_ID,
    SCALE_BUCKET_ID,
];

/// In [`PHOTOS_BUCKET_ID`].
pub const SUNSET_PNG_FILE_ID: &str = "sunset-png";
pub const MOUNTAINS_JPG_FILE_ID: &str = "mountains-jpg";
/// In [`DOCUMENTS_BUCKET_ID`].
pub const REPORT_PDF_FILE_ID: &str = "report-pdf";
pub const NOTES_TXT_FILE_ID: &str = "notes-txt";
pub const SALES_CSV_FILE_ID: &str = "sales-csv";
pub const ARCHIVE_ZIP_FILE_ID: &str = "archive-zip";
/// In [`PUBLIC_BUCKET_ID`].
pub const LOGO_PNG_FILE_ID: &str = "logo-png";
pub const WELCOME_TXT_FILE_ID: &str = "welcome-txt";
/// In [`PRIVATE_BUCKET_ID`]; no file permissions.
pub const VAULT_NOTE_FILE_ID: &str = "vault-note-txt";

/// On the sunset photo: never expires, never used.
pub const TOKEN_NEVER_EXPIRES: &str = "tok-never-expires";
/// On the sunset photo: expires in about four months, used.
pub const TOKEN_EXPIRES_IN_MONTHS: &str = "tok-expires-in-months";
/// On the sunset photo: made 28 days ago, expires in 5 (under a fifth of its life left), never
/// used.
pub const TOKEN_EXPIRES_SOON: &str = "tok-expires-soon";
/// On the sunset photo: expired 3 days ago, was used.
pub const TOKEN_EXPIRED: &str = "tok-expired";
/// On the mountains photo: expired 40 days ago, never used.
pub const TOKEN_EXPIRED_UNUSED: &str = "tok-expired-unused";
/// On the report PDF: never expires, used yesterday.
pub const TOKEN_REPORT_SHARED: &str = "tok-report-shared";
/// On the sales CSV: made 60 days ago, expires in 10 (under a fifth of its life left), used two
/// hours ago.
pub const TOKEN_SALES_SOON_USED: &str = "tok-sales-soon-used";
/// On the zip archive: expires in two months, never used.
pub const TOKEN_ARCHIVE_MONTHS: &str = "tok-archive-months";
/// On the vault note: never expires, never used (the only way in without a key).
pub const TOKEN_VAULT: &str = "tok-vault";
pub const TOKEN_IDS: [&str; 9] = [
    TOKEN_NEVER_EXPIRES,
    TOKEN_EXPIRES_IN_MONTHS,
    TOKEN_EXPIRES_SOON,
    TOKEN_EXPIRED,
    TOKEN_EXPIRED_UNUSED,
    TOKEN_REPORT_SHARED,
    TOKEN_SALES_SOON_USED,
    TOKEN_ARCHIVE_MONTHS,
    TOKEN_VAULT,
];

/// ID of scale file `index` (`0..SCALE_FILE_COUNT`): `scale-00000` ... `scale-09999`.
pub fn scale_file_id(index: usize) -> String {
    format!("scale-{index:05}")
}

/// Name of scale file `index`: `file-00000.txt` ...
pub fn scale_file_name(index: usize) -> String {
    format!("file-{index:05}.txt")
}

pub use crate::demo_content::scale_file_bytes;

/// File bytes the caller must put into the blob store: (bucket seq, file seq, bytes).
pub type Blob = (u64, u64, Vec<u8>);

struct Seeder<'a> {
    state: &'a mut Tables,
    now: DateTime<Utc>,
    blobs: Vec<Blob>,
}

impl Seeder<'_> {
    fn ago(&self, days: i64) -> DateTime<Utc> {
        self.now - Duration::days(days)
    }

    fn bucket(
        &mut self,
        id: &str,
        name: &str,
        days_ago: i64,
        edit: impl FnOnce(&mut Bucket),
    ) -> u64 {
        let at = self.ago(days_ago);
        let mut bucket = Bucket::new(id.into(), self.state.take_seq(), name.into(), at);
        edit(&mut bucket);
        let seq = bucket.seq;
        self.state.insert_bucket(bucket);
        seq
    }

    fn file(
        &mut self,
        bucket_id: &str,
        id: &str,
        name: &str,
        at: DateTime<Utc>,
        data: Vec<u8>,
        content: Content,
    ) -> u64 {
        let bucket_seq = self.state.bucket(bucket_id).map(|b| b.seq).unwrap_or(0);
        let seq = self.state.take_seq();
        let file = FileDoc {
            id: id.into(),
            seq,
            bucket_id: bucket_id.into(),
            bucket_seq,
            created_at: at,
            updated_at: at,
            permissions: Vec::new(),
            name: name.into(),
            folder: String::new(),
            signature: crate::routes::upload::md5_hex(&data),
            mime_type: mime::guess(&data, name),
            size: data.len() as u64,
            chunks_total: 1,
            chunks_uploaded: 1,
            received: Vec::new(),
            content,
        };
        self.state.file_table_mut(bucket_seq).insert(file);
        if content == Content::Stored {
            self.blobs.push((bucket_seq, seq, data));
        }
        seq
    }

    fn stored(&mut self, bucket_id: &str, id: &str, name: &str, days_ago: i64, data: Vec<u8>) {
        let at = self.ago(days_ago);
        self.file(bucket_id, id, name, at, data, Content::Stored);
    }

    fn token(
        &mut self,
        id: &str,
        bucket_id: &str,
        file_id: &str,
        days_ago: i64,
        expire_in_days: Option<i64>,
        used_days_ago: Option<Duration>,
    ) {
        let bucket = self.state.bucket(bucket_id).map(|b| b.seq).unwrap_or(0);
        let file = self
            .state
            .file_table(bucket)
            .and_then(|t| t.get(file_id))
            .map(|f| f.seq)
            .unwrap_or(0);
        let created = self.ago(days_ago);
        let token = Token {
            id: id.into(),
            seq: self.state.take_seq(),
            bucket_id: bucket_id.into(),
            bucket_seq: bucket,
            file_id: file_id.into(),
            file_seq: file,
            created_at: created,
            updated_at: created,
            expire: expire_in_days.map(|d| self.now + Duration::days(d)),
            accessed_at: used_days_ago.map(|d| self.now - d),
        };
        self.state.insert_token(token);
    }
}

/// Fills an empty state with the demo project; returns the bytes to store.
pub fn demo(state: &mut Tables) -> Vec<Blob> {
    let mut s = Seeder {
        state,
        now: time::now(),
        blobs: Vec::new(),
    };

    s.bucket(PHOTOS_BUCKET_ID, "Photos", 120, |b| {
        b.allowed_file_extensions = ["png", "jpg", "jpeg", "gif", "webp"]
            .map(String::from)
            .to_vec();
        b.maximum_file_size = 10_000_000;
    });
    s.bucket(DOCUMENTS_BUCKET_ID, "Documents", 110, |_| {});
    s.bucket(PUBLIC_BUCKET_ID, "Public assets", 100, |b| {
        b.permissions = vec!["read(\"any\")".into()];
        b.encryption = false;
    });
    s.bucket(PRIVATE_BUCKET_ID, "Private vault", 90, |b| {
        b.file_security = true;
        b.transformations = false;
        b.compression = "gzip".into();
    });
    s.bucket(SCALE_BUCKET_ID, "Scale test (10,000 files)", 80, |b| {
        b.antivirus = false;
    });

    s.stored(
        PHOTOS_BUCKET_ID,
        SUNSET_PNG_FILE_ID,
        "sunset.png",
        60,
        content::sunset_png(),
    );
    s.stored(
        PHOTOS_BUCKET_ID,
        MOUNTAINS_JPG_FILE_ID,
        "mountains.jpg",
        59,
        content::mountains_jpeg(),
    );
    s.stored(
        DOCUMENTS_BUCKET_ID,
        REPORT_PDF_FILE_ID,
        "quarterly-report.pdf",
        58,
        content::report_pdf(),
    );
    s.stored(
        DOCUMENTS_BUCKET_ID,
        NOTES_TXT_FILE_ID,
        "meeting-notes.txt",
        57,
        content::notes_txt(),
    );
    s.stored(
        DOCUMENTS_BUCKET_ID,
        SALES_CSV_FILE_ID,
        "sales-2025.csv",
        56,
        content::sales_csv(),
    );
    s.stored(
        DOCUMENTS_BUCKET_ID,
        ARCHIVE_ZIP_FILE_ID,
        "archive.zip",
        55,
        content::archive_zip(),
    );
    s.stored(
        PUBLIC_BUCKET_ID,
        LOGO_PNG_FILE_ID,
        "logo.png",
        54,
        content::logo_png(),
    );
    s.stored(
        PUBLIC_BUCKET_ID,
        WELCOME_TXT_FILE_ID,
        "welcome.txt",
        53,
        content::welcome_txt(),
    );
    s.stored(
        PRIVATE_BUCKET_ID,
        VAULT_NOTE_FILE_ID,
        "vault-note.txt",
        52,
        content::vault_txt(),
    );

    let base = s.ago(50);
    for i in 0..SCALE_FILE_COUNT {
        let at = base + Duration::seconds(i as i64 * 60);
        let data = scale_file_bytes(i as u64);
        s.file(
            SCALE_BUCKET_ID,
            &scale_file_id(i),
            &scale_file_name(i),
            at,
            data,
            Content::Generated(i as u64),
        );
    }

    let (p, d, v) = (PHOTOS_BUCKET_ID, DOCUMENTS_BUCKET_ID, PRIVATE_BUCKET_ID);
    s.token(TOKEN_NEVER_EXPIRES, p, SUNSET_PNG_FILE_ID, 30, None, None);
    s.token(
        TOKEN_EXPIRES_IN_MONTHS,
        p,
        SUNSET_PNG_FILE_ID,
        29,
        Some(120),
        Some(Duration::days(3)),
    );
    s.token(TOKEN_EXPIRES_SOON, p, SUNSET_PNG_FILE_ID, 28, Some(5), None);
    s.token(
        TOKEN_EXPIRED,
        p,
        SUNSET_PNG_FILE_ID,
        27,
        Some(-3),
        Some(Duration::days(20)),
    );
    s.token(
        TOKEN_EXPIRED_UNUSED,
        p,
        MOUNTAINS_JPG_FILE_ID,
        26,
        Some(-40),
        None,
    );
    s.token(
        TOKEN_REPORT_SHARED,
        d,
        REPORT_PDF_FILE_ID,
        25,
        None,
        Some(Duration::days(1)),
    );
    s.token(
        TOKEN_SALES_SOON_USED,
        d,
        SALES_CSV_FILE_ID,
        60,
        Some(10),
        Some(Duration::hours(2)),
    );
    s.token(
        TOKEN_ARCHIVE_MONTHS,
        d,
        ARCHIVE_ZIP_FILE_ID,
        23,
        Some(60),
        None,
    );
    s.token(TOKEN_VAULT, v, VAULT_NOTE_FILE_ID, 22, None, None);
    s.blobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_every_bucket_file_and_token() {
        let mut state = Tables::new();
        let blobs = demo(&mut state);
        assert_eq!(state.buckets.len(), BUCKET_IDS.len());
        let scale = state.bucket(SCALE_BUCKET_ID).unwrap().seq;
        assert_eq!(
            state.file_table(scale).unwrap().files.len(),
            SCALE_FILE_COUNT
        );
        assert_eq!(blobs.len(), 9);
        for id in TOKEN_IDS {
            let t = state.token(id).unwrap();
            assert_ne!(t.file_seq, 0, "{id}");
        }
        let photos = state.bucket(PHOTOS_BUCKET_ID).unwrap().seq;
        let sunset = state
            .file_table(photos)
            .unwrap()
            .get(SUNSET_PNG_FILE_ID)
            .unwrap();
        assert_eq!(sunset.mime_type, "image/png");
        let docs = state.bucket(DOCUMENTS_BUCKET_ID).unwrap().seq;
        let zip = state
            .file_table(docs)
            .unwrap()
            .get(ARCHIVE_ZIP_FILE_ID)
            .unwrap();
        assert_eq!(zip.mime_type, "application/zip");
    }
}
