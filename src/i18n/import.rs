//! The strings of an import: reading the document, `dondoc import`'s messages, and the UI's
//! review of the drafts (`I`).

use super::terms::head;
use super::Lang;
use crate::import::read::ReadError;

pub use super::terms::Text;

pub fn tr(lang: Lang, text: Text) -> &'static str {
    lang.pick(text.0, text.1)
}

// Reading.

/// Why a document could not be read.
pub fn read_error(lang: Lang, e: &ReadError) -> String {
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Vi, ReadError::Docx(why)) => format!("không phải tệp Word (.docx): {why}"),
        (Lang::Vi, ReadError::Sheet(why)) => format!("không đọc được bảng tính: {why}"),
        (Lang::Vi, ReadError::NoSheet(name, sheets)) => {
            format!("không có trang tính tên \"{name}\" (các trang: {sheets})")
        }
        (Lang::Vi, ReadError::Csv { line, message }) => format!("dòng {line}: {message}"),
        (Lang::Vi, ReadError::Utf8(at)) => format!(
            "không phải văn bản UTF-8 (byte {at}): hãy lưu lại dưới dạng UTF-8 hoặc Unicode"
        ),
    }
}

pub fn not_a_document(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("{path}: not a document dondoc reads (.docx, .txt, .md, .xlsx, .csv)"),
        Lang::Vi => {
            format!("{path}: không phải loại tệp dondoc đọc được (.docx, .txt, .md, .xlsx, .csv)")
        }
    }
}

pub fn no_such_file(lang: Lang, path: &str, looked: &[String]) -> String {
    let looked = looked.join(", ");
    match lang {
        Lang::En => format!("{path}: no such file (looked in {looked})"),
        Lang::Vi => format!("{path}: không có tệp này (đã tìm trong {looked})"),
    }
}

pub fn is_a_folder(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("{path} is a folder: give a document's path"),
        Lang::Vi => format!("{path} là thư mục: hãy nhập đường dẫn của một văn bản"),
    }
}

pub fn cannot_read(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::En => format!("{path}: cannot read it ({why})"),
        Lang::Vi => format!("{path}: không đọc được ({why})"),
    }
}

pub fn unknown_columns(lang: Lang, columns: &[String], path: &str) -> String {
    let columns = columns.join(", ");
    match lang {
        Lang::En => format!(
            "--map: no column {columns} in {path} (give a header's name, a letter or a number)"
        ),
        Lang::Vi => format!(
            "--map: không có cột {columns} trong {path} (ghi tên cột ở dòng tiêu đề, chữ cái \
             hoặc số thứ tự của cột)"
        ),
    }
}

pub fn bad_map_item(lang: Lang, item: &str) -> String {
    match lang {
        Lang::En => format!("--map {item}: write COLUMN=FIELD"),
        Lang::Vi => format!("--map {item}: viết theo dạng CỘT=TRƯỜNG"),
    }
}

pub fn bad_map_field(lang: Lang, item: &str, field: &str) -> String {
    match lang {
        Lang::En => format!(
            "--map {item}: \"{field}\" is not a field (text, owner, support, deadline, status, \
             note, source, done_on, issued_by, skip)"
        ),
        Lang::Vi => format!(
            "--map {item}: \"{field}\" không phải tên trường (text, owner, support, deadline, \
             status, note, source, done_on, issued_by, skip)"
        ),
    }
}

pub fn several_sources(lang: Lang, path: &str, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{path}: the sheet names {n} sources (\"Văn bản giao\"), one file each; leave out --into"
        ),
        Lang::Vi => format!(
            "{path}: bảng tính có {n} văn bản giao (cột \"Văn bản giao\"), mỗi văn bản một tệp; \
             bỏ --into"
        ),
    }
}

/// The UI reviews one source at a time.
pub fn several_sources_ui(lang: Lang, path: &str, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{path}: the sheet names {n} sources (\"Văn bản giao\"); import it with `dondoc import`, \
             which writes one file each"
        ),
        Lang::Vi => format!(
            "{path}: bảng tính có {n} văn bản giao; hãy dùng lệnh `dondoc import` (mỗi văn bản \
             một tệp)"
        ),
    }
}

