//! The command line's own help (`dondoc --help`, `dondoc <command> --help`) and clap's usage
//! errors in Vietnamese. English is what the clap definitions in `src/cli` say; these tables
//! give the Vietnamese of each command and argument, keyed by the command's path ("list",
//! "owner add"; "" for `dondoc` itself) and the argument's id. The words for statuses and
//! timeliness come from the glossary, as everywhere else.

use super::terms;
use super::Lang;
use crate::model::{Status, Timeliness};

/// A path that stands for every command: the global options and clap's own flags.
pub const ANY: &str = "*";

pub const ABOUT_ROOT: &str = "Đôn đốc thực hiện kết luận giao ban, theo từng đơn vị.";
pub const LONG_ABOUT_ROOT: &str = "Đôn đốc thực hiện kết luận giao ban, theo từng đơn vị.\n\n\
    Không có lệnh: mở giao diện trên thư mục dữ liệu.\n\
    Thư mục dữ liệu là --data THƯ_MỤC, nếu không có thì $DONDOC_DATA, rồi data_dir trong tệp cấu \
    hình, rồi ./data.";

/// Each command's one line, by its path.
pub const COMMANDS: &[(&str, &str)] = &[
    ("", ABOUT_ROOT),
    ("list", "Liệt kê nhiệm vụ, theo thời hạn"),
    ("show", "Toàn bộ thông tin một nhiệm vụ, kèm nhật ký"),
    (
        "set",
        "Cập nhật trạng thái, thời hạn hoặc ghi chú của nhiệm vụ (ghi nhật ký)",
    ),
    ("validate", "Kiểm tra mọi tệp; trả mã 1 nếu có lỗi"),
    ("init", "Tạo thư mục dữ liệu mới"),
    (
        "report",
        "Báo cáo tình trạng thời hạn theo đơn vị trong một kỳ",
    ),
    (
        "remind",
        "Công văn đôn đốc các đơn vị có nhiệm vụ quá hạn hoặc sắp đến hạn (ghi nhật ký)",
    ),
    (
        "sync",
        "Ghi lại (commit) thay đổi của dondoc, pull --rebase rồi push",
    ),
    (
        "merge-driver",
        "Hợp nhất ba phía một tệp nhiệm vụ (do git gọi)",
    ),
    (
        "git-setup",
        "Đăng ký trình hợp nhất của dondoc trong kho git này",
    ),
    ("new", "Tạo tệp cuộc họp (bảng [source]) để thêm nhiệm vụ"),
    (
        "add",
        "Thêm nhiệm vụ vào tệp cuộc họp, mỗi đơn vị chủ trì một nhiệm vụ",
    ),
    (
        "edit",
        "Sửa nội dung, đơn vị chủ trì hoặc đơn vị phối hợp của nhiệm vụ (ghi nhật ký)",
    ),
    (
        "owner",
        "Các đơn vị: `owner add` thêm một đơn vị vào dondoc.toml",
    ),
    ("owner add", "Thêm một đơn vị vào dondoc.toml"),
    (
        "import",
        "Đề xuất nhiệm vụ từ thông báo kết luận hoặc bảng theo dõi",
    ),
    (
        "completions",
        "In tập lệnh gợi ý lệnh cho shell (bash, zsh, fish)",
    ),
    (
        "man",
        "In trang hướng dẫn (roff), hoặc ghi mỗi lệnh một trang với --dir",
    ),
    ("help", HELP_COMMAND),
];

/// clap's `help` command, under every command that has commands.
pub const HELP_COMMAND: &str = "In trợ giúp này hoặc trợ giúp của lệnh con";

const BY_DEFAULT: &str = "(mặc định: $DONDOC_USER, git user.name, tên đăng nhập)";

