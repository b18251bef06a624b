//! Walking a whole list as a `Stream`, page by page with `cursorAfter`, until a page comes back
//! shorter than the page size; a walk whose server repeats items or never ends is stopped.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::error::{Error, Result};
use crate::models::{HasId, Page};
use crate::query::ListOptions;

/// A boxed stream of list items, as returned by the `stream` methods.
pub type ItemStream<T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>;

/// Default page size of the `stream` methods.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

struct Walk {
    cursor: Option<String>,
    done: bool,
    /// Hashes of every id received, to notice a server that sends an item again.
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Walk {
    /// Takes in one page's ids: an error when one came before (the cursor does not advance)
    /// or the walk passes `max_items`.
    fn take_in<'a>(&mut self, ids: impl Iterator<Item = &'a str>, max_items: u64) -> Result<()> {
        for id in ids {
            let count = self.seen.len() as u64;
            if !self.seen.insert(self.hasher.hash_one(id)) {
                return Err(Error::repeated_item(count));
            }
            if count >= max_items {
                return Err(Error::too_many_items(max_items));
            }
        }
        Ok(())
    }
}

/// Walks every item matching `options` (its limit/offset/cursor queries are replaced):
/// pages of `page_size` fetched with `fetch`, each after the last id of the previous one.
/// Stops with [`Error::EndlessList`] on an item sent twice or past `max_items` items.
pub(crate) fn walk<T, F, Fut>(
    options: ListOptions,
    page_size: u64,
    max_items: u64,
    fetch: F,
) -> ItemStream<T>
where
    T: HasId + Send + 'static,
    F: Fn(ListOptions) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    if page_size == 0 {
        return Box::pin(stream::once(async {
            Err(Error::invalid_input("the page size must be at least 1"))
        }));
    }
    let pages = stream::try_unfold(
        Walk {
            cursor: None,
            done: false,
            seen: HashSet::new(),
            hasher: RandomState::new(),
        },
        move |mut state| {
            let request = (!state.done)
                .then(|| fetch(options.page_after(page_size, state.cursor.as_deref())));
            async move {
                let Some(request) = request else {
                    return Ok(None);
                };
                let page = request.await?;
                state.take_in(page.items.iter().map(HasId::id), max_items)?;
                state.cursor = page.last_id().map(str::to_owned);
                state.done = (page.items.len() as u64) < page_size || page.items.is_empty();
                Ok(Some((page.items, state)))
            }
        },
    );
    Box::pin(
        pages
            .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
            .try_flatten(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    struct Item(String);
    impl HasId for Item {
        fn id(&self) -> &str {
            &self.0
        }
    }

    type Log = Arc<Mutex<Vec<ListOptions>>>;

    fn fake_server(
        n: usize,
    ) -> (
        Log,
        impl Fn(ListOptions) -> futures_util::future::Ready<Result<Page<Item>>> + Send + Sync + 'static,
    ) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let fetch = move |opts: ListOptions| {
            log.lock().unwrap().push(opts.clone());
            let mut limit = 25usize;
            let mut after: Option<String> = None;
            for q in &opts.queries {
                let v: serde_json::Value = serde_json::from_str(&q.to_json()).unwrap();
                match q.method() {
                    "limit" => limit = v["values"][0].as_u64().unwrap() as usize,
                    "cursorAfter" => after = Some(v["values"][0].as_str().unwrap().to_owned()),
                    _ => {}
                }
            }
            let start = after.map_or(0, |id| id.parse::<usize>().unwrap() + 1);
            let items = (start..n.min(start + limit))
                .map(|i| Item(format!("{i:05}")))
                .collect();
            futures_util::future::ready(Ok(Page { total: 0, items }))
        };
        (seen, fetch)
    }

    #[tokio::test]
    async fn walks_every_item_once_and_stops_on_a_short_page() {
        let (seen, fetch) = fake_server(250);
        let opts = ListOptions::new().limit(7).query(Query::equal("name", "x"));
        let ids: Vec<String> = walk(opts, 100, 1_000_000, fetch)
            .map_ok(|i| i.0)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids.len(), 250);
        assert_eq!(ids.first().map(String::as_str), Some("00000"));
        assert_eq!(ids.last().map(String::as_str), Some("00249"));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3);
        assert!(seen
            .iter()
            .all(|o| o.queries[0] == Query::equal("name", "x") && !o.total));
        assert_eq!(seen[2].queries.last(), Some(&Query::cursor_after("00199")));
    }

    #[tokio::test]
    async fn an_exact_multiple_ends_with_an_empty_page() {
        let (seen, fetch) = fake_server(200);
        let n = walk(ListOptions::new(), 100, 1_000_000, fetch)
            .count()
            .await;
        assert_eq!(n, 200);
        assert_eq!(seen.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_zero_page_size_is_refused() {
        let (_, fetch) = fake_server(1);
        let first = walk(ListOptions::new(), 0, 1_000_000, fetch)
            .next()
            .await
            .unwrap();
        assert_eq!(first.err().map(|e| e.code()), Some("invalid_input"));
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let fetch =
            |_opts: ListOptions| async { Err::<Page<Item>, _>(Error::invalid_input("boom")) };
        let items: Vec<Result<Item>> = walk(ListOptions::new(), 10, 1_000_000, fetch)
            .collect()
            .await;
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
    }

    /// A server that answers every page with the same full page, whatever the cursor.
    fn same_page_forever(
        log: Arc<Mutex<usize>>,
    ) -> impl Fn(ListOptions) -> futures_util::future::Ready<Result<Page<Item>>> + Send + Sync + 'static
    {
        move |_opts| {
            *log.lock().unwrap() += 1;
            let items = (0..10).map(|i| Item(format!("same-{i}"))).collect();
            futures_util::future::ready(Ok(Page { total: 10, items }))
        }
    }

    #[tokio::test]
    async fn a_cursor_that_does_not_advance_stops_the_walk() {
        let requests = Arc::new(Mutex::new(0));
        let items: Vec<Result<Item>> = walk(
            ListOptions::new(),
            10,
            1_000_000,
            same_page_forever(requests.clone()),
        )
        .collect()
        .await;
        assert_eq!(items.len(), 11, "the first page, then the error");
        let err = items.last().unwrap().as_ref().err().expect("an error");
        assert_eq!(err.code(), "endless_list");
        assert!(
            err.to_string().contains("already sent (after 10 items)"),
            "{err}"
        );
        assert_eq!(*requests.lock().unwrap(), 2);
    }

    #[tokio::test]
    async fn an_item_sent_again_on_a_later_page_stops_the_walk() {
        // Pages alternate between two sets of ids, so the cursor changes every time.
        let calls = Arc::new(Mutex::new(0usize));
        let log = calls.clone();
        let fetch = move |_opts: ListOptions| {
            let mut n = log.lock().unwrap();
            let set = *n % 2;
            *n += 1;
            let items = (0..5).map(|i| Item(format!("{set}-{i}"))).collect();
            futures_util::future::ready(Ok(Page { total: 0, items }))
        };
        let items: Vec<Result<Item>> = walk(ListOptions::new(), 5, 1_000_000, fetch)
            .collect()
            .await;
        assert_eq!(items.len(), 11);
        assert_eq!(
            items[10].as_ref().err().map(Error::code),
            Some("endless_list")
        );
        assert_eq!(*calls.lock().unwrap(), 3);
    }

    #[tokio::test]
    async fn a_list_that_never_ends_stops_at_the_cap() {
        let (seen, fetch) = fake_server(usize::MAX);
        let items: Vec<Result<Item>> = walk(ListOptions::new(), 100, 250, fetch).collect().await;
        assert_eq!(items.len(), 201, "two whole pages, then the error");
        let err = items.last().unwrap().as_ref().err().expect("an error");
        assert_eq!(err.code(), "endless_list");
        assert!(err.to_string().contains("past 250 items"), "{err}");
        assert_eq!(seen.lock().unwrap().len(), 3);
        let (_, exact) = fake_server(250);
        assert_eq!(walk(ListOptions::new(), 100, 250, exact).count().await, 250);
    }
}