// `dondoc import` on the command line.

pub fn would_write(lang: Lang, append: bool, rel: &str) -> String {
    match (lang, append) {
        (Lang::En, false) => format!("# dondoc import: would write {rel}"),
        (Lang::En, true) => format!("# dondoc import: would append to {rel}"),
        (Lang::Vi, false) => format!("# dondoc import: sẽ ghi tệp mới {rel}"),
        (Lang::Vi, true) => format!("# dondoc import: sẽ ghi thêm vào cuối {rel}"),
    }
}

pub fn wrote(lang: Lang, append: bool, rel: &str) -> String {
    match (lang, append) {
        (Lang::En, false) => format!("wrote {rel}"),
        (Lang::En, true) => format!("appended to {rel}"),
        (Lang::Vi, false) => format!("đã ghi tệp {rel}"),
        (Lang::Vi, true) => format!("đã ghi thêm vào {rel}"),
    }
}

pub fn no_task(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("{path}: no task found; nothing written"),
        Lang::Vi => format!("{path}: không tìm thấy nhiệm vụ nào; chưa ghi gì"),
    }
}

pub fn unassigned_refused(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "nothing written: {n} task{} with no lead unit; fix the document or the units' \
             aliases in dondoc.toml, or give --allow-unassigned to write them as drafts",
            if n == 1 { "" } else { "s" }
        ),
        Lang::Vi => format!(
            "chưa ghi gì: {n} nhiệm vụ chưa có đơn vị chủ trì; sửa văn bản hoặc tên gọi khác \
             (aliases) của đơn vị trong dondoc.toml, hoặc thêm --allow-unassigned để ghi \
             thành bản nháp"
        ),
    }
}

pub fn exists_use_into(lang: Lang, rel: &str) -> String {
    match lang {
        Lang::En => format!("{rel} exists already; give --into {rel} to add the directives to it"),
        Lang::Vi => format!("{rel} đã có; thêm --into {rel} để ghi các nhiệm vụ vào tệp đó"),
    }
}

/// A new meeting file whose document gives no date.
pub fn no_source_date(lang: Lang, rel: &str) -> String {
    match lang {
        Lang::En => format!(
            "{rel}: the document gives no date for its meeting: give it with --source-date (e.g. --source-date 25/08/2023)"
        ),
        Lang::Vi => format!(
            "{rel}: văn bản không ghi ngày của cuộc họp: hãy ghi bằng --source-date (ví dụ --source-date 25/08/2023)"
        ),
    }
}

pub fn two_sources_one_file(lang: Lang, rel: &str) -> String {
    match lang {
        Lang::En => format!("{rel}: two sources would go to one file"),
        Lang::Vi => format!("{rel}: hai văn bản giao sẽ ghi vào cùng một tệp"),
    }
}

pub fn not_a_directive_file(lang: Lang, rel: &str) -> String {
    match lang {
        Lang::En => format!("{rel} is not a directive file of the workspace; nothing written"),
        Lang::Vi => format!("{rel} không phải tệp nhiệm vụ của thư mục dữ liệu; chưa ghi gì"),
    }
}

pub fn broken_file(lang: Lang, rel: &str, reason: &str) -> String {
    match lang {
        Lang::En => {
            format!("{rel}: not written, the file is broken ({reason}); fix it by hand first")
        }
        Lang::Vi => format!("{rel}: chưa ghi, tệp bị lỗi ({reason}); hãy sửa tay trước"),
    }
}

pub fn outside_workspace(lang: Lang, into: &str, root: &str) -> String {
    match lang {
        Lang::En => format!("{into}: not inside the workspace {root}"),
        Lang::Vi => format!("{into}: không nằm trong thư mục dữ liệu {root}"),
    }
}

