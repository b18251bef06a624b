//! The upload journal in the app's data folder: one append-only file per batch, so an upload the
//! app did not finish (network drop, app closed) can be continued at the next start from what
//! the server has, with the same file ids (a file is never created twice) and without sending
//! the chunks the server confirmed again. A line cut short by a crash is ignored; the file goes
//! once every item in it is finished.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{ItemError, UploadState};

/// The extension of a batch's journal file.
const EXTENSION: &str = "jsonl";

/// A batch as its journal opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchHeader {
    pub batch_id: String,
    pub profile_id: String,
    pub bucket_id: String,
    pub share: bool,
}

/// One file of a batch, as it was when the batch was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemRecord {
    pub upload_id: String,
    pub file_id: String,
    pub path: PathBuf,
    pub name: String,
    pub folder: String,
    pub size: u64,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
enum Line {
    Batch(BatchHeader),
    Item(ItemRecord),
    /// The server confirmed chunk `index` of the item.
    Chunk {
        upload_id: String,
        index: u64,
    },
    /// The item reached `state` (with its error, when failed).
    State {
        upload_id: String,
        state: UploadState,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<ItemError>,
    },
}

/// An item as the journal last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalItem {
    pub record: ItemRecord,
    /// The chunks the server confirmed.
    pub confirmed: BTreeSet<u64>,
    /// The last state written; an item that was on its way when the app ended reads as
    /// `Interrupted`.
    pub state: UploadState,
    pub error: Option<ItemError>,
}

/// A batch read back from its journal, without its finished items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalBatch {
    pub header: BatchHeader,
    pub items: Vec<JournalItem>,
}

/// The journal of one batch, open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Mutex<Option<File>>,
}

impl Journal {
    /// Starts the journal of a new batch with its items (written and flushed to disk before any
    /// byte is sent, so every file id is known at the next start).
    pub fn create(
        dir: &Path,
        header: &BatchHeader,
        items: &[ItemRecord],
    ) -> std::io::Result<Journal> {
        std::fs::create_dir_all(dir)?;
        let path = batch_path(dir, &header.batch_id);
        let mut text = line(&Line::Batch(header.clone()));
        for item in items {
            text.push_str(&line(&Line::Item(item.clone())));
        }
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&path)?;
        file.write_all(text.as_bytes())?;
        file.sync_data()?;
        Ok(Journal {
            path,
            file: Mutex::new(Some(file)),
        })
    }

    /// Reopens the journal of a batch read back at start, to go on appending.
    pub fn reopen(dir: &Path, batch_id: &str) -> Journal {
        let path = batch_path(dir, batch_id);
        // A line cut short by a crash is closed first, so the next one starts on its own.
        let torn = std::fs::read(&path)
            .map(|bytes| bytes.last().is_some_and(|b| *b != b'\n'))
            .unwrap_or(false);
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .ok()
            .map(|mut f| {
                if torn {
                    let _ = f.write_all(b"\n");
                }
                f
            });
        Journal {
            path,
            file: Mutex::new(file),
        }
    }

    /// Adds items (a retry of a batch whose journal was removed writes them again).
    pub fn add_items(&self, header: &BatchHeader, items: &[ItemRecord]) {
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            let mut text = line(&Line::Batch(header.clone()));
            for item in items {
                text.push_str(&line(&Line::Item(item.clone())));
            }
            match OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .and_then(|mut f| {
                    f.write_all(text.as_bytes())?;
                    f.sync_data()?;
                    Ok(f)
                }) {
                Ok(file) => *guard = Some(file),
                Err(e) => {
                    tracing::warn!(path = %self.path.display(), error = %e, "the upload journal could not be written; an interrupted upload will start over")
                }
            }
        }
    }

    /// Notes that the server confirmed chunk `index` of an item.
    pub fn chunk(&self, upload_id: &str, index: u64) {
        self.append(&Line::Chunk {
            upload_id: upload_id.to_owned(),
            index,
        });
    }

    /// Notes an item's new state.
    pub fn state(&self, upload_id: &str, state: UploadState, error: Option<&ItemError>) {
        self.append(&Line::State {
            upload_id: upload_id.to_owned(),
            state,
            error: error.cloned(),
        });
    }

    fn append(&self, entry: &Line) {
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let Some(file) = guard.as_mut() else {
            return;
        };
        let written = file
            .write_all(line(entry).as_bytes())
            .and_then(|()| file.sync_data());
        if let Err(e) = written {
            tracing::warn!(path = %self.path.display(), error = %e, "the upload journal could not be written; an interrupted upload may send some chunks again");
        }
    }

    /// Removes the journal: every item in it is finished.
    pub fn remove(&self) {
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        *guard = None;
        if let Err(e) = std::fs::remove_file(&self.path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %self.path.display(), error = %e, "a finished upload journal could not be removed");
            }
        }
    }
}

