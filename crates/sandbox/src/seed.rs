//! The demo seed: stable IDs (public, for tests and docs) and the code that fills a new store.
//!
//! Buckets: photos (PNG + JPEG, extension-limited), documents (PDF, text, CSV, zip), a public
//! bucket (`read("any")`), a private vault (file security on, transformations off) and a scale
//! bucket of exactly 10,000 small text files whose bytes are made on demand. Tokens cover every
//! state: never expiring, expiring in months, expiring within 14 days, expired, used and unused.
//! Dates are relative to the moment of seeding.
//!
//! Folders (seen on the newest server; a 1.8.1 server shows every file flat): every file above
//! stays at its bucket's root; Photos adds `2025/`, `2026/` and `2026/summer/`, Documents
//! `reports/2025/` and `reports/2026/Q1/` (so `reports/` and `reports/2026/` hold only folders),
//! each with a few files ([`FOLDER_FILES`], made after every file and token above, so those
//! keep their internal sequence numbers); and scale files from [`SCALE_ROOT_FILE_COUNT`] on go
//! into month folders under `archive/`, some deeper ([`scale_file_folder`]). Every demo bucket
//! has a description.

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
/// Scale files `0..SCALE_ROOT_FILE_COUNT` are at the bucket root; the rest are in folders under
/// [`SCALE_ARCHIVE_FOLDER`] (see [`scale_file_folder`]).
pub const SCALE_ROOT_FILE_COUNT: usize = 9_000;
/// Where the scale files past [`SCALE_ROOT_FILE_COUNT`] are, in nested folders.
pub const SCALE_ARCHIVE_FOLDER: &str = "archive/";
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

pub const PHOTOS_DESCRIPTION: &str = "Holiday and landscape photos, sorted by year.";
pub const DOCUMENTS_DESCRIPTION: &str = "Reports, notes and spreadsheets shared with the team.";
pub const PUBLIC_DESCRIPTION: &str = "Logos and texts anyone may read without a key.";
pub const PRIVATE_DESCRIPTION: &str = "Notes only a key or a file token can open.";
pub const SCALE_DESCRIPTION: &str =
    "10,000 small text files: 9,000 at the root, the last 1,000 archived by month.";

/// Folders of [`PHOTOS_BUCKET_ID`] (`2026/` holds files and the `summer/` folder).
pub const PHOTOS_2025_FOLDER: &str = "2025/";
pub const PHOTOS_2026_FOLDER: &str = "2026/";
pub const PHOTOS_SUMMER_FOLDER: &str = "2026/summer/";
/// Folders of [`DOCUMENTS_BUCKET_ID`] with files of their own (`reports/` and `reports/2026/`
/// hold only folders).
pub const REPORTS_2025_FOLDER: &str = "reports/2025/";
pub const REPORTS_Q1_FOLDER: &str = "reports/2026/Q1/";

/// In [`PHOTOS_2025_FOLDER`].
pub const WINTER_LAKE_FILE_ID: &str = "winter-lake-png";
pub const AUTUMN_FOREST_FILE_ID: &str = "autumn-forest-jpg";
/// In [`PHOTOS_2026_FOLDER`].
pub const SPRING_MEADOW_FILE_ID: &str = "spring-meadow-png";
pub const CITY_NIGHT_FILE_ID: &str = "city-night-jpg";
/// In [`PHOTOS_SUMMER_FOLDER`].
pub const SUMMER_BEACH_FILE_ID: &str = "summer-beach-png";
pub const SUMMER_HARBOUR_FILE_ID: &str = "summer-harbour-jpg";
pub const SUMMER_SUNFLOWERS_FILE_ID: &str = "summer-sunflowers-png";
/// In [`REPORTS_2025_FOLDER`].
pub const ANNUAL_REPORT_2025_FILE_ID: &str = "annual-report-2025-pdf";
pub const BUDGET_2025_FILE_ID: &str = "budget-2025-csv";
/// In [`REPORTS_Q1_FOLDER`].
pub const Q1_SUMMARY_FILE_ID: &str = "q1-summary-pdf";
pub const Q1_SALES_FILE_ID: &str = "q1-sales-csv";
pub const Q1_MINUTES_FILE_ID: &str = "q1-minutes-txt";

/// A seeded file in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderFile {
    pub bucket_id: &'static str,
    pub file_id: &'static str,
    pub folder: &'static str,
    pub name: &'static str,
}

const fn in_folder(
    bucket_id: &'static str,
    file_id: &'static str,
    folder: &'static str,
    name: &'static str,
) -> FolderFile {
    FolderFile {
        bucket_id,
        file_id,
        folder,
        name,
    }
}