/// Each argument's help, by the command's path and the argument's id; [`ANY`] for those
/// every command has. Statuses and timeliness are in [`arg`], from the glossary.
pub const ARGS: &[(&str, &str, &str)] = &[
    (ANY, "data", "Thư mục dữ liệu (chứa dondoc.toml)"),
    (
        ANY,
        "today",
        "Ngày chốt số liệu để tính thời hạn: 2023-10-15, 15/10/2023, +N hoặc -N ngày \
         (mặc định: hôm nay)",
    ),
    (ANY, "lang", "Ngôn ngữ của thông báo và màn hình"),
    (ANY, "help", "In trợ giúp"),
    (ANY, "version", "In phiên bản"),
    (
        "list",
        "owner",
        "Chỉ nhiệm vụ do đơn vị này chủ trì (mã đơn vị)",
    ),
    (
        "list",
        "group",
        "Chỉ nhiệm vụ có đơn vị chủ trì thuộc nhóm này",
    ),
    (
        "list",
        "source",
        "Chỉ nhiệm vụ trong tệp này (đường dẫn trong thư mục dữ liệu, hoặc tên tệp)",
    ),
    (
        "list",
        "search",
        "Từ cần tìm, không phân biệt chữ hoa, chữ thường và dấu tiếng Việt",
    ),
    ("list", "format", "Định dạng đầu ra"),
    (
        "list",
        "as_of",
        "Liệt kê nhiệm vụ như tại ngày này (trạng thái, thời hạn, ngày hoàn thành theo nhật ký; \
         không tính nhiệm vụ giao sau ngày đó), với tình trạng thời hạn tại ngày đó",
    ),
    ("show", "id", "Mã nhiệm vụ"),
    (
        "set",
        "ids",
        "Mã nhiệm vụ; nhiều mã thì cùng một thay đổi (mỗi tệp ghi một lần)",
    ),
    (
        "set",
        "done_on",
        "Ngày hoàn thành: 2023-10-15, 15/10/2023 hoặc +N ngày (mặc định với --status done: \
         ngày chốt số liệu)",
    ),
    (
        "set",
        "deadline",
        "Thời hạn mới: 2023-11-30, 30/11/2023, +N ngày kể từ ngày chốt số liệu, hoặc \"none\" \
         cho nhiệm vụ thường xuyên",
    ),
    ("set", "note", "Tình hình thực hiện mới nhất, một dòng"),
    (
        "set",
        "done_ref",
        "Văn bản báo cáo hoàn thành, dùng với --status done (\"Báo cáo số 45/BC-UBND\")",
    ),
    (
        "set",
        "reason",
        "Lý do (ghi nhật ký): đề nghị điều chỉnh thời hạn, quyết định dừng thực hiện",
    ),
    (
        "set",
        "reference",
        "Văn bản làm căn cứ (ghi nhật ký): văn bản đề nghị, văn bản quyết định",
    ),
    (
        "set",
        "approved_by",
        "Người đồng ý hoặc quyết định (ghi nhật ký)",
    ),
    ("set", "by", "Người cập nhật"),
    ("init", "dir", "Thư mục cho dữ liệu mới"),
    (
        "report",
        "from",
        "Ngày đầu kỳ (cùng --to): 2023-09-01, 1/9/2023, +N hoặc -N ngày",
    ),
    ("report", "to", "Ngày cuối kỳ (cùng --from)"),
    ("report", "month", "Một tháng, ví dụ 2023-09 hoặc 9/2023"),
    ("report", "quarter", "Một quý, ví dụ 2023-Q3"),
    ("report", "scope", "Những nhiệm vụ tính vào kỳ báo cáo"),
    (
        "report",
        "source",
        "Chỉ nhiệm vụ trong tệp này (đường dẫn trong thư mục dữ liệu, hoặc tên tệp)",
    ),
    (
        "report",
        "as_of",
        "Ngày chốt số liệu (mặc định: --today, nếu không có thì hôm nay)",
    ),
    ("report", "owner", "Chỉ đơn vị chủ trì này (mã đơn vị)"),
    ("report", "group", "Chỉ các đơn vị thuộc nhóm này"),
    (
        "report",
        "rank",
        "Xếp đơn vị kém nhất lên đầu trong mỗi nhóm (mặc định: theo thứ tự trong dondoc.toml)",
    ),
    (
        "report",
        "compare",
        "Hiện tỷ lệ hoàn thành của mỗi đơn vị trong kỳ liền trước, bên cạnh kỳ này",
    ),
    (
        "report",
        "quiet_days",
        "Đơn vị có nhiệm vụ chưa hoàn thành mà ngần này ngày không có nhật ký được liệt kê \
         là chưa cập nhật tiến độ",
    ),
    ("report", "title", "Tiêu đề văn bản (html, docx)"),
    (
        "report",
        "annex",
        "In văn bản dưới dạng phụ lục kèm báo cáo (html, docx)",
    ),
    ("report", "format", "Định dạng đầu ra"),
    (
        "report",
        "output",
        "Ghi ra tệp này thay vì đầu ra chuẩn (bắt buộc với xlsx, docx)",
    ),
    (
        "report",
        "bom",
        "CSV: thêm dấu BOM UTF-8 ở đầu để Excel đọc đúng tiếng Việt",
    ),
    ("remind", "owner", "Đơn vị (mã đơn vị)"),
    (
        "remind",
        "group",
        "Mọi đơn vị của nhóm này có nhiệm vụ cần đôn đốc",
    ),
    (
        "remind",
        "all",
        "Mọi đơn vị có nhiệm vụ quá hạn hoặc sắp đến hạn",
    ),
    ("remind", "format", "Định dạng công văn"),
    (
        "remind",
        "output_dir",
        "Thư mục ghi công văn (tạo nếu chưa có)",
    ),
    (
        "remind",
        "reply_by",
        "Hạn đơn vị báo cáo lại: 2023-10-22, 22/10/2023 hoặc +N ngày (mặc định: 7 ngày sau \
         ngày công văn)",
    ),
    (
        "remind",
        "reference",
        "Số công văn, ghi vào nhật ký (ví dụ 125-CV/VPTU)",
    ),
    (
        "remind",
        "dry_run",
        "Cho biết sẽ ghi những công văn nào; không ghi gì (không công văn, không nhật ký)",
    ),
    ("remind", "by", "Người gửi công văn, ghi vào nhật ký"),
    ("sync", "by", "Người ký commit các thay đổi chưa commit"),
    (
        "sync",
        "timeout",
        "Thôi chờ máy chủ sau ngần này giây, mỗi lần pull hoặc push",
    ),
    ("merge-driver", "base", "Bản gốc chung (%O)"),
    (
        "merge-driver",
        "ours",
        "Bản của mình, cũng là nơi ghi kết quả (%A)",
    ),
    ("merge-driver", "theirs", "Bản của người khác (%B)"),
    ("merge-driver", "path", "Đường dẫn của tệp trong kho (%P)"),
    (
        "new",
        "title",
        "Cuộc họp hoặc thông báo: \"Hội nghị giao ban tháng 11/2023\"",
    ),
    (
        "new",
        "date",
        "Ngày của văn bản: 2023-11-20, 20/11/2023, +N ngày kể từ ngày chốt số liệu",
    ),
    (
        "new",
        "reference",
        "Số văn bản: \"Thông báo số 1250-TB/TU\"",
    ),
    (
        "new",
        "issued_by",
        "Người chỉ đạo, mặc định cho mọi nhiệm vụ: \"Thường trực Tỉnh ủy\"",
    ),
    (
        "new",
        "file",
        "Tệp cần tạo, trong thư mục dữ liệu (mặc định: <năm>/<tiêu đề không dấu>.toml)",
    ),
    (
        "add",
        "source",
        "Tệp cuộc họp: đường dẫn trong thư mục dữ liệu hoặc tên tệp",
    ),
    (
        "add",
        "text",
        "Nội dung nhiệm vụ; \"-\" thì đọc từ đầu vào chuẩn",
    ),
    (
        "add",
        "owner",
        "Đơn vị chủ trì: mã hoặc tên đơn vị, cách nhau bằng dấu phẩy, hoặc tên nhóm \
         (\"Huyện, thành ủy\"); mỗi đơn vị một nhiệm vụ",
    ),
    ("add", "support", "Đơn vị phối hợp, viết như trên"),
    (
        "add",
        "deadline",
        "Thời hạn: 2023-11-30, 30/11/2023 hoặc +N ngày kể từ ngày chốt số liệu (none: \
         thường xuyên)",
    ),
    (
        "add",
        "issued_by",
        "Người chỉ đạo (mặc định: issued_by của cuộc họp)",
    ),
    ("add", "note", "Ghi chú ban đầu"),
    (
        "add",
        "id",
        "Mã nhiệm vụ (mặc định: tiền tố của tệp và số tiếp theo còn trống)",
    ),
    ("add", "by", "Người ghi"),
    ("edit", "id", "Mã nhiệm vụ"),
    (
        "edit",
        "text",
        "Nội dung mới; \"-\" thì đọc từ đầu vào chuẩn",
    ),
    ("edit", "owner", "Đơn vị chủ trì mới: mã hoặc tên đơn vị"),
    (
        "edit",
        "support",
        "Đơn vị phối hợp (mã, tên hoặc nhóm, cách nhau bằng dấu phẩy); \"\" nếu không có",
    ),
    ("edit", "reason", "Lý do (ghi nhật ký)"),
    ("edit", "by", "Người sửa"),
    (
        "owner add",
        "id",
        "Mã đơn vị: chữ thường không dấu, chữ số và '-' (\"cuc-thue\")",
    ),
    ("owner add", "name", "Tên đầy đủ (\"Cục Thuế tỉnh\")"),
    ("owner add", "short", "Tên ngắn cho cột hẹp (\"Cục Thuế\")"),
    (
        "owner add",
        "group",
        "Nhóm (\"Sở, ban, ngành\"); nhóm đã có thì gõ không dấu cũng được",
    ),
    (
        "owner add",
        "aliases",
        "Tên khác của đơn vị trong văn bản (lặp lại nếu có nhiều tên)",
    ),
    (
        "import",
        "file",
        "Văn bản: thông báo (.docx, .txt, .md) hoặc bảng theo dõi (.xlsx, .csv)",
    ),
    (
        "import",
        "into",
        "Tệp nhiệm vụ cần ghi, trong thư mục dữ liệu; tệp đã có thì thêm nhiệm vụ vào cuối \
         (mặc định: NĂM/TÊN-VĂN-BẢN.toml)",
    ),
    (
        "import",
        "dry_run",
        "In tệp đề xuất và bản tóm tắt; không ghi gì",
    ),
    (
        "import",
        "allow_unassigned",
        "Ghi nhiệm vụ chưa có đơn vị chủ trì dưới dạng nháp (draft = true) thay vì từ chối",
    ),
    (
        "import",
        "sheet",
        "Trang tính cần đọc (mặc định: trang đầu)",
    ),
    (
        "import",
        "map",
        "Cột: CỘT=TRƯỜNG, CỘT là tiêu đề, chữ cái hoặc số thứ tự của cột; TRƯỜNG là một trong \
         text, owner, support, deadline, status, note, source, done_on, issued_by, skip",
    ),
    (
        "import",
        "source_title",
        "Tên văn bản giao (mặc định: lấy từ văn bản)",
    ),
    (
        "import",
        "source_date",
        "Ngày của văn bản giao, ví dụ 25/8/2023 hoặc 2023-08-25 (mặc định: lấy từ văn bản)",
    ),
    ("import", "by", "Người nhập"),
    (
        "completions",
        "shell",
        "Shell: bash, zsh, fish (cả elvish, powershell)",
    ),
    (
        "man",
        "dir",
        "Ghi mỗi lệnh một trang vào thư mục này thay vì in trang chính ra đầu ra chuẩn",
    ),
    ("help", "subcommand", "In trợ giúp của lệnh con"),
];

