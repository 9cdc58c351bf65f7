//! Finding units by what people type: the unit picker's filter and the command line's
//! `--owner`/`--support` values. Case and Vietnamese diacritics are ignored. Pure.

use crate::fold::fold;
use crate::model::Owner;

/// The words of a text, folded: "Huyện ủy Ba Bể" → `huyen uy ba be`; `ba-be` → `ba be`.
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The texts a unit goes by: id, name, short name, aliases.
fn names(o: &Owner) -> impl Iterator<Item = &str> {
    [o.id.as_str(), o.name.as_str()]
        .into_iter()
        .chain(o.short.as_deref())
        .chain(o.aliases.iter().map(String::as_str))
}

/// Whether `query` (folded, no spaces) is made of a prefix of each of some words of `words`,
/// in order: `bbe` is "Ba Bể" (b + be), `ct` is "Cục Thuế". A table over (query position,
/// word), so a long query costs at most its length times the number of words (squared).
fn initials(query: &str, words: &[String]) -> bool {
    let q: Vec<char> = query.chars().collect();
    let w: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    // can[i][j]: q[i..] is made from words j.. .
    let mut can = vec![vec![false; w.len() + 1]; q.len() + 1];
    for row in can[q.len()].iter_mut() {
        *row = true;
    }
    for i in (0..q.len()).rev() {
        for j in (0..w.len()).rev() {
            let common = w[j].iter().zip(&q[i..]).take_while(|(a, b)| a == b).count();
            can[i][j] = can[i][j + 1] || (1..=common).any(|n| can[i + n][j + 1]);
        }
    }
    can[0][0]
}

/// Whether a unit matches what was typed: every word of the query inside one of its names
/// (`ba be`, `cuc thue`), or the query as the start letters of a name's words (`bbe`).
pub fn unit_matches(o: &Owner, query: &str) -> bool {
    let q = words(query);
    if q.is_empty() {
        return true;
    }
    let joined: String = q.concat();
    names(o).any(|name| {
        let w = words(name);
        let folded = w.join(" ");
        q.iter().all(|word| folded.contains(word.as_str())) || initials(&joined, &w)
    })
}

/// How well a unit matches what was typed, to highlight the likeliest first: 3 when a name
/// (or the id) is what was typed (`cong an` is "Công an tỉnh" more than "Ban Quản lý các Khu
/// công nghiệp"), 2 when each word typed starts a word of a name, in order, 1 for any other
/// match, 0 for none.
pub fn rank(o: &Owner, query: &str) -> u8 {
    let q = words(query);
    if !unit_matches(o, query) {
        return 0;
    }
    let starts = |w: &[String]| {
        let mut rest = w.iter();
        q.iter()
            .all(|qw| rest.any(|word| word.starts_with(qw.as_str())))
    };
    names(o)
        .map(|name| {
            let w = words(name);
            if w == q || w.concat() == q.concat() {
                3
            } else if starts(&w) {
                2
            } else {
                1
            }
        })
        .max()
        .unwrap_or(1)
}

/// One group of the picker: its name, whether the query names the group itself (then it can
/// be taken whole), and its units that match (all of them when the group's name matches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMatch<'a> {
    pub name: &'a str,
    pub whole: bool,
    pub units: Vec<&'a Owner>,
}

/// The picker's list for `query`: groups in order of first use, each with its matching units
/// in registry order; groups with nothing matching are left out. An empty query lists all.
pub fn pick<'a>(owners: &'a [Owner], groups: &'a [String], query: &str) -> Vec<GroupMatch<'a>> {
    let q = words(query);
    groups
        .iter()
        .filter_map(|group| {
            let members = owners.iter().filter(|o| o.group == *group);
            let g = words(group).join(" ");
            let whole = !q.is_empty() && q.iter().all(|w| g.contains(w.as_str()));
            let units: Vec<&Owner> = if whole || q.is_empty() {
                members.collect()
            } else {
                members.filter(|o| unit_matches(o, query)).collect()
            };
            (!units.is_empty()).then_some(GroupMatch {
                name: group,
                whole: whole || q.is_empty(),
                units,
            })
        })
        .collect()
}

