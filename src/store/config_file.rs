//! `dondoc.toml`, the workspace's settings: title, units (owners), `[git]`, `[report]`.

use super::parse::{self, get, kind, problem, valid_id, Ctx};
use crate::model::*;
use std::collections::{HashMap, HashSet};
use toml::de::{DeTable, DeValue};

pub const CONFIG_FILE: &str = "dondoc.toml";

/// The `timezone` of the workspace at `root`, read before the workspace loads: the office's
/// clock decides "today" for every command. `None` when absent or unreadable (loading then
/// reports why).
pub fn timezone_setting(root: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("timezone")?.as_str().map(str::to_string)
}

/// Reads `dondoc.toml` into the workspace; returns the owner ids to check references against,
/// or `None` when the file is broken (then references are not checked, to avoid noise).
pub(super) fn parse_config(bytes: &[u8], ws: &mut Workspace) -> Option<HashSet<String>> {
    ws.title = "dondoc".to_string();
    ws.due_soon_days = 7;
    ws.config_fingerprint = super::text::fingerprint(bytes);
    let path = CONFIG_FILE;
    let parsed = match parse::parse(bytes) {
        Ok(p) => p,
        Err(e) => {
            ws.config_broken = true;
            ws.config_problems.push(problem(path, e.pos, e.kind));
            return None;
        }
    };
    let mut ctx = Ctx {
        path,
        lines: &parsed.lines,
        problems: Vec::new(),
    };
    for (pos, kind) in &parsed.newer_syntax {
        ctx.report_at(*pos, kind.clone());
    }
    let t = parsed.table.get_ref();
    ctx.unknown_keys(
        t,
        &[
            "title",
            "due_soon_days",
            "owner",
            "git",
            "lang",
            "version",
            "timezone",
            "report",
        ],
        Place::Config,
    );
    if let Some(v) = get(t, "title") {
        if let Some(title) = ctx.string(v, "title") {
            ws.title = title;
        }
    }
    if let Some(v) = get(t, "due_soon_days") {
        match v.get_ref() {
            DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<i64>() {
                Ok(n) if (0..=3650).contains(&n) => ws.due_soon_days = n,
                _ => ctx.report(v, ProblemKind::DueSoonDaysOutOfRange),
            },
            other => ctx.report(
                v,
                ProblemKind::DueSoonDaysNotAnInteger { found: kind(other) },
            ),
        }
    }
    if let Some(v) = get(t, "timezone") {
        if let Some(name) = ctx.string(v, "timezone") {
            if crate::clock::Zone::named(&name).is_some() {
                ws.timezone = Some(name);
            } else {
                ctx.report(v, ProblemKind::UnknownTimeZone(name));
            }
        }
    }
    if let Some(v) = get(t, "report") {
        if let Some(r) = ctx.table(v, "[report]") {
            read_report_frame(&mut ctx, r, &mut ws.report);
        }
    }
    if let Some(v) = get(t, "git") {
        if let Some(git) = ctx.table(v, "[git]") {
            ctx.unknown_keys(git, &["commit"], Place::Git);
            if let Some(c) = get(git, "commit") {
                ws.git.commit = ctx.boolean(c, "commit");
            }
        }
    }
    let mut ids: HashMap<String, (usize, usize)> = HashMap::new();
    if let Some(v) = get(t, "owner") {
        for item in ctx.tables(v, "owner") {
            let DeValue::Table(o) = item.get_ref() else {
                continue;
            };
            ctx.unknown_keys(
                o,
                &["id", "name", "short", "group", "aliases", "addressee"],
                Place::Owner,
            );
            let Some(id_field) = get(o, "id") else {
                ctx.report(item, ProblemKind::OwnerWithoutId);
                continue;
            };
            let Some(id) = ctx.string(id_field, "id") else {
                continue;
            };
            if !valid_id(&id, &['-']) || id.chars().any(|c| c.is_ascii_uppercase()) {
                ctx.report(id_field, ProblemKind::InvalidOwnerId(id.clone()));
            }
            let pos = ctx.pos(id_field.span().start);
            if let Some(first) = ids.get(&id) {
                ctx.report_at(
                    pos,
                    ProblemKind::DuplicateOwnerId {
                        id: id.clone(),
                        path: path.to_string(),
                        line: first.0,
                        col: first.1,
                    },
                );
                continue;
            }
            ids.insert(id.clone(), pos);
            let name = match get(o, "name") {
                Some(v) => ctx.string(v, "name").unwrap_or_else(|| id.clone()),
                None => {
                    ctx.report(item, ProblemKind::OwnerWithoutName(id.clone()));
                    id.clone()
                }
            };
            let short = get(o, "short").and_then(|v| ctx.string(v, "short"));
            let group = get(o, "group")
                .and_then(|v| ctx.string(v, "group"))
                .unwrap_or_default();
            if !ws.groups.contains(&group) {
                ws.groups.push(group.clone());
            }
            let aliases = get(o, "aliases")
                .map(|v| ctx.strings(v, "aliases"))
                .unwrap_or_default();
            let addressee = get(o, "addressee").and_then(|v| ctx.string(v, "addressee"));
            ws.owners.push(Owner {
                id,
                name,
                short,
                group,
                aliases,
                addressee,
            });
        }
    }
    ws.config_problems.extend(ctx.problems);
    Some(ids.into_keys().collect())
}

/// `[report]`: the frame of printed documents; every key optional.
fn read_report_frame(ctx: &mut Ctx, t: &DeTable, frame: &mut ReportFrame) {
    const ONE: &[&str] = &[
        "issuer",
        "office",
        "place",
        "report_ref",
        "letter_ref",
        "signer",
    ];
    const MANY: &[&str] = &["motto", "signer_title", "recipients"];
    let allowed: Vec<&str> = ONE.iter().chain(MANY).copied().collect();
    ctx.unknown_keys(t, &allowed, Place::Report);
    let one = |ctx: &mut Ctx, key: &str| get(t, key).and_then(|v| ctx.string(v, key));
    frame.issuer = one(ctx, "issuer");
    frame.office = one(ctx, "office");
    frame.place = one(ctx, "place");
    frame.report_ref = one(ctx, "report_ref");
    frame.letter_ref = one(ctx, "letter_ref");
    frame.signer = one(ctx, "signer");
    // A single line may be written as a plain string.
    let many = |ctx: &mut Ctx, key: &str| match get(t, key) {
        Some(v) if matches!(v.get_ref(), DeValue::String(_)) => {
            ctx.string(v, key).into_iter().collect()
        }
        Some(v) => ctx.strings(v, key),
        None => Vec::new(),
    };
    frame.motto = many(ctx, "motto");
    frame.signer_title = many(ctx, "signer_title");
    frame.recipients = many(ctx, "recipients");
}