/// The text after the options, for the commands that have one in English.
pub const AFTER_HELP: &[(&str, &str)] = &[
    (
        "report",
        "\
Mọi số liệu là tình trạng tại ngày chốt số liệu: những gì đã hoàn thành đến ngày đó, theo \
thời hạn có hiệu lực khi đó. Khi có kỳ báo cáo, --as-of mặc định là ngày cuối kỳ nếu ngày đó \
đã qua.

Phạm vi (--scope): assigned (mặc định) gồm nhiệm vụ của các văn bản giao (cuộc họp, thông báo) \
ban hành trong kỳ; cumulative gồm nhiệm vụ của các văn bản ban hành từ đầu năm của kỳ đến ngày \
chốt số liệu; due gồm nhiệm vụ có thời hạn trong kỳ, nhiệm vụ đến hạn trước đó mà vẫn quá hạn, \
và nhiệm vụ thường xuyên của các văn bản ban hành trong kỳ. Không có kỳ: tính mọi nhiệm vụ.

Ví dụ:
  dondoc report --month 9/2023 --as-of 15/10/2023
  dondoc --lang vi report --quarter 2023-Q3 --format html --output bao-cao.html
  dondoc report --source giao-ban-2023-08-25.toml --format xlsx --output bc.xlsx
  dondoc --lang vi report --month 2023-08 --as-of 2023-09-30 --format docx --output bc.docx",
    ),
    (
        "remind",
        "\
Mỗi công văn liệt kê các nhiệm vụ quá hạn hoặc sắp đến hạn của đơn vị tại ngày (--today, nếu \
không có thì hôm nay), kèm số lần đã đôn đốc từng nhiệm vụ. Mỗi công văn đã ghi được ghi nhận \
vào mọi nhiệm vụ nó liệt kê: một mục nhật ký có reminder = true và số công văn (--ref).

Ví dụ:
  dondoc --lang vi remind --owner ba-be --ref \"125-CV/VPTU\" --output-dir thu/
  dondoc --lang vi remind --all --format docx --output-dir thu/
  dondoc remind --all --dry-run",
    ),
    (
        "completions",
        "Cài đặt:\n  \
    bash: dondoc completions bash > ~/.local/share/bash-completion/completions/dondoc\n  \
    zsh:  dondoc completions zsh > ~/.zfunc/_dondoc   (thêm fpath+=~/.zfunc trước compinit)\n  \
    fish: dondoc completions fish > ~/.config/fish/completions/dondoc.fish",
    ),
    (
        "man",
        "Cài đặt:\n  \
    dondoc man > ~/.local/share/man/man1/dondoc.1 && man dondoc\n  \
    dondoc man --dir ~/.local/share/man/man1          # cả dondoc-list.1, dondoc-set.1, …",
    ),
];

