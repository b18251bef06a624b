//! Storage folders (newest Appwrite servers): folder paths as Appwrite writes them, the folder
//! tree derived from files' `folder` values (there is no folder endpoint), and the per-bucket
//! index of it that a connection keeps, walked in the background. A server without folders
//! (Appwrite 1.8.1) is noticed once per connection and its buckets are flat.

mod index;
mod path;
mod tree;

pub use index::{FolderSupport, Folders, SubfolderList, FALLBACK_PAGE, INDEX_PAGE};
pub use path::{breadcrumb, folder_name, normalise, parent, Crumb};
pub use tree::{FolderTree, Subfolder};
