"""Import benchmark: 1,196 and 10,000 synthetic rows, each into a fresh SQLite database.

    .venv/bin/python bench/import_catalog.py [--sizes 1196,10000] [--format csv|xlsx]

Prints rows, seconds and rows/s for the first import, and the seconds of a
second import of the same file (everything unchanged). Targets: 1,196 rows in
under 10 s, 10,000 rows in under 60 s.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

TYPES = [
    ("医疗器械", "第二类"),
    ("医用耗材", "第一类"),
    ("药品", ""),
    ("体外诊断试剂", "第三类"),
    ("医疗器械", "第三类"),
]


def synthetic_rows(count):
    """Valid rows: about eight products per enterprise, every tenth enterprise alone."""
    from directory.validators import complete_credit_code

    rows = []
    enterprise = 0
    while len(rows) < count:
        enterprise += 1
        base = {
            "enterprise_name": f"示例医药科技{enterprise}有限公司",
            "credit_code": complete_credit_code(f"91442000{enterprise:09d}"),
            "region": "中山市",
            "address": f"中山市火炬开发区示例路{enterprise}号",
            "contact_name": "张工",
            "contact_phone": f"0760-8{enterprise % 10000000:07d}",
            "website": f"https://example{enterprise}.test",
            "enterprise_description": f"示例数据，非官方信息。第 {enterprise} 家示例企业。",
        }
        if enterprise % 10 == 0:
            rows.append(dict(base))
            continue
        for _ in range(8):
            n = len(rows)
            product_type, device_class = TYPES[n % len(TYPES)]
            if product_type == "药品":
                number = f"国药准字H2{n:07d}"
            elif device_class == "第一类":
                number = f"粤中械备{2015 + n % 10}{n:05d}号"
            else:
                digit = "2" if device_class == "第二类" else "3"
                number = f"粤械注准2020{digit}{n // 10000 % 100:02d}{n % 10000:04d}"
            rows.append(
                {
                    **base,
                    "product_name": f"示例产品{n}",
                    "product_type": product_type,
                    "device_class": device_class,
                    "registration_no": number,
                    "model": f"XS-{n}",
                    "intended_use": "用于临床示例用途。",
                    "procurement_status": "阳光挂网" if n % 2 else "集中采购",
                    "medical_insurance": "是" if n % 3 else "否",
                    "first_set": "是" if n % 97 == 0 else "否",
                }
            )
            if len(rows) == count:
                break
    return rows


def run_one(path, file_format):
    """Child process: fresh database, migrate, import twice, print one result line."""
    import django

    django.setup()
    from django.core.management import call_command

    from core.bulk import page_problems
    from directory.importing import ImportOptions, import_catalog

    call_command("migrate", verbosity=0)
    data = Path(path).read_bytes()
    options = ImportOptions(catalog_title="基准测试目录", issuing_body="示例")
    started = time.perf_counter()
    first = import_catalog(data, file_format, options)
    first_seconds = time.perf_counter() - started
    assert first.ok, first.summary_lines()[:10]
    started = time.perf_counter()
    second = import_catalog(data, file_format, options)
    second_seconds = time.perf_counter() - started
    assert second.ok and not second.products["created"] and not second.products["updated"]
    assert not page_problems(), "page tree problems"
    print(
        f"{first.rows}\t{first_seconds:.2f}\t{first.rows / first_seconds:.0f}"
        f"\t{second_seconds:.2f}\t{dict(first.products)}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1196,10000")
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--child", nargs=2, metavar=("FILE", "FORMAT"))
    args = parser.parse_args()
    if args.child:
        run_one(*args.child)
        return

    from directory.spreadsheets import write_csv, write_xlsx

    print("rows\tseconds\trows/s\tsecond import (s)\tproducts")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            rows = synthetic_rows(size)
            path = Path(tmp) / f"catalog-{size}.{args.format}"
            path.write_bytes(write_csv(rows) if args.format == "csv" else write_xlsx(rows))
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.dev",
                "DEBUG": "0",
                "DATABASE_URL": f"sqlite:///{tmp}/bench-{size}.sqlite3",
                "PORTAL_VAR_DIR": tmp,
            }
            subprocess.run(
                [sys.executable, __file__, "--child", str(path), args.format], env=env, check=True
            )


if __name__ == "__main__":
    main()