/// Every seeded file in a folder of Photos and Documents, in creation order.
pub const FOLDER_FILES: [FolderFile; 12] = [
    in_folder(
        PHOTOS_BUCKET_ID,
        WINTER_LAKE_FILE_ID,
        PHOTOS_2025_FOLDER,
        "winter-lake.png",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        AUTUMN_FOREST_FILE_ID,
        PHOTOS_2025_FOLDER,
        "autumn-forest.jpg",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        SPRING_MEADOW_FILE_ID,
        PHOTOS_2026_FOLDER,
        "spring-meadow.png",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        CITY_NIGHT_FILE_ID,
        PHOTOS_2026_FOLDER,
        "city-night.jpg",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        SUMMER_BEACH_FILE_ID,
        PHOTOS_SUMMER_FOLDER,
        "beach.png",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        SUMMER_HARBOUR_FILE_ID,
        PHOTOS_SUMMER_FOLDER,
        "harbour.jpg",
    ),
    in_folder(
        PHOTOS_BUCKET_ID,
        SUMMER_SUNFLOWERS_FILE_ID,
        PHOTOS_SUMMER_FOLDER,
        "sunflowers.png",
    ),
    in_folder(
        DOCUMENTS_BUCKET_ID,
        ANNUAL_REPORT_2025_FILE_ID,
        REPORTS_2025_FOLDER,
        "annual-report-2025.pdf",
    ),
    in_folder(
        DOCUMENTS_BUCKET_ID,
        BUDGET_2025_FILE_ID,
        REPORTS_2025_FOLDER,
        "budget-2025.csv",
    ),
    in_folder(
        DOCUMENTS_BUCKET_ID,
        Q1_SUMMARY_FILE_ID,
        REPORTS_Q1_FOLDER,
        "q1-summary.pdf",
    ),
    in_folder(
        DOCUMENTS_BUCKET_ID,
        Q1_SALES_FILE_ID,
        REPORTS_Q1_FOLDER,
        "q1-sales.csv",
    ),
    in_folder(
        DOCUMENTS_BUCKET_ID,
        Q1_MINUTES_FILE_ID,
        REPORTS_Q1_FOLDER,
        "q1-minutes.txt",
    ),
];

/// The bytes of a seeded folder file.
fn folder_file_bytes(file_id: &str) -> Vec<u8> {
    use content::Scene;
    match file_id {
        WINTER_LAKE_FILE_ID => Scene::WinterLake.png(),
        AUTUMN_FOREST_FILE_ID => Scene::AutumnForest.jpeg(),
        SPRING_MEADOW_FILE_ID => Scene::SpringMeadow.png(),
        CITY_NIGHT_FILE_ID => Scene::CityNight.jpeg(),
        SUMMER_BEACH_FILE_ID => Scene::Beach.png(),
        SUMMER_HARBOUR_FILE_ID => Scene::Harbour.jpeg(),
        SUMMER_SUNFLOWERS_FILE_ID => Scene::Sunflowers.png(),
        ANNUAL_REPORT_2025_FILE_ID => {
            content::pdf("Annual report 2025", "A year of sharing files.")
        }
        BUDGET_2025_FILE_ID => content::figures_csv(&["2025-01", "2025-06", "2025-12"], 300),
        Q1_SUMMARY_FILE_ID => content::pdf("Q1 2026 summary", "January to March, in one page."),
        Q1_SALES_FILE_ID => content::figures_csv(&["2026-01", "2026-02", "2026-03"], 120),
        _ => b"Q1 2026 minutes\n\n- Archive the 2025 reports.\n- Share the summary for 30 days.\n"
            .to_vec(),
    }
}

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