fn batch_path(dir: &Path, batch_id: &str) -> PathBuf {
    dir.join(format!("{batch_id}.{EXTENSION}"))
}

fn line(entry: &Line) -> String {
    let mut text = serde_json::to_string(entry).expect("journal lines serialize");
    text.push('\n');
    text
}

/// Every batch in `dir` with unfinished items (of any profile), oldest file first. Batches whose
/// items are all finished are removed on the way; unreadable lines are skipped.
pub fn read_all(dir: &Path) -> Vec<JournalBatch> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
        .map(|p| {
            let modified = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, p)
        })
        .collect();
    paths.sort();
    let mut batches = Vec::new();
    for (_, path) in paths {
        match read_one(&path) {
            Some(batch) if !batch.items.is_empty() => batches.push(batch),
            _ => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    batches
}

fn read_one(path: &Path) -> Option<JournalBatch> {
    let file = File::open(path).ok()?;
    let mut header = None;
    let mut items: BTreeMap<String, JournalItem> = BTreeMap::new();
    let mut order = Vec::new();
    for text in BufReader::new(file).lines() {
        let Ok(text) = text else { break };
        let Ok(entry) = serde_json::from_str::<Line>(&text) else {
            continue;
        };
        match entry {
            Line::Batch(h) => header = Some(h),
            Line::Item(record) => {
                if !items.contains_key(&record.upload_id) {
                    order.push(record.upload_id.clone());
                }
                items.insert(
                    record.upload_id.clone(),
                    JournalItem {
                        record,
                        confirmed: BTreeSet::new(),
                        state: UploadState::Queued,
                        error: None,
                    },
                );
            }
            Line::Chunk { upload_id, index } => {
                if let Some(item) = items.get_mut(&upload_id) {
                    item.confirmed.insert(index);
                }
            }
            Line::State {
                upload_id,
                state,
                error,
            } => {
                if let Some(item) = items.get_mut(&upload_id) {
                    item.state = state;
                    item.error = error;
                }
            }
        }
    }
    let header = header?;
    let items = order
        .into_iter()
        .filter_map(|id| items.remove(&id))
        .filter(|item| item.state != UploadState::Done)
        .map(|mut item| {
            if item.state.is_active() {
                item.state = UploadState::Interrupted;
            }
            item
        })
        .collect();
    Some(JournalBatch { header, items })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> BatchHeader {
        BatchHeader {
            batch_id: "b1".into(),
            profile_id: "p1".into(),
            bucket_id: "docs".into(),
            share: true,
        }
    }

    fn record(id: &str) -> ItemRecord {
        ItemRecord {
            upload_id: id.into(),
            file_id: format!("file-{id}"),
            path: format!("/tmp/{id}.txt").into(),
            name: format!("{id}.txt"),
            folder: String::new(),
            size: 12 << 20,
        }
    }

    #[test]
    fn an_unfinished_batch_reads_back_with_its_confirmed_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::create(
            dir.path(),
            &header(),
            &[record("a"), record("b"), record("c")],
        )
        .unwrap();
        journal.state("a", UploadState::Uploading, None);
        journal.chunk("a", 0);
        journal.chunk("a", 2);
        journal.state("b", UploadState::Done, None);
        let refused = ItemError::new("too_large", "big");
        journal.state("c", UploadState::Failed, Some(&refused));
        drop(journal);
        // A line cut short by a crash is skipped.
        let path = dir.path().join("b1.jsonl");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("{\"chunk\":{\"uploadId\":\"a\",\"ind");
        std::fs::write(&path, text).unwrap();

        let batches = read_all(dir.path());
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].header, header());
        let items = &batches[0].items;
        assert_eq!(items.len(), 2, "the finished item is left out");
        assert_eq!(items[0].record, record("a"));
        assert_eq!(items[0].state, UploadState::Interrupted);
        assert_eq!(items[0].confirmed, BTreeSet::from([0, 2]));
        assert_eq!(items[1].state, UploadState::Failed);
        assert_eq!(items[1].error.as_ref(), Some(&refused));

        // Appending goes on where it stopped.
        let again = Journal::reopen(dir.path(), "b1");
        again.state("a", UploadState::Done, None);
        again.state("c", UploadState::Done, None);
        assert!(read_all(dir.path()).is_empty());
        assert!(!path.exists(), "a finished journal is removed");
    }
}
