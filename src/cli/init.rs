//! `dondoc init`: a new workspace with a commented `dondoc.toml`, one example directive file
//! and the `.gitattributes` line for dondoc's merge driver. The result passes `validate`.

use super::{output, Context, Refused};
use crate::i18n::{cli as text, Lang};
use crate::store::CONFIG_FILE;
use anyhow::Context as _;
use chrono::{Datelike, Days, NaiveDate};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder for the new workspace
    pub dir: std::path::PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let shown = dir.display().to_string();
    if dir.join(CONFIG_FILE).exists() {
        return Err(Refused(format!(
            "{shown} already holds a dondoc.toml: not overwritten (use another folder)"
        ))
        .into());
    }
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{shown} exists and is not a folder");
    }
    let example_rel = format!("{}/example.toml", ctx.today.year());
    let example = dir.join(&example_rel);
    if example.exists() {
        return Err(Refused(format!(
            "{} already exists: not overwritten (use another folder)",
            example.display()
        ))
        .into());
    }

    std::fs::create_dir_all(example.parent().unwrap_or(dir))
        .with_context(|| format!("cannot create {shown}"))?;
    write_new(&dir.join(CONFIG_FILE), &config_template(ctx.lang))?;
    write_new(&example, &example_template(ctx.lang, ctx.today))?;
    // Inside a git repository, register the merge driver too; elsewhere `.gitattributes`
    // waits for `dondoc git-setup` in the clone.
    match crate::git::setup::register(dir) {
        Ok(_) => {}
        Err(crate::git::GitError::NotARepo(_)) => {
            crate::git::setup::ensure_attributes(dir)?;
        }
        Err(e) => return Err(e.into()),
    }
    crate::store::guard::ensure_gitignore(dir)
        .with_context(|| format!("cannot write {}", dir.join(".gitignore").display()))?;

    let next = text::init_next_steps(ctx.lang, &shown, &example_rel);
    output::to_stdout(|out| out.write_all(next.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// Creates a file that must not exist yet: init never overwrites anything.
fn write_new(path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(content.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

fn config_template(lang: Lang) -> String {
    match lang {
        Lang::En => r#"# dondoc workspace settings and the registry of units (format version 1).
# Every other *.toml file below this folder is a directive file: one meeting or notice each.

# Shown in the title bar.
title = "Follow-up of briefing conclusions"

# A deadline this many days away or fewer counts as "due soon" (default 7).
due_soon_days = 7

# Sharing through git (see `dondoc sync`): commit each change dondoc writes.
# [git]
# commit = true

# The units that carry directives out. One [[owner]] per unit:
#   id     letters a-z, digits and '-'; directive files refer to the unit by it
#   name   the full name
#   short  optional: a short name for narrow columns
#   group  units are shown by group, groups in the order they first appear here

[[owner]]
id = "thanh-uy"
name = "Thành ủy (city party committee)"
short = "Thành ủy"
group = "Huyện, thành ủy"

[[owner]]
id = "so-tai-chinh"
name = "Sở Tài chính (department of finance)"
short = "Sở TC"
group = "Sở, ban, ngành"
"#
        .to_string(),
        Lang::Vi => {
            r#"# Cài đặt không gian làm việc dondoc và danh mục đơn vị (định dạng phiên bản 1).
# Mỗi tệp *.toml khác trong thư mục này là một tệp chỉ đạo: một cuộc họp hoặc một thông báo.

# Hiện trên thanh tiêu đề.
title = "Theo dõi kết luận giao ban"

# Còn từ chừng này ngày trở xuống đến hạn thì tính là "sắp đến hạn" (mặc định 7).
due_soon_days = 7

# Chia sẻ qua git (xem `dondoc sync`): ghi commit mỗi thay đổi dondoc ghi ra.
# [git]
# commit = true

# Các đơn vị thực hiện chỉ đạo. Mỗi đơn vị một [[owner]]:
#   id     chữ a-z, số và '-'; các tệp chỉ đạo gọi đơn vị bằng mã này
#   name   tên đầy đủ
#   short  không bắt buộc: tên ngắn cho cột hẹp
#   group  đơn vị hiện theo nhóm, nhóm theo thứ tự xuất hiện đầu tiên ở đây

[[owner]]
id = "thanh-uy"
name = "Thành ủy"
group = "Huyện, thành ủy"

[[owner]]
id = "so-tai-chinh"
name = "Sở Tài chính"
short = "Sở TC"
group = "Sở, ban, ngành"
"#
            .to_string()
        }
    }
}

/// An example source dated `today`, with one directive due in a month and one ongoing.
fn example_template(lang: Lang, today: NaiveDate) -> String {
    let deadline = today.checked_add_days(Days::new(30)).unwrap_or(today);
    let template = match lang {
        Lang::En => {
            r#"# One directive file is one source: a meeting or a conclusion notice, and the
# directives it gave. Copy this file for each new meeting (any name, any sub-folder).
# Comments are kept when dondoc writes the file.

[source]
title = "Monthly briefing (example)"   # the meeting or notice
date = {TODAY}                    # a date, written without quotes
ref = "Notice no. 1-TB (example)"     # optional: the document number

[[directive]]
id = "example-01"           # unique in the whole workspace: letters, digits, '.', '_', '-'
text = "Speed up the disbursement of public investment capital"
owner = "so-tai-chinh"      # the lead unit (chủ trì): an id from dondoc.toml
support = ["thanh-uy"]      # optional: coordinating units (phối hợp)
issued_by = "Chair of the meeting"   # optional: who gave the directive
deadline = {DEADLINE}       # optional; no deadline means ongoing (thường xuyên)
status = "in_progress"      # open | in_progress | blocked | done | cancelled
# done_on = {DEADLINE}      # the date it was done: present exactly when status = "done"
note = "Plan issued; 40% disbursed"   # optional: the latest progress, one line

# History: dondoc appends an entry on every change (`dondoc set`); may be written by hand.
[[directive.log]]
at = {TODAY}T09:00:00+07:00   # when, with the time zone
by = "Clerk"                            # who
status = "in_progress"                  # optional: what this entry set
note = "Plan issued; 40% disbursed"

[[directive]]
id = "example-02"
text = "Keep the land registry up to date"
owner = "thanh-uy"
status = "open"             # no deadline: an ongoing task
"#
        }
        Lang::Vi => {
            r#"# Mỗi tệp chỉ đạo là một nguồn: một cuộc họp hoặc một thông báo kết luận, cùng
# các chỉ đạo của nó. Chép tệp này cho mỗi cuộc họp mới (tên tùy ý, thư mục con tùy ý).
# Các dòng chú thích được giữ nguyên khi dondoc ghi tệp.

[source]
title = "Hội nghị giao ban tháng (ví dụ)"   # cuộc họp hoặc thông báo
date = {TODAY}                         # ngày, viết không có dấu ngoặc kép
ref = "Thông báo số 1-TB (ví dụ)"          # không bắt buộc: số văn bản

[[directive]]
id = "vi-du-01"             # duy nhất trong cả không gian làm việc: chữ, số, '.', '_', '-'
text = "Đẩy nhanh tiến độ giải ngân vốn đầu tư công"
owner = "so-tai-chinh"      # đơn vị chủ trì: một mã trong dondoc.toml
support = ["thanh-uy"]      # không bắt buộc: các đơn vị phối hợp
issued_by = "Chủ trì hội nghị"   # không bắt buộc: người chỉ đạo
deadline = {DEADLINE}       # không bắt buộc; không có hạn là nhiệm vụ thường xuyên
status = "in_progress"      # open | in_progress | blocked | done | cancelled
# done_on = {DEADLINE}      # ngày hoàn thành: có khi và chỉ khi status = "done"
note = "Đã ban hành kế hoạch; giải ngân đạt 40%"   # không bắt buộc: tiến độ mới nhất, một dòng

# Nhật ký: dondoc thêm một mục mỗi lần thay đổi (`dondoc set`); có thể tự ghi tay.
[[directive.log]]
at = {TODAY}T09:00:00+07:00   # thời điểm, kèm múi giờ
by = "Chuyên viên"                      # ai ghi
status = "in_progress"                  # không bắt buộc: trạng thái mục này đặt
note = "Đã ban hành kế hoạch; giải ngân đạt 40%"

[[directive]]
id = "vi-du-02"
text = "Thường xuyên cập nhật hồ sơ địa chính"
owner = "thanh-uy"
status = "open"             # không có hạn: nhiệm vụ thường xuyên
"#
        }
    };
    template
        .replace("{TODAY}", &today.to_string())
        .replace("{DEADLINE}", &deadline.to_string())
}