/// The placeholders of values (`--today <NGÀY>`): by the argument's id for the one-letter
/// English ones ("T" is a text, a title or a timeliness), else by the English placeholder.
/// Words joined by '_' so that a usage line still reads as one value per placeholder.
pub const VALUE_NAMES_BY_ID: &[(&str, &str)] = &[
    ("status", "TRẠNG_THÁI"),
    ("timeliness", "TÌNH_TRẠNG_THỜI_HẠN"),
    ("text", "NỘI_DUNG"),
    ("title", "TIÊU_ĐỀ"),
    ("issued_by", "NGƯỜI_CHỈ_ĐẠO"),
    ("reference", "SỐ_VĂN_BẢN"),
    ("name", "TÊN"),
    ("short", "TÊN_NGẮN"),
    ("group", "NHÓM"),
    ("aliases", "TÊN_KHÁC"),
    ("ids", "MÃ"),
    ("base", "BẢN_GỐC"),
    ("ours", "BẢN_CỦA_MÌNH"),
    ("theirs", "BẢN_NGƯỜI_KHÁC"),
];

pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("DIR", "THƯ_MỤC"),
    ("DATE", "NGÀY"),
    ("DATE|none", "NGÀY|none"),
    ("FILE", "TỆP"),
    ("PATH", "ĐƯỜNG_DẪN"),
    ("ID", "MÃ"),
    ("ID[,ID…]|GROUP", "MÃ[,MÃ…]|NHÓM"),
    ("IDS", "CÁC_MÃ"),
    ("NAME", "TÊN"),
    ("TEXT", "NỘI_DUNG"),
    ("TITLE", "TIÊU_ĐỀ"),
    ("DOC", "VĂN_BẢN"),
    ("NUMBER", "SỐ_CÔNG_VĂN"),
    ("DAYS", "SỐ_NGÀY"),
    ("SECONDS", "SỐ_GIÂY"),
    ("YYYY-MM", "NĂM-THÁNG"),
    ("YYYY-QN", "NĂM-QUÝ"),
    ("COL=FIELD", "CỘT=TRƯỜNG"),
    ("FORMAT", "ĐỊNH_DẠNG"),
    ("LANG", "NGÔN_NGỮ"),
    ("SCOPE", "PHẠM_VI"),
    ("SHELL", "SHELL"),
    ("COMMAND", "LỆNH"),
];

