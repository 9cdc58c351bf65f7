//! Who makes an edit: `--by`, `$DONDOC_USER`, `git config user.name`, or the login name.

use std::path::Path;
use std::process::Command;

pub fn resolve(by: Option<&str>, root: &Path) -> String {
    let non_empty = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    by.map(str::to_string)
        .and_then(non_empty)
        .or_else(|| std::env::var("DONDOC_USER").ok().and_then(non_empty))
        .or_else(|| git_user_name(root).and_then(non_empty))
        .or_else(|| login_name().and_then(non_empty))
        .unwrap_or_else(|| "unknown".to_string())
}

fn git_user_name(root: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["config", "user.name"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The account that logged in (over SSH, the SSH user).
fn login_name() -> Option<String> {
    ["LOGNAME", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok())
}
