"""Spreadsheets built the way offices build them: a title, a two-row header
with merged cells, 序号, mixed words, one enterprise over several rows."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment

from directory.validators import complete_credit_code

CODE_A = complete_credit_code("91330282000000001")
CODE_B = complete_credit_code("91330282000000002")
NAME_A = "慈溪示例医疗器械有限公司"
NAME_B = "宁波示例生物科技有限公司"

TITLE = "2025年慈溪市药械生产企业及产品目录"
GROUP_HEADER = ["序号", "企业信息", "", "", "", "产品信息", "", "", "", "", "", "", ""]
HEADER = [
    "序号",
    "企业\n名称",
    "统一社会\n信用代码",
    "所在 地区",
    "联系电话",
    "产品名称",
    "产品类别",
    "管理类别",
    "注册证编号\n（备案号）",
    "规格型号",
    "采购状态",
    "医保",
    "首台（套）",
]
# (enterprise, code, phone, product, type, class, number, model, procurement, insurance, first)
DATA = [
    (NAME_A, CODE_A, "0574-63000001（总机）", "数字乳腺X射线机", "有源医疗器械", "第Ⅲ类",
     "浙械注准20203060001", "MX-1", "省平台挂网", "乙类", "省级首台套"),
    (NAME_A, CODE_A, "0574-63000001 转 8001", "一次性使用采血针", "无源医疗器械", "Ⅱ类",
     "浙械注准20212150002号", "0.7mm", "集中带量采购中选", "甲类", "否"),
    (NAME_A, CODE_A, "0574-63000001（总机）", "医用外科口罩", "低值医用耗材", "第二类",
     "浙械注准 2021 2140003", "", "未挂网", "", ""),
    ("宁波示例生物科技有限公司", CODE_B, "0574-87000000、87000001", "示例胶囊", "中成药", "",
     "国药准字Z20000002", "0.3g*24粒", "自行采购", "医保甲类", ""),
    ("宁波示例生物科技有限公司", CODE_B, "", "乙型肝炎病毒表面抗原检测试剂盒（酶联免疫法）",
     "体外诊断试剂", "", "国药准字S20000003", "96人份", "阳光挂网", "", ""),
]  # fmt: skip


def office_rows():
    rows = []
    for number, values in enumerate(DATA, start=1):
        name, code, phone, product, kind, cls, reg, model, proc, ins, first = values
        rows.append([number, name, code, "慈溪市", phone, product, kind, cls, reg, model, proc, ins,
                     first])  # fmt: skip
    return rows


def office_xlsx(rows=None, sheet_title="目录"):
    """Notes sheet first; the catalog sheet has a merged title, a two-row merged
    header and trailing empty rows and columns."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = "填表说明"
    notes.append(["请按说明填写，勿改动表头。"])
    sheet = workbook.create_sheet(sheet_title)
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append([])
    sheet.append(GROUP_HEADER)
    sheet.append(HEADER)
    sheet.merge_cells("A3:A4")  # 序号 over both header rows
    sheet.merge_cells("B3:E3")  # 企业信息
    sheet.merge_cells("F3:M3")  # 产品信息
    for column in "FGHIJKLM":
        sheet[f"{column}4"].alignment = Alignment(wrap_text=True)
    for row in office_rows() if rows is None else rows:
        sheet.append(row)
    sheet.append([None] * (len(HEADER) + 3))
    sheet.cell(row=sheet.max_row + 3, column=len(HEADER) + 2).alignment = Alignment(wrap_text=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def office_csv(rows=None):
    """As saved from Excel: a title line, a blank line, the header, 序号."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([TITLE] + [""] * (len(HEADER) - 1))
    writer.writerow([""] * len(HEADER))
    writer.writerow(HEADER + ["", ""])
    for row in office_rows() if rows is None else rows:
        writer.writerow([*row, "", ""])
    writer.writerow([""] * (len(HEADER) + 2))
    return buffer.getvalue().encode("gb18030")
