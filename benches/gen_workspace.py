#!/usr/bin/env python3
"""A synthetic dondoc workspace for the benchmarks (benches/run.sh); format 1.1.

  gen_workspace.py OUT_DIR [--directives N] [--per-file K] [--owners M] [--logs L] [--seed S]

Writes OUT_DIR/dondoc.toml and OUT_DIR/YYYY/MM/giao-ban-NNNNN.toml: N directives in files of
K, spread over M units in three groups, Vietnamese text, a comment per file, every status,
deadlines (some missing: ongoing tasks), support units and up to L log entries each. The same
seed gives the same bytes.
"""
import argparse
import datetime
import json
import os
import random

VERBS = ["Đẩy nhanh tiến độ", "Tăng cường", "Thực hiện tốt", "Rà soát", "Chỉ đạo quyết liệt",
         "Tập trung tháo gỡ khó khăn", "Chuẩn bị tốt", "Kiện toàn", "Đôn đốc", "Nâng cao chất lượng"]
OBJECTS = ["giải ngân vốn đầu tư công", "thu và chống thất thu ngân sách",
           "quản lý, bảo vệ và phát triển rừng", "ứng phó mưa lũ, sạt lở đất",
           "các Chương trình mục tiêu quốc gia", "hạ tầng kỹ thuật các cụm công nghiệp",
           "cấp phát sách giáo khoa cho năm học mới", "chăm sóc sức khỏe Nhân dân",
           "quảng bá, xúc tiến du lịch", "quản lý nhà nước về đất đai, khoáng sản",
           "bảo đảm an ninh chính trị, trật tự an toàn xã hội"]
GROUPS = ["Huyện, thành ủy", "Sở, ban, ngành", "Cơ quan Trung ương đóng trên địa bàn"]
PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức"]
STATUSES = ["open"] * 3 + ["in_progress"] * 4 + ["blocked"] + ["done"] * 4 + ["cancelled"]


def q(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--directives", type=int, default=20000)
    ap.add_argument("--per-file", type=int, default=10)
    ap.add_argument("--owners", type=int, default=60)
    ap.add_argument("--logs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    owners = [f"dv-{i:03d}" for i in range(a.owners)]
    with open(os.path.join(a.out, "dondoc.toml"), "w", encoding="utf-8") as f:
        f.write(f"title = {q(f'Thử tải — {a.directives} nhiệm vụ')}\ndue_soon_days = 7\n")
        for i, oid in enumerate(owners):
            kind = ["Huyện ủy", "Sở", "Ban", "Chi cục"][i % 4]
            f.write(f"\n[[owner]]\nid = \"{oid}\"\nname = {q(f'{kind} số {i}')}\n"
                    f"group = {q(GROUPS[i % len(GROUPS)])}\n")

    start = datetime.date(2021, 1, 4)
    n_files = (a.directives + a.per_file - 1) // a.per_file
    made = 0
    for fi in range(n_files):
        day = start + datetime.timedelta(days=fi * 1826 // max(1, n_files))
        folder = os.path.join(a.out, f"{day.year}", f"{day.month:02d}")
        os.makedirs(folder, exist_ok=True)
        lines = [f"# Kết luận giao ban ngày {day.strftime('%d/%m/%Y')} (dữ liệu thử)",
                 "[source]", f"title = \"Hội nghị giao ban số {fi + 1}\"",
                 f"date = {day.isoformat()}", f"ref = \"Thông báo số {fi + 1}-TB/TU\"", ""]
        for _ in range(min(a.per_file, a.directives - made)):
            made += 1
            owner = rnd.choice(owners)
            support = rnd.sample(owners, rnd.choice([0, 0, 1, 2, 3]))
            text = f"{rnd.choice(VERBS)} {rnd.choice(OBJECTS)} (mục {made})"
            status = rnd.choice(STATUSES)
            lines += ["[[directive]]", f"id = \"gb-{made:06d}\"", f"text = {q(text)}",
                      f"owner = \"{owner}\""]
            if support:
                lines.append("support = [" + ", ".join(q(s) for s in support) + "]")
            lines.append(f"issued_by = {q(rnd.choice(PEOPLE))}")
            if rnd.random() < 0.9:
                deadline = day + datetime.timedelta(days=rnd.choice([7, 14, 30, 60, 90, 180]))
                lines.append(f"deadline = {deadline.isoformat()}")
            lines.append(f"status = \"{status}\"")
            if status == "done":
                done = day + datetime.timedelta(days=rnd.randint(1, 120))
                lines.append(f"done_on = {done.isoformat()}")
            if status != "open":
                lines.append(f"note = {q('Tiến độ: ' + rnd.choice(OBJECTS))}")
            for li in range(rnd.randint(0, a.logs)):
                at = day + datetime.timedelta(days=li * 7 + 3)
                lines += ["", "[[directive.log]]", f"at = {at.isoformat()}T08:30:00+07:00",
                          f"by = {q(rnd.choice(PEOPLE))}", "status = \"in_progress\"",
                          f"note = {q(f'Báo cáo lần {li + 1}')}"]
            lines.append("")
        path = os.path.join(folder, f"giao-ban-{fi + 1:05d}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    print(f"{made} directives in {n_files} files, {len(owners)} units -> {a.out}")


if __name__ == "__main__":
    main()