/// The Vietnamese placeholder of argument `id`, whose English placeholder is `english`.
pub fn value_name(id: &str, english: &str) -> Option<&'static str> {
    let by_id = VALUE_NAMES_BY_ID.iter().find(|(i, _)| *i == id);
    let by_name = || VALUE_NAMES.iter().find(|(e, _)| *e == english);
    match by_id {
        // An id's word only replaces a one-letter placeholder or the id itself.
        Some((_, vi)) if english.chars().count() == 1 || english == id.to_uppercase() => Some(vi),
        _ => by_name().map(|(_, vi)| *vi),
    }
}

/// `dondoc --version`, the version and the format of the files it reads, as the English
/// one in `src/cli/mod.rs`.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (định dạng thư mục dữ liệu 1.1)"
);

/// The man page's section headings: clap_mangen writes them in English (the first column;
/// an argument's heading arrives upper-cased, the commands' as it is), the page gets these.
pub const MAN_HEADINGS: &[(&str, &str)] = &[
    ("NAME", "TÊN"),
    ("SYNOPSIS", "CÚ PHÁP"),
    ("DESCRIPTION", "MÔ TẢ"),
    ("OPTIONS", "TÙY CHỌN"),
    ("TÙY CHỌN", "TÙY CHỌN"),
    ("THAM SỐ", "THAM SỐ"),
    ("SUBCOMMANDS", "LỆNH"),
    ("Lệnh", "LỆNH"),
    ("EXTRA", "GHI CHÚ"),
    ("VERSION", "PHIÊN BẢN"),
    ("AUTHORS", "TÁC GIẢ"),
];