pub fn bad_into(lang: Lang, into: &str) -> String {
    match lang {
        Lang::En => {
            format!("--into {into}: give a directive file (NAME.toml) inside the workspace")
        }
        Lang::Vi => {
            format!("--into {into}: hãy chỉ một tệp nhiệm vụ (TÊN.toml) trong thư mục dữ liệu")
        }
    }
}

pub fn nothing_written(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("nothing written: {why}"),
        Lang::Vi => format!("chưa ghi gì: {why}"),
    }
}

pub const LINE: Text = ("line", "dòng");

// The review in the UI.

pub const PROMPT_TITLE: Text = (
    "Import a notice or a sheet",
    "Nhập thông báo kết luận hoặc bảng theo dõi",
);
pub const PROMPT_HINT: Text = (
    "The file (.docx .txt .md .xlsx .csv), from the current folder or the workspace; or paste the notice's text",
    "Tệp (.docx .txt .md .xlsx .csv), tính từ thư mục hiện tại hoặc thư mục dữ liệu; hoặc dán nội dung thông báo",
);
pub const PROMPT_FILE: Text = ("File", "Tệp");
pub const PASTED: Text = ("pasted text", "văn bản dán vào");
pub const EMPTY_PATH: Text = (
    "Type the document's path, or paste the notice's text",
    "Hãy nhập đường dẫn văn bản hoặc dán nội dung thông báo",
);
pub const REVIEW: Text = ("Import", "Nhập văn bản");
pub const SKIPPED: Text = (
    "Not made into tasks (check nothing is missing; Space makes one a task)",
    "Không thành nhiệm vụ (kiểm tra để không bỏ sót; Space để chuyển thành nhiệm vụ)",
);
pub const NO_LEAD: Text = ("no lead unit", "chưa có đơn vị chủ trì");
pub const NO_DEADLINE: Text = ("no deadline", "chưa có thời hạn");
pub const ONGOING: Text = ("ongoing", "thường xuyên");
pub const LEAD: Text = ("lead", "chủ trì");
pub const SUPPORT: Text = ("with", "phối hợp");
pub const EDITED: Text = ("edited", "đã sửa");
pub const NO_TASKS: Text = (
    "No task recognised: every paragraph is listed below.",
    "Không nhận ra nhiệm vụ nào: các đoạn được liệt kê dưới đây.",
);
pub const SOURCE: Text = head::SOURCE;
pub const SPLIT_TITLE: Text = ("Split the draft", "Tách nhiệm vụ");
pub const SPLIT_COPY: Text = (
    "Two drafts, each with the whole text (edit each)",
    "Hai nhiệm vụ, mỗi nhiệm vụ giữ nguyên văn (sửa từng cái)",
);
pub const SPLIT_AFTER: Text = ("after", "sau");
pub const SPLIT_NONE: Text = ("Choose a draft to split", "Hãy chọn một nhiệm vụ để tách");
pub const MERGE_LAST: Text = (
    "The last draft has no next one to merge with",
    "Nhiệm vụ cuối cùng không có nhiệm vụ sau để gộp",
);
pub const NOT_A_DRAFT: Text = (
    "That is a skipped paragraph: Space makes it a task",
    "Đây là đoạn không thành nhiệm vụ: Space để chuyển thành nhiệm vụ",
);
pub const NOTHING_ACCEPTED: Text = (
    "No draft accepted: Space accepts one, * accepts all",
    "Chưa chấp nhận nhiệm vụ nào: Space để chấp nhận, * để chấp nhận tất cả",
);
pub const DISCARD: Text = (
    "Discard the reviewed import? Nothing has been written. y discards, n goes back",
    "Bỏ kết quả rà soát? Chưa ghi gì vào dữ liệu. y: bỏ, n: quay lại",
);
pub const DISCARDED: Text = ("Import discarded; nothing written", "Đã bỏ, không ghi gì");