/// Folder of scale file `index`: `""` (the root) below [`SCALE_ROOT_FILE_COUNT`]; then, 42 files
/// a month in creation order, `archive/2024/01/` to `archive/2025/12/` (the last month gets 34):
/// of each month's 42, the first 34 are in the month folder, the next 6 in its `raw/` folder and
/// the last 2 in `raw/rejected/`.
pub fn scale_file_folder(index: usize) -> String {
    let Some(archived) = index.checked_sub(SCALE_ROOT_FILE_COUNT) else {
        return String::new();
    };
    let (month, within) = (archived / 42, archived % 42);
    let month_folder = format!(
        "{SCALE_ARCHIVE_FOLDER}{}/{:02}/",
        2024 + month / 12,
        month % 12 + 1
    );
    match within {
        0..=33 => month_folder,
        34..=39 => format!("{month_folder}raw/"),
        _ => format!("{month_folder}raw/rejected/"),
    }
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

    #[allow(clippy::too_many_arguments)]
    fn file(
        &mut self,
        bucket_id: &str,
        id: &str,
        folder: &str,
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
            folder: folder.into(),
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
        self.file(bucket_id, id, "", name, at, data, Content::Stored);
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
        b.description = PHOTOS_DESCRIPTION.into();
        b.allowed_file_extensions = ["png", "jpg", "jpeg", "gif", "webp"]
            .map(String::from)
            .to_vec();
        b.maximum_file_size = 10_000_000;
    });
    s.bucket(DOCUMENTS_BUCKET_ID, "Documents", 110, |b| {
        b.description = DOCUMENTS_DESCRIPTION.into();
    });
    s.bucket(PUBLIC_BUCKET_ID, "Public assets", 100, |b| {
        b.description = PUBLIC_DESCRIPTION.into();
        b.permissions = vec!["read(\"any\")".into()];
        b.encryption = false;
    });
    s.bucket(PRIVATE_BUCKET_ID, "Private vault", 90, |b| {
        b.description = PRIVATE_DESCRIPTION.into();
        b.file_security = true;
        b.transformations = false;
        b.compression = "gzip".into();
    });
    s.bucket(SCALE_BUCKET_ID, "Scale test (10,000 files)", 80, |b| {
        b.description = SCALE_DESCRIPTION.into();
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
            &scale_file_folder(i),
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

    // After every root file and token, so those keep the sequence numbers they always had; a day
    // apart, from 20 days ago, so creation dates follow creation order within each bucket.
    for (i, f) in FOLDER_FILES.iter().enumerate() {
        let at = s.ago(20 - i as i64);
        let data = folder_file_bytes(f.file_id);
        s.file(
            f.bucket_id,
            f.file_id,
            f.folder,
            f.name,
            at,
            data,
            Content::Stored,
        );
    }
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
        assert_eq!(blobs.len(), 9 + FOLDER_FILES.len());
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

    #[test]
    fn folder_files_are_valid_typed_and_in_their_folders() {
        let mut state = Tables::new();
        demo(&mut state);
        for f in FOLDER_FILES {
            assert_eq!(crate::folder::parse(f.folder).unwrap(), f.folder, "{f:?}");
            let seq = state.bucket(f.bucket_id).unwrap().seq;
            let file = state.file_table(seq).unwrap().get(f.file_id).unwrap();
            assert_eq!(
                (file.folder.as_str(), file.name.as_str()),
                (f.folder, f.name)
            );
            let want = match f.name.rsplit_once('.').unwrap().1 {
                "png" => "image/png",
                "jpg" => "image/jpeg",
                "pdf" => "application/pdf",
                "csv" => "text/csv",
                _ => "text/plain",
            };
            assert_eq!(file.mime_type, want, "{f:?}");
        }
        for id in [
            SUNSET_PNG_FILE_ID,
            REPORT_PDF_FILE_ID,
            LOGO_PNG_FILE_ID,
            VAULT_NOTE_FILE_ID,
        ] {
            let at_root = state.buckets.values().any(|b| {
                state
                    .file_table(b.seq)
                    .and_then(|t| t.get(id))
                    .is_some_and(|f| f.folder.is_empty())
            });
            assert!(at_root, "{id} stays at the root");
        }
        assert!(state.buckets.values().all(|b| !b.description.is_empty()));
    }

    #[test]
    fn scale_files_past_the_root_count_spread_over_nested_month_folders() {
        assert_eq!(scale_file_folder(0), "");
        assert_eq!(scale_file_folder(SCALE_ROOT_FILE_COUNT - 1), "");
        assert_eq!(scale_file_folder(SCALE_ROOT_FILE_COUNT), "archive/2024/01/");
        assert_eq!(scale_file_folder(9_000 + 34), "archive/2024/01/raw/");
        assert_eq!(
            scale_file_folder(9_000 + 41),
            "archive/2024/01/raw/rejected/"
        );
        assert_eq!(scale_file_folder(9_000 + 42), "archive/2024/02/");
        assert_eq!(scale_file_folder(SCALE_FILE_COUNT - 1), "archive/2025/12/");
        let folders: std::collections::BTreeSet<String> = (SCALE_ROOT_FILE_COUNT..SCALE_FILE_COUNT)
            .map(scale_file_folder)
            .collect();
        let months = folders
            .iter()
            .filter(|f| f.matches('/').count() == 3)
            .count();
        assert_eq!(months, 24, "{folders:?}");
        assert!(folders
            .iter()
            .all(|f| crate::folder::parse(f).unwrap() == *f));
        assert!(folders.contains("archive/2025/11/raw/rejected/"));
    }
}