/// The name of the manual in the page's top line (man says "General Commands Manual").
pub const MAN_MANUAL: &str = "Hướng dẫn sử dụng";

/// The words clap writes itself.
pub const USAGE: &str = "Cách dùng:";
pub const COMMANDS_HEADING: &str = "Lệnh";
/// The placeholder of a command in a usage line.
pub const COMMAND_VALUE: &str = "LỆNH";
/// clap's own words in usage lines.
pub const USAGE_WORDS: &[(&str, &str)] = &[
    ("[OPTIONS]", "[TÙY_CHỌN]"),
    ("[COMMAND]", "[LỆNH]"),
    ("<COMMAND>", "<LỆNH>"),
];
pub const ARGUMENTS_HEADING: &str = "Tham số";
pub const OPTIONS_HEADING: &str = "Tùy chọn";
pub const DEFAULT: &str = "mặc định";
pub const POSSIBLE_VALUES: &str = "giá trị";
pub const ERROR: &str = "lỗi:";
pub const TIP: &str = "gợi ý:";

pub fn command(path: &str) -> Option<&'static str> {
    COMMANDS.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

pub fn after_help(path: &str) -> Option<&'static str> {
    AFTER_HELP.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// The Vietnamese help of argument `id` of the command at `path`.
pub fn arg(path: &str, id: &str) -> Option<String> {
    match (path, id) {
        ("list", "status") => return Some(format!("Trạng thái: {}", statuses())),
        ("set", "status") => return Some(format!("Trạng thái mới: {}", statuses())),
        ("list", "timeliness") => return Some(format!("Tình trạng thời hạn: {}", timeliness())),
        _ => {}
    }
    let found = |p: &str| {
        ARGS.iter()
            .find(|(path, i, _)| *path == p && *i == id)
            .map(|(_, _, t)| *t)
    };
    let text = found(path).or_else(|| found(ANY))?;
    // Who did it defaults to the same chain for every command that logs.
    Some(if id == "by" {
        format!("{text} {BY_DEFAULT}")
    } else {
        text.to_string()
    })
}

/// "open (chưa thực hiện), …": what `--status` takes, with the glossary's word for each.
fn statuses() -> String {
    let words: Vec<String> = Status::ALL
        .iter()
        .map(|&s| format!("{} ({})", s.as_str(), terms::tr(Lang::Vi, terms::status(s))))
        .collect();
    or_list(&words)
}

