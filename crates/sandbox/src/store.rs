//! Opening a sandbox's store: in memory, or a data dir that is loaded when it holds a store and
//! seeded (and made private to the user) when it does not; a made key is kept with it.

use crate::blobs::Blobs;
use crate::config::{Config, Seed};
use crate::persist::{self, Meta, Persister};
use crate::state::Tables;
use crate::{cold, ids, seed, StartError};

fn random_hex(len: usize) -> String {
    (0..len.div_ceil(20))
        .map(|_| ids::generate())
        .collect::<String>()[..len]
        .to_string()
}

/// A new API key, shaped like Appwrite's: `standard_` and 128 hex characters.
pub fn generate_key() -> String {
    format!("standard_{}", random_hex(128))
}

/// An opened store: what `start` builds the server's shared state from.
pub struct Store {
    pub meta: Meta,
    pub state: Tables,
    pub blobs: Blobs,
    pub persister: Option<Persister>,
}

pub async fn open(config: &Config) -> Result<Store, StartError> {
    let Some(dir) = config.data_dir.clone() else {
        let mut state = Tables::new();
        let blobs = Blobs::memory();
        if config.seed == Seed::Demo {
            for (b, f, data) in seed::demo(&mut state) {
                blobs
                    .put(b, f, data.into())
                    .await
                    .map_err(StartError::Store)?;
            }
        }
        let meta = Meta {
            format: 1,
            generated_key: None,
            jwt_secret: random_hex(64),
            next_seq: state.next_seq,
        };
        return Ok(Store {
            meta,
            state,
            blobs,
            persister: None,
        });
    };
    let seed_kind = config.seed;
    let want_key = config.key.is_none();
    let load_dir = dir.clone();
    let (meta, state) = tokio::task::spawn_blocking(move || -> std::io::Result<(Meta, Tables)> {
        persist::create_private_dir(&load_dir)?;
        // It may have existed already: it holds the key, so only the user may look inside.
        persist::make_private(&load_dir)?;
        if let Some((mut meta, state)) = persist::load(&load_dir)? {
            if want_key && meta.generated_key.is_none() {
                meta.generated_key = Some(generate_key());
                persist::write_atomic(
                    &load_dir.join("meta.json"),
                    &serde_json::to_vec_pretty(&meta)?,
                )?;
            }
            tracing::info!(dir = %load_dir.display(), "opened existing store");
            return Ok((meta, state));
        }
        let mut state = Tables::new();
        let mut blobs = Vec::new();
        if seed_kind == Seed::Demo {
            blobs = seed::demo(&mut state);
        }
        for (b, f, data) in blobs {
            let path = load_dir
                .join("blobs")
                .join(b.to_string())
                .join(f.to_string());
            persist::write_atomic(&path, &data)?;
        }
        let meta = Meta {
            format: 1,
            generated_key: want_key.then(generate_key),
            jwt_secret: random_hex(64),
            next_seq: state.next_seq,
        };
        // meta.json is written last: until it exists the store counts as new.
        persist::save_all(&load_dir, &state, &meta)?;
        cold::cool_big_tables(&load_dir, &mut state)?;
        tracing::info!(dir = %load_dir.display(), seed = ?seed_kind, "created new store");
        Ok((meta, state))
    })
    .await
    .map_err(|e| StartError::Store(std::io::Error::other(e)))?
    .map_err(StartError::Store)?;
    Ok(Store {
        meta,
        state,
        blobs: Blobs::Disk(dir.clone()),
        persister: Some(Persister::new(dir)),
    })
}