/// The units named by a command-line value: unit ids, names, short names or aliases, or group
/// names, separated by commas ("ba-be,cho-don", "Huyện, thành ủy"); case and diacritics
/// ignored, exact otherwise. A group gives all its units. Err: the value matched by nothing.
pub fn resolve(owners: &[Owner], groups: &[String], value: &str) -> Result<Vec<String>, String> {
    let one = |item: &str| -> Option<Vec<String>> {
        let key = words(item).join(" ");
        if key.is_empty() {
            return None;
        }
        if let Some(o) = owners.iter().find(|o| o.id == item.trim()) {
            return Some(vec![o.id.clone()]);
        }
        if let Some(g) = groups.iter().find(|g| words(g).join(" ") == key) {
            return Some(
                owners
                    .iter()
                    .filter(|o| o.group == *g)
                    .map(|o| o.id.clone())
                    .collect(),
            );
        }
        let found: Vec<&Owner> = owners
            .iter()
            .filter(|o| names(o).any(|n| words(n).join(" ") == key))
            .collect();
        match found.as_slice() {
            [o] => Some(vec![o.id.clone()]),
            _ => None,
        }
    };
    if let Some(all) = one(value) {
        return Ok(all);
    }
    let mut out: Vec<String> = Vec::new();
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let ids = one(item).ok_or_else(|| item.to_string())?;
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    if out.is_empty() {
        return Err(value.trim().to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(id: &str, name: &str, short: &str, group: &str, aliases: &[&str]) -> Owner {
        Owner {
            id: id.into(),
            name: name.into(),
            short: Some(short.into()),
            group: group.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            addressee: None,
        }
    }

    fn registry() -> (Vec<Owner>, Vec<String>) {
        let d = "Huyện, thành ủy";
        let s = "Sở, ban, ngành";
        let owners = vec![
            owner("tp-bac-kan", "Thành ủy Bắc Kạn", "TP. Bắc Kạn", d, &[]),
            owner("ba-be", "Huyện ủy Ba Bể", "Ba Bể", d, &["UBND huyện Ba Bể"]),
            owner("bach-thong", "Huyện ủy Bạch Thông", "Bạch Thông", d, &[]),
            owner("cho-don", "Huyện ủy Chợ Đồn", "Chợ Đồn", d, &[]),
            owner("so-tc", "Sở Tài chính", "Sở Tài chính", s, &[]),
            owner(
                "cuc-thue",
                "Cục Thuế tỉnh",
                "Cục Thuế",
                s,
                &["Chi cục Thuế khu vực"],
            ),
        ];
        (owners, vec![d.into(), s.into()])
    }

    fn ids(owners: &[Owner], query: &str) -> Vec<String> {
        owners
            .iter()
            .filter(|o| unit_matches(o, query))
            .map(|o| o.id.clone())
            .collect()
    }

    #[test]
    fn typed_without_diacritics_or_case() {
        let (owners, _) = registry();
        assert_eq!(ids(&owners, "ba be"), ["ba-be"]);
        assert_eq!(ids(&owners, "BA BE"), ["ba-be"]);
        assert_eq!(ids(&owners, "Bể"), ["ba-be"]);
        assert_eq!(ids(&owners, "cuc thue"), ["cuc-thue"]);
        assert_eq!(ids(&owners, "CỤC THUẾ"), ["cuc-thue"]);
    }

    #[test]
    fn the_unit_named_as_typed_ranks_first() {
        let kcn = owner(
            "bql-kcn",
            "Ban Quản lý các Khu công nghiệp",
            "BQL các KCN",
            "Sở, ban, ngành",
            &[],
        );
        let ca = owner("cong-an", "Công an tỉnh", "Công an tỉnh", "Lực lượng", &[]);
        assert_eq!(rank(&kcn, "cong an"), 1);
        assert_eq!(rank(&ca, "cong an"), 3);
        assert_eq!(rank(&ca, "cong a"), 2);
        assert_eq!(rank(&ca, "cong an tinh"), 3);
        assert_eq!(rank(&ca, "CONG-AN"), 3);
        assert_eq!(rank(&ca, "thue"), 0);
    }

    #[test]
    fn initials_of_the_words() {
        let (owners, _) = registry();
        assert_eq!(ids(&owners, "bbe"), ["ba-be"]);
        assert_eq!(ids(&owners, "bth"), ["bach-thong"]);
        assert_eq!(ids(&owners, "ct"), ["cuc-thue"]);
        assert!(ids(&owners, "xyz").is_empty());
        // A long query is answered at once, whatever it is.
        let long = "a".repeat(400);
        assert!(!initials(&long, &vec!["a".repeat(10); 30]));
        assert!(initials(&long, &vec!["a".repeat(20); 30]));
        assert!(initials("aaaa", &["aa".into(), "x".into(), "aa".into()]));
    }

    #[test]
    fn aliases_and_ids_match() {
        let (owners, _) = registry();
        assert_eq!(ids(&owners, "ubnd"), ["ba-be"]);
        assert_eq!(ids(&owners, "khu vuc"), ["cuc-thue"]);
        assert_eq!(ids(&owners, "cho-don"), ["cho-don"]);
    }

    #[test]
    fn the_picker_shows_units_under_their_groups() {
        let (owners, groups) = registry();
        let list = pick(&owners, &groups, "ba be");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Huyện, thành ủy");
        assert!(!list[0].whole);
        assert_eq!(list[0].units.len(), 1);
        // A group named by the query is offered whole, with all its units.
        let list = pick(&owners, &groups, "huyen thanh");
        assert_eq!(list.len(), 1);
        assert!(list[0].whole);
        assert_eq!(list[0].units.len(), 4);
        // Nothing typed: everything, groups whole.
        let all = pick(&owners, &groups, "");
        assert_eq!(all.iter().map(|g| g.units.len()).sum::<usize>(), 6);
    }

    #[test]
    fn command_line_values() {
        let (owners, groups) = registry();
        assert_eq!(resolve(&owners, &groups, "ba-be").unwrap(), ["ba-be"]);
        assert_eq!(
            resolve(&owners, &groups, "huyen, THANH UY").unwrap(),
            ["tp-bac-kan", "ba-be", "bach-thong", "cho-don"]
        );
        assert_eq!(
            resolve(&owners, &groups, "ba-be, cuc thue,Ba Be").unwrap(),
            ["ba-be", "cuc-thue"]
        );
        assert_eq!(
            resolve(&owners, &groups, "ba-be,nowhere").unwrap_err(),
            "nowhere"
        );
        // Fuzzy matching is for the picker; a command takes exact names.
        assert!(resolve(&owners, &groups, "bbe").is_err());
    }
}