fn timeliness() -> String {
    let words: Vec<String> = Timeliness::ALL
        .iter()
        .map(|&t| {
            format!(
                "{} ({})",
                t.as_str(),
                terms::tr(Lang::Vi, terms::timeliness(t))
            )
        })
        .collect();
    or_list(&words)
}

fn or_list(words: &[String]) -> String {
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} hoặc {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// clap's usage errors, by kind; `{arg}` and `{value}` are filled in by the caller.
pub mod errors {
    pub const UNKNOWN_ARGUMENT: &str = "không có tham số '{arg}'";
    pub const INVALID_VALUE: &str = "giá trị '{value}' không hợp lệ cho '{arg}'";
    pub const EMPTY_VALUE: &str = "'{arg}' cần một giá trị nhưng không có";
    pub const INVALID_SUBCOMMAND: &str = "không có lệnh '{value}'";
    pub const MISSING_REQUIRED: &str = "thiếu các tham số bắt buộc sau:";
    pub const MISSING_SUBCOMMAND: &str = "'{arg}' cần một lệnh con nhưng không có";
    pub const CONFLICT_SELF: &str = "không được dùng '{arg}' nhiều lần";
    pub const CONFLICT: &str = "không được dùng '{arg}' cùng với";
    pub const CONFLICT_OTHERS: &str = "các tham số khác đã cho";
    pub const TOO_MANY_VALUES: &str = "thừa giá trị '{value}' cho '{arg}'";
    pub const WRONG_NUMBER: &str = "số giá trị cho '{arg}' không đúng";
    pub const NO_EQUALS: &str = "'{arg}' cần dấu '=' trước giá trị";
    pub const INVALID_UTF8: &str = "tham số không phải UTF-8 hợp lệ";
    pub const OTHER: &str = "dòng lệnh không hợp lệ";
    pub const SIMILAR: &str = "có tham số gần giống:";
    pub const SIMILAR_COMMAND: &str = "có lệnh gần giống:";
    pub const SIMILAR_VALUE: &str = "có giá trị gần giống:";
    pub const MORE: &str = "Xem thêm: '{arg}'.";
    /// After [`INVALID_VALUE`]: why a number was refused, and what is accepted.
    pub const NOT_A_NUMBER: &str = "không phải là số";
    pub const TOO_LARGE: &str = "số quá lớn";
    pub const TOO_SMALL: &str = "số quá nhỏ";
    pub const WHOLE_NUMBER: &str = "cần một số nguyên";
    pub const WHOLE_NUMBER_FROM_ZERO: &str = "cần một số nguyên từ 0 trở lên";
    pub const WHOLE_NUMBER_BETWEEN: &str = "cần một số nguyên từ {min} đến {max}";
    pub const FOR_EXAMPLE: &str = "ví dụ {value}";
}

/// Why a whole number given on the command line was refused (the front end's parser
/// says which; [`number_refused`] words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    TooLarge,
    TooSmall,
}

/// Why a number was refused and what is accepted: "không phải là số; cần một số nguyên từ
/// 0 trở lên, ví dụ 60". `min` and `max` are the type's bounds; `example` a value it takes.
pub fn number_refused(why: NumberProblem, min: i128, max: i128, example: Option<&str>) -> String {
    use NumberProblem as P;
    let why = match why {
        P::NotANumber => errors::NOT_A_NUMBER,
        P::TooLarge => errors::TOO_LARGE,
        P::TooSmall => errors::TOO_SMALL,
    };
    // The bounds of a machine integer mean nothing to a reader, except 0.
    let wide = |n: i128| n.unsigned_abs() > 1_000_000;
    let accepted = match (min, max) {
        (0, max) if wide(max) => errors::WHOLE_NUMBER_FROM_ZERO.to_string(),
        (min, max) if wide(min) && wide(max) => errors::WHOLE_NUMBER.to_string(),
        (min, max) => errors::WHOLE_NUMBER_BETWEEN
            .replace("{min}", &min.to_string())
            .replace("{max}", &max.to_string()),
    };
    match example {
        Some(e) => format!(
            "{why}; {accepted}, {}",
            errors::FOR_EXAMPLE.replace("{value}", e)
        ),
        None => format!("{why}; {accepted}"),
    }
}
