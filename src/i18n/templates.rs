//! The files `dondoc init` writes, in each language: a commented `dondoc.toml` and an example
//! directive file. `{TODAY}` and `{DEADLINE}` are filled in by `init`.

use super::Lang;

pub fn config(lang: Lang) -> &'static str {
    match lang {
        Lang::En => CONFIG_EN,
        Lang::Vi => CONFIG_VI,
    }
}

pub fn example(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EXAMPLE_EN,
        Lang::Vi => EXAMPLE_VI,
    }
}

const CONFIG_EN: &str = r#"# dondoc workspace settings and the registry of units (format version 1).
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
"#;

const CONFIG_VI: &str = r#"# Cài đặt không gian làm việc dondoc và danh mục đơn vị (định dạng phiên bản 1).
# Mỗi tệp *.toml khác trong thư mục này là một tệp nhiệm vụ: một cuộc họp hoặc một thông báo.

# Hiện trên thanh tiêu đề.
title = "Theo dõi kết luận giao ban"

# Còn từ chừng này ngày trở xuống đến hạn thì tính là "sắp đến hạn" (mặc định 7).
due_soon_days = 7

# Chia sẻ qua git (xem `dondoc sync`): ghi commit mỗi thay đổi dondoc ghi ra.
# [git]
# commit = true

# Các đơn vị thực hiện nhiệm vụ. Mỗi đơn vị một [[owner]]:
#   id     chữ a-z, số và '-'; các tệp nhiệm vụ gọi đơn vị bằng mã này
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
"#;

const EXAMPLE_EN: &str = r#"# One directive file is one source: a meeting or a conclusion notice, and the
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
"#;

const EXAMPLE_VI: &str = r#"# Mỗi tệp nhiệm vụ là một văn bản giao: một cuộc họp hoặc một thông báo kết luận, cùng
# các nhiệm vụ của nó. Chép tệp này cho mỗi cuộc họp mới (tên tùy ý, thư mục con tùy ý).
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
"#;

/// The comment above `timezone` in a new `dondoc.toml`.
pub fn timezone_comment(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "# The office's time zone (an IANA name): \"today\", \"+N days\" and the time written in every\n# log entry follow it, whatever the zone of the machine dondoc runs on.\n",
        Lang::Vi => "# Múi giờ của văn phòng (tên IANA): \"hôm nay\", \"+N ngày\" và giờ ghi trong nhật ký theo múi\n# giờ này, dù máy chạy dondoc đặt múi giờ nào.\n",
    }
}
