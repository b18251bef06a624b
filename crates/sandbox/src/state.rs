//! The in-memory tables of one project: buckets, their files and file tokens, with ID indexes.

use std::collections::{BTreeMap, HashMap};

use crate::cold::Cold;
use crate::model::{Bucket, FileDoc, Token};

/// One bucket's files, in creation order, with an ID index.
#[derive(Debug, Default, Clone)]
pub struct FileTable {
    pub files: BTreeMap<u64, FileDoc>,
    pub ids: HashMap<String, u64>,
}

impl FileTable {
    pub fn get(&self, id: &str) -> Option<&FileDoc> {
        self.ids.get(id).and_then(|seq| self.files.get(seq))
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut FileDoc> {
        let seq = *self.ids.get(id)?;
        self.files.get_mut(&seq)
    }

    pub fn insert(&mut self, file: FileDoc) {
        self.ids.insert(file.id.clone(), file.seq);
        self.files.insert(file.seq, file);
    }

    pub fn remove(&mut self, id: &str) -> Option<FileDoc> {
        let seq = self.ids.remove(id)?;
        self.files.remove(&seq)
    }

    pub fn total_size(&self) -> u64 {
        self.files.values().map(|f| f.size).sum()
    }
}

/// Everything the project holds, except file bytes.
#[derive(Debug, Default)]
pub struct Tables {
    /// Next internal sequence number (shared by buckets, files and tokens; never reused).
    pub next_seq: u64,
    pub buckets: BTreeMap<u64, Bucket>,
    pub bucket_ids: HashMap<String, u64>,
    /// Files by bucket sequence, for every bucket but those in `cold`.
    pub files: HashMap<u64, FileTable>,
    /// The totals of the buckets whose files are still on disk only (see `cold`).
    pub cold: HashMap<u64, Cold>,
    pub tokens: BTreeMap<u64, Token>,
    pub token_ids: HashMap<String, u64>,
}

impl Tables {
    pub fn new() -> Self {
        Tables {
            next_seq: 1,
            ..Default::default()
        }
    }

    pub fn take_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    pub fn bucket(&self, id: &str) -> Option<&Bucket> {
        self.bucket_ids
            .get(id)
            .and_then(|seq| self.buckets.get(seq))
    }

    pub fn bucket_mut(&mut self, id: &str) -> Option<&mut Bucket> {
        let seq = *self.bucket_ids.get(id)?;
        self.buckets.get_mut(&seq)
    }

    pub fn insert_bucket(&mut self, bucket: Bucket) {
        self.bucket_ids.insert(bucket.id.clone(), bucket.seq);
        self.files.entry(bucket.seq).or_default();
        self.buckets.insert(bucket.seq, bucket);
    }

    /// Removes a bucket with its files and tokens; returns it.
    pub fn remove_bucket(&mut self, id: &str) -> Option<Bucket> {
        let seq = self.bucket_ids.remove(id)?;
        self.files.remove(&seq);
        self.cold.remove(&seq);
        let gone: Vec<u64> = self
            .tokens
            .values()
            .filter(|t| t.bucket_seq == seq)
            .map(|t| t.seq)
            .collect();
        for t in gone {
            if let Some(token) = self.tokens.remove(&t) {
                self.token_ids.remove(&token.id);
            }
        }
        self.buckets.remove(&seq)
    }

    /// A bucket's files; its files must have been loaded if they were left on disk.
    pub fn file_table(&self, bucket_seq: u64) -> Option<&FileTable> {
        debug_assert!(!self.cold.contains_key(&bucket_seq), "files still on disk");
        self.files.get(&bucket_seq)
    }

    pub fn file_table_mut(&mut self, bucket_seq: u64) -> &mut FileTable {
        debug_assert!(!self.cold.contains_key(&bucket_seq), "files still on disk");
        self.files.entry(bucket_seq).or_default()
    }

    /// The bytes of all of a bucket's files, loaded or not.
    pub fn total_size(&self, bucket_seq: u64) -> u64 {
        match self.cold.get(&bucket_seq) {
            Some(cold) => cold.total_size,
            None => self.files.get(&bucket_seq).map_or(0, FileTable::total_size),
        }
    }

    /// Drops a bucket's files from memory, keeping their totals: they are saved as they are.
    pub fn leave_on_disk(&mut self, bucket_seq: u64) {
        if let Some(table) = self.files.remove(&bucket_seq) {
            self.cold.insert(bucket_seq, Cold::of(&table));
        }
    }

    /// A bucket whose files are on disk only, with the totals read from their head.
    pub fn insert_cold(&mut self, bucket_seq: u64, cold: Cold) {
        self.files.remove(&bucket_seq);
        self.cold.insert(bucket_seq, cold);
    }

    /// Puts the files read from disk of a bucket left there in memory; nothing if the bucket was
    /// deleted or loaded meanwhile.
    pub fn load_from_disk(&mut self, bucket_seq: u64, files: Vec<FileDoc>) {
        if self.cold.remove(&bucket_seq).is_none() || !self.buckets.contains_key(&bucket_seq) {
            return;
        }
        let table = self.file_table_mut(bucket_seq);
        for file in files {
            table.insert(file);
        }
    }

    pub fn token(&self, id: &str) -> Option<&Token> {
        self.token_ids.get(id).and_then(|seq| self.tokens.get(seq))
    }

    pub fn token_mut(&mut self, id: &str) -> Option<&mut Token> {
        let seq = *self.token_ids.get(id)?;
        self.tokens.get_mut(&seq)
    }

    pub fn insert_token(&mut self, token: Token) {
        self.token_ids.insert(token.id.clone(), token.seq);
        self.tokens.insert(token.seq, token);
    }

    pub fn remove_token(&mut self, id: &str) -> Option<Token> {
        let seq = self.token_ids.remove(id)?;
        self.tokens.remove(&seq)
    }

    /// The tokens of one bucket, in creation order (what its token table on disk holds).
    pub fn bucket_tokens(&self, bucket_seq: u64) -> Vec<Token> {
        self.tokens
            .values()
            .filter(|t| t.bucket_seq == bucket_seq)
            .cloned()
            .collect()
    }
}