// Keys (help and footer).
pub const KEY_IMPORT: Text = (
    "import a notice or a tracking sheet (a file, or pasted text): review, then write",
    "nhập thông báo kết luận hoặc bảng theo dõi (tệp hoặc văn bản dán vào): rà soát rồi ghi",
);
pub const KEY_READ: Text = ("read the document", "đọc văn bản");
pub const KEY_ACCEPT: Text = (
    "accept the draft, or take it back (on a skipped paragraph: make it a task)",
    "chấp nhận nhiệm vụ hoặc bỏ chấp nhận (ở đoạn không thành nhiệm vụ: chuyển thành nhiệm vụ)",
);
pub const KEY_ACCEPT_ALL: Text = (
    "accept all (again: none)",
    "chấp nhận tất cả (lần nữa: bỏ hết)",
);
pub const KEY_EDIT: Text = (
    "edit the draft in the directive form (saving comes back here; nothing is written yet)",
    "sửa nhiệm vụ trong biểu mẫu (lưu xong quay lại đây; chưa ghi vào dữ liệu)",
);
pub const KEY_SPLIT: Text = (
    "split the draft: at a line or sentence, or into two copies",
    "tách nhiệm vụ: tại một dòng hoặc câu, hoặc thành hai bản",
);
pub const KEY_MERGE: Text = ("merge the draft with the next", "gộp với nhiệm vụ sau");
pub const KEY_DROP: Text = (
    "drop the draft, or take it back",
    "bỏ nhiệm vụ, hoặc lấy lại",
);
pub const KEY_WRITE: Text = (
    "write the accepted drafts as a new meeting file (asks first)",
    "ghi các nhiệm vụ đã chấp nhận thành tệp cuộc họp mới (hỏi trước)",
);
pub const KEY_BACK: Text = (
    "leave the review (asks first when something was decided)",
    "thoát rà soát (hỏi trước nếu đã có thay đổi)",
);
pub const KEY_SPLIT_CHOOSE: Text = ("split here", "tách tại đây");
pub const KEY_WRITE_YES: Text = ("write", "ghi");
pub const KEY_WRITE_DRAFTS: Text = (
    "write, the drafts with no lead unit as drafts (draft = true)",
    "ghi, nhiệm vụ chưa có đơn vị chủ trì ghi thành bản nháp (draft = true)",
);
pub const HINT_ACCEPT: Text = ("accept", "chấp nhận");
pub const HINT_EDIT: Text = ("edit", "sửa");
pub const HINT_SPLIT: Text = ("split", "tách");
pub const HINT_MERGE: Text = ("merge", "gộp");
pub const HINT_DROP: Text = ("drop", "bỏ");
pub const HINT_WRITE: Text = ("write", "ghi");
pub const HINT_BACK: Text = ("back", "quay lại");
pub const HINT_READ: Text = ("read", "đọc");
pub const HINT_CANCEL: Text = ("cancel", "hủy");
pub const HINT_DRAFTS: Text = ("as drafts", "ghi nháp");
pub const MODE_IMPORT: Text = ("Import review", "Rà soát văn bản nhập");

/// The review's title: what was read, where it goes, the counts.
pub fn review_title(lang: Lang, origin: &str, rel: &str, tasks: usize) -> String {
    match lang {
        Lang::En => format!("Import: {origin} → {rel} · {tasks} task{}", plural(tasks)),
        Lang::Vi => format!("Nhập: {origin} → {rel} · {tasks} nhiệm vụ"),
    }
}

/// Under the title: the decisions so far.
pub fn review_counts(lang: Lang, accepted: usize, dropped: usize, undecided: usize) -> String {
    match lang {
        Lang::En => format!("{accepted} accepted · {dropped} dropped · {undecided} to decide"),
        Lang::Vi => format!("{accepted} chấp nhận · {dropped} bỏ · {undecided} chưa rà soát"),
    }
}

