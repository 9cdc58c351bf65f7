//! Fixture builders shared by the store tests.

pub use crate::common::copy_dir;
use chrono::{DateTime, FixedOffset, NaiveDate};
use dondoc::model::Workspace;
use dondoc::store::edit::{Change, Edit};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub const AT: &str = "2023-10-15T09:00:00+07:00";

pub fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(AT).expect("test time")
}

/// An edit by "Tester" at [`AT`].
pub fn edit(id: &str, change: Change) -> Edit {
    Edit {
        id: id.to_string(),
        change,
        by: "Tester".to_string(),
        at: at(),
    }
}

/// The folder of hand-written fixture workspaces.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository's sample workspace.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub const SAMPLE_FILE: &str = "2023/giao-ban-2023-08-25.toml";

/// A workspace in a temporary folder.
pub struct TestWs {
    pub dir: TempDir,
}

pub const OWNERS: &str = r#"title = "Test"

[[owner]]
id = "so-tc"
name = "Sở Tài chính"
group = "Sở, ngành"

[[owner]]
id = "cuc-thue"
name = "Cục Thuế tỉnh"
group = "Sở, ngành"

[[owner]]
id = "ba-be"
name = "Huyện ủy Ba Bể"
group = "Huyện, thành ủy"
"#;

impl TestWs {
    /// An empty workspace with the owners of [`OWNERS`].
    pub fn new() -> TestWs {
        let ws = TestWs {
            dir: tempfile::tempdir().unwrap(),
        };
        ws.write("dondoc.toml", OWNERS);
        ws
    }

    /// A copy of a fixture workspace (`tests/fixtures/<name>`) or of the sample (`data`).
    pub fn copy_of(from: &Path) -> TestWs {
        let ws = TestWs {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(from, ws.root());
        ws
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        String::from_utf8(self.read_bytes(rel)).unwrap()
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap()
    }

    pub fn load(&self) -> Workspace {
        dondoc::store::load(self.root()).expect("workspace loads")
    }
}

/// The source header every directive file of these tests starts with.
pub const SOURCE: &str = "[source]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n";

/// `text` with `old` (which must occur exactly once) replaced by `new`: the expected file
/// after an edit, built by hand from the original.
pub fn replace_once(text: &str, old: &str, new: &str) -> String {
    assert_eq!(
        text.matches(old).count(),
        1,
        "expected exactly one {old:?} in the text"
    );
    text.replacen(old, new, 1)
}

/// The problems of a workspace as `path:line:col: message` lines.
pub fn problems(ws: &Workspace) -> Vec<String> {
    ws.problems.iter().map(|p| p.to_string()).collect()
}