/// The confirmation before writing, naming the file and the count.
pub fn confirm_write(
    lang: Lang,
    rel: &str,
    n: usize,
    unassigned: usize,
    undecided: usize,
) -> String {
    let mut s = match lang {
        Lang::En => format!(
            "Create {rel} with {n} directive{} (created = true in each log)?",
            plural(n)
        ),
        Lang::Vi => format!("Tạo tệp {rel} với {n} nhiệm vụ (ghi nhật ký created = true)?"),
    };
    if undecided > 0 {
        s.push(' ');
        s.push_str(&match lang {
            Lang::En => format!(
                "{undecided} draft{} not accepted will not be written.",
                plural(undecided)
            ),
            Lang::Vi => format!("{undecided} nhiệm vụ chưa chấp nhận sẽ không được ghi."),
        });
    }
    s.push(' ');
    s.push_str(&match (lang, unassigned) {
        (Lang::En, 0) => "y writes, n goes back".to_string(),
        (Lang::Vi, 0) => "y: ghi, n: quay lại".to_string(),
        (Lang::En, 1) => "1 has no lead unit: d writes it as a draft (draft = true), n goes back \
                          to give it one"
            .to_string(),
        (Lang::En, u) => format!(
            "{u} have no lead unit: d writes them as drafts (draft = true), n goes back to give \
             them one"
        ),
        (Lang::Vi, u) => format!(
            "{u} nhiệm vụ chưa có đơn vị chủ trì: d để ghi thành bản nháp (draft = true), n \
             quay lại để chọn đơn vị"
        ),
    });
    s
}

/// `y` with drafts lacking a lead unit.
pub fn unassigned_in_ui(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!(
            "{n} accepted draft{} ha{} no lead unit: d writes them as drafts, or n and edit them",
            plural(n),
            if n == 1 { "s" } else { "ve" }
        ),
        Lang::Vi => {
            format!("{n} nhiệm vụ chưa có đơn vị chủ trì: d để ghi thành bản nháp, hoặc n rồi sửa")
        }
    }
}

/// After the write.
pub fn written(lang: Lang, rel: &str, n: usize, drafts: usize) -> String {
    let extra = match (lang, drafts) {
        (_, 0) => String::new(),
        (Lang::En, d) => format!(", {d} as draft{}", plural(d)),
        (Lang::Vi, d) => format!(", {d} bản nháp"),
    };
    match lang {
        Lang::En => format!("Created {rel}: {n} directive{}{extra}", plural(n)),
        Lang::Vi => format!("Đã tạo {rel}: {n} nhiệm vụ{extra}"),
    }
}

pub fn write_refused(lang: Lang, rel: &str, why: &str) -> String {
    match lang {
        Lang::En => format!("{rel}: nothing written: {why}"),
        Lang::Vi => format!("{rel}: chưa ghi gì: {why}"),
    }
}

/// The review opened: what was found.
pub fn read_done(lang: Lang, origin: &str, s: &crate::import::Summary) -> String {
    format!("{origin}: {}", super::cli::import_summary(lang, s))
}

/// The notice's date was not found: the review takes the as-of date, and says so.
pub fn date_assumed(lang: Lang, date: chrono::NaiveDate) -> String {
    let d = super::terms::date(lang, date);
    match lang {
        Lang::En => {
            format!("the document's date was not found: {d} is used (the date of the data)")
        }
        Lang::Vi => format!("không đọc được ngày của văn bản: lấy ngày {d} (ngày chốt số liệu)"),
    }
}

pub fn line_no(lang: Lang, line: usize) -> String {
    format!("{} {line}", tr(lang, LINE))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_names_the_file_and_the_count() {
        let s = confirm_write(Lang::Vi, "2023/tb.toml", 12, 2, 1);
        assert!(
            s.contains("2023/tb.toml") && s.contains("12 nhiệm vụ"),
            "{s}"
        );
        assert!(s.contains("2 nhiệm vụ chưa có đơn vị chủ trì"), "{s}");
        assert!(s.contains("1 nhiệm vụ chưa chấp nhận"), "{s}");
        let s = confirm_write(Lang::En, "2023/tb.toml", 1, 0, 0);
        assert_eq!(
            s,
            "Create 2023/tb.toml with 1 directive (created = true in each log)? y writes, n goes back"
        );
    }
}
