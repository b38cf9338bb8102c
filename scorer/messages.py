# ruff: noqa: E501  (a catalogue: one message a line reads better than wrapped strings)
"""What the command line says to a reviewer, in Chinese by default and in English with `--lang en`
(or ZHIBIAO_LANG=en): one catalogue, looked up by key, so no message is translated in two places.
The CSV column contract and the rule codes are not translated."""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

LANGUAGES = ("zh", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    # line prefixes on stderr
    "prefix.error": {"zh": "错误：", "en": "error: "},
    "prefix.warning": {"zh": "警告：", "en": "warning: "},
    "prefix.notice": {"zh": "提示：", "en": "note: "},
    # reading
    "read.counts": {
        "zh": "{name}：{projects} 个项目，{indicators} 条指标",
        "en": "{name}: {projects} projects, {indicators} indicators",
    },
    "read.skipped_rows": {
        "zh": "；另有 {count} 处不是指标，已跳过（{skipped}）",
        "en": "; {count} lines or cells that are no indicators skipped ({skipped})",
    },
    "read.skipped_reason": {"zh": "{reason} {count}", "en": "{count} {reason}"},
    "read.skipped_separator": {"zh": "，", "en": "; "},
    "read.file_skipped": {"zh": "{path}：未读取，{reason}", "en": "{path}: not read, {reason}"},
    "read.folder_empty": {
        "zh": "{path}：文件夹中没有可读取的文件（Word、Excel、PDF、文本导出或逐条指标表）",
        "en": "{path}: the folder holds no file to read (Word, Excel, PDF, text export or rows table)",
    },
    "read.nothing_found": {"zh": "{path}：没有读到任何绩效指标（{reason}）", "en": "{path}: no indicator found ({reason})"},
    "read.no_names": {
        "zh": "{source}：读到 {count} 条指标值，但都没有指标名称（表头中没有认出三级指标一列），请检查表头",
        "en": "{source}: {count} indicator values read, none with a name (no heading read as 三级指标): check the header",
    },
    "empty.header_only": {
        "zh": "只有表头，没有指标行",
        "en": "a header and no indicator rows",
    },
    "empty.file": {"zh": "文件是空的", "en": "the file is empty"},
    "empty.pdf_image": {
        "zh": "PDF 没有文字层，可能是扫描件；请用原始的 Word/Excel 文件，或先做文字识别（OCR）",
        "en": "the PDF has no text layer (a scan?); use the original Word/Excel file or OCR it first",
    },
    "empty.no_table": {
        "zh": "没有找到含“三级指标”“指标值”等表头的绩效指标表；判断的版式：{layout}；"
        "可用 `zhibiao parse --explain {path}` 查看读到的单元格和未采用的原因",
        "en": "no performance table with headers such as 三级指标 and 指标值 was found; layout guessed: "
        "{layout}; `zhibiao parse --explain {path}` shows the cells read and why rows were left out",
    },
    "run.summary_only": {
        "zh": "只显示了摘要，没有写出文件。逐条指标的得分、问题和修改建议：-o rows.csv；项目排名：--projects "
        "projects.csv；审阅工作簿：--xlsx review.xlsx；网页报告：--html report.html",
        "en": "a summary only, no file written. Every indicator with its score, findings and fixes: -o rows.csv; the "
        "projects ranked: --projects projects.csv; the review workbook: --xlsx review.xlsx; the web report: --html report.html",
    },
    "run.nothing_written": {
        "zh": "没有可评分的指标，未写出任何文件，原有的输出文件保持不变",
        "en": "nothing to score: no file written, earlier outputs left as they were",
    },
    # inputs
    "input.missing": {"zh": "找不到输入文件：{path}", "en": "no such input: {path}"},
    "input.did_you_mean": {"zh": "；是不是：{names}", "en": "; did you mean: {names}"},
    "input.folder_missing": {"zh": "；文件夹 {folder} 也不存在", "en": "; the folder {folder} does not exist either"},
    "input.given_twice": {
        "zh": "{path} 在命令中出现了 {times} 次，只评分一次",
        "en": "{path} is given {times} times; it is scored once",
    },
    "input.mixed": {
        "zh": "逐条指标表（.parquet，含 project、level3、value 列的 .csv，或表头含 项目名称、三级指标、指标值 且在 1 MB 以上"
        "或单位列（单位名称 等）列出多个单位的 .csv）不能与文档在同一次运行中评分（指标表：{tables}；文档：{documents}）；"
        "请分两次运行",
        "en": "rows tables (.parquet, .csv with project, level3 and value columns, or a .csv headed 项目名称, 三级指标, "
        "指标值 of 1 MB or more or whose unit column (单位名称 …) names several units) and documents cannot be "
        "scored in one run (tables: {tables}; documents: {documents}); score them in two runs",
    },
    "input.unreadable_beside": {
        "zh": "。其中一个文件无法读取，不能判断它是否为说明文件：{detail}",
        "en": ". One of the files could not be read, so it cannot be told for a note: {detail}",
    },
    "list.and": {"zh": " 与 ", "en": " and "},
    "codes.none_left": {
        "zh": "{causes} 之后没有剩下任何规则，不会标出任何问题；请放宽所选规则或少排除一些",
        "en": "{causes} leave no rule: nothing could be flagged; select more or ignore less",
    },
    "input.some_files": {"zh": "{names} 等 {count} 个", "en": "{names} and others, {count} in all"},
    "input.dask_missing": {
        "zh": '--engine dask 需要 dask 和 distributed：pip install ".[dask]"',
        "en": '--engine dask needs dask and distributed: pip install ".[dask]"',
    },
    "input.dask_needs_tables": {
        "zh": "--engine dask 只对逐条指标表评分：请先对文档运行 `zhibiao parse`",
        "en": "--engine dask scores rows tables: run `zhibiao parse` on the documents first",
    },
    # outputs
    "output.is_folder": {
        "zh": "{option} {path}：这是一个文件夹，请给出文件名（例如 {example}）",
        "en": "{option} {path}: is a folder; give a file name (e.g. {example})",
    },
    "output.no_folder": {
        "zh": "{option} {path}：文件夹 {folder} 不存在，请先创建它（mkdir -p {folder}）",
        "en": "{option} {path}: the folder {folder} does not exist; create it first (mkdir -p {folder})",
    },
    "output.not_folder": {"zh": "{option} {path}：{folder} 不是文件夹", "en": "{option} {path}: {folder} is not a folder"},
    "output.unwritable": {"zh": "{option} {path}：没有写入权限", "en": "{option} {path}: not writable"},
    "os.failed": {
        "zh": "{path}：无法读写（{reason}），未完成的输出未写出",
        "en": "{path}: cannot be read or written ({reason}); unfinished outputs were not written",
    },
    "os.reason.EACCES": {"zh": "没有权限", "en": "permission denied"},
    "os.reason.EPERM": {"zh": "没有权限", "en": "operation not permitted"},
    "os.reason.ENOENT": {"zh": "路径不存在", "en": "no such file or folder"},
    "os.reason.ENOSPC": {"zh": "磁盘空间不足", "en": "no space left on the disk"},
    "os.reason.EROFS": {"zh": "只读文件系统", "en": "read-only file system"},
    "os.reason.EISDIR": {"zh": "这是一个文件夹", "en": "it is a folder"},
    "os.reason.ENOTDIR": {"zh": "路径中有一段不是文件夹", "en": "a part of the path is not a folder"},
    "os.reason.EIO": {"zh": "读写出错", "en": "input/output error"},
    "os.failed_unnamed": {
        "zh": "读写文件时出错（{reason}），未完成的输出未写出",
        "en": "a file could not be read or written ({reason}); unfinished outputs were not written",
    },
    "output.extension": {
        "zh": "{option} {path}：{option} 写的是 {kind}，文件名应以 {suffixes} 结尾",
        "en": "{option} {path}: {option} writes {kind}; the name should end in {suffixes}",
    },
    "output.twice": {"zh": "{first} 与 {second} 指向同一个文件 {path}", "en": "{first} and {second} name the same file {path}"},
    "output.is_input": {
        "zh": "{option} {path}：这是输入文件，不能覆盖",
        "en": "{option} {path}: is an input file; it would be overwritten",
    },
    "output.has_decisions": {
        "zh": "{option} {path}：工作簿中已有 {count} 行由审核人填写（审核意见、备注、审核人或审核日期），覆盖会丢失；要把审核意见带入新的评分结果，请加 --decisions {path} 并把 "
        "{option} 换成新文件名（如 {example}）；确实不要这些意见，请先删除或改名该文件",
        "en": "{option} {path}: {count} row(s) of the workbook were filled in by a reviewer (decision, note, reviewer or date), which overwriting would lose; to carry the decisions "
        "into the new scores, add --decisions {path} and give {option} a new name (such as {example}); if they are not "
        "wanted, delete or rename the file first",
    },
    "kind.csv": {"zh": "CSV 表格", "en": "a CSV table"},
    "kind.table": {"zh": "CSV 或 Parquet 表格", "en": "a CSV or Parquet table"},
    "kind.xlsx": {"zh": "Excel 工作簿", "en": "an Excel workbook"},
    "kind.html": {"zh": "HTML 报告", "en": "an HTML report"},
    "kind.json": {"zh": "JSON 文件", "en": "a JSON file"},
    "kind.markdown": {"zh": "Markdown 文件", "en": "a Markdown file"},
    # --select / --ignore
    "codes.unknown": {
        "zh": "{option}：没有规则或类别 {code}{hint}；`zhibiao rules` 列出全部规则",
        "en": "{option}: no rule or category {code}{hint}; `zhibiao rules` lists them",
    },
    "codes.closest": {"zh": "，最接近的是 {names}", "en": "; closest: {names}"},
    # other usage errors
    "rule.unknown": {
        "zh": "没有规则 {code}{hint}；`zhibiao rules` 列出全部规则",
        "en": "no rule {code}{hint}; `zhibiao rules` lists them",
    },
    "stats.invalid": {
        "zh": "--corpus-stats {path}：不是 zhibiao 的语料统计文件{detail}",
        "en": "--corpus-stats {path}: not a zhibiao corpus statistics file{detail}",
    },
    "model.invalid": {"zh": "--model：{detail}", "en": "--model: {detail}"},
    "train.nothing": {
        "zh": "标注中没有一行与 --docs 中文档的指标对上",
        "en": "no labelled row matched a row of the documents in --docs",
    },
    # decisions (审核意见)
    "decisions.invalid": {"zh": "--decisions：{detail}", "en": "--decisions: {detail}"},
    "decisions.not_workbook": {
        "zh": "{path}：请给出填好审核意见的评审工作簿（.xlsx）",
        "en": "{path}: give the reviewed workbook (.xlsx) with its 审核意见 filled in",
    },
    "decisions.applied": {
        "zh": "审核意见 {decisions} 条：豁免问题 {waived} 个，已过期 {stale} 条",
        "en": "{decisions} decisions: {waived} findings waived, {stale} stale",
    },
    "decisions.exported": {
        "zh": "已写出 {output}：{count} 条审核意见（{verdicts}）",
        "en": "wrote {output}: {count} decisions ({verdicts})",
    },
    # compare
    "compare.nothing": {"zh": "{path}：没有读到任何绩效指标，无法比较", "en": "{path}: no indicator read, nothing to compare"},
    "compare.summary": {
        "zh": "共 {projects} 个项目，{changed} 个有变化：已修正问题 {fixed} 个，仍未修正 {open} 个，新出现 {new} 个；新增项目 {added} 个，删除项目 {removed} 个",
        "en": "{projects} projects, {changed} changed: {fixed} findings fixed, {open} still open, {new} new; {added} projects added, {removed} removed",
    },
    "compare.project": {
        "zh": "得分 {old} → {new}；已修正 {fixed}，仍未修正 {open}，新出现 {new_findings}；新增指标 {added}，删除指标 {removed}",
        "en": "score {old} → {new}; fixed {fixed}, still open {open}, new {new_findings}; rows added {added}, removed {removed}",
    },
    "compare.status.added": {"zh": "[新增项目]", "en": "[added]"},
    "compare.status.removed": {"zh": "[删除项目]", "en": "[removed]"},
    "compare.status.changed": {"zh": "[有修改]", "en": "[changed]"},
    "compare.status.unchanged": {"zh": "[未改动]", "en": "[unchanged]"},
    "compare.fixed": {"zh": "已修正", "en": "fixed"},
    "compare.new": {"zh": "新出现", "en": "new"},
    "compare.still_open": {"zh": "仍未修正", "en": "still open"},
    "compare.row_added": {"zh": "新增指标", "en": "row added"},
    "compare.row_removed": {"zh": "删除指标", "en": "row removed"},
    "compare.project_level": {"zh": "（项目层面）", "en": "(project)"},
    "compare.title": {"zh": "zhibiao 修改前后对比：{old} → {new}", "en": "zhibiao comparison: {old} → {new}"},
    "compare.line": {"zh": "{status} {name}：{detail}", "en": "{status} {name}: {detail}"},
    "compare.row": {"zh": "{indicator}（{values}）", "en": "{indicator} ({values})"},
    "compare.section": {"zh": "{name}（{status}）", "en": "{name} ({status})"},
    "compare.sheet.projects": {"zh": "项目对比", "en": "Projects"},
    "compare.sheet.changes": {"zh": "指标变化", "en": "Changes"},
    "compare.col.unit": {"zh": "单位", "en": "Unit"},
    "compare.col.project": {"zh": "项目", "en": "Project"},
    "compare.col.status": {"zh": "变化", "en": "Change"},
    "compare.col.old_score": {"zh": "原得分", "en": "Old score"},
    "compare.col.old_grade": {"zh": "原等级", "en": "Old grade"},
    "compare.col.new_score": {"zh": "新得分", "en": "New score"},
    "compare.col.new_grade": {"zh": "新等级", "en": "New grade"},
    "compare.col.score_change": {"zh": "得分变化", "en": "Score change"},
    "compare.col.fixed": {"zh": "已修正", "en": "Fixed"},
    "compare.col.still_open": {"zh": "仍未修正", "en": "Still open"},
    "compare.col.new": {"zh": "新出现", "en": "New"},
    "compare.col.rows_added": {"zh": "新增指标", "en": "Rows added"},
    "compare.col.rows_removed": {"zh": "删除指标", "en": "Rows removed"},
    "compare.col.rows_changed": {"zh": "修改指标值", "en": "Values changed"},
    "compare.col.old_source": {"zh": "原文件", "en": "Old file"},
    "compare.col.new_source": {"zh": "新文件", "en": "New file"},
    "compare.col.indicator": {"zh": "三级指标", "en": "Indicator"},
    "compare.col.old_value": {"zh": "原指标值", "en": "Old value"},
    "compare.col.new_value": {"zh": "新指标值", "en": "New value"},
    "compare.col.rule": {"zh": "规则", "en": "Rule"},
    "compare.col.message": {"zh": "说明", "en": "Reason"},
    "compare.status_name.added": {"zh": "新增项目", "en": "project added"},
    "compare.status_name.removed": {"zh": "删除项目", "en": "project removed"},
    "compare.status_name.changed": {"zh": "有修改", "en": "changed"},
    "compare.status_name.unchanged": {"zh": "未改动", "en": "unchanged"},
    # the revision letter (scorer/letter.py)
    "letter.file_name": {"zh": "{unit}{year}绩效目标修改意见", "en": "{unit}{year} performance targets to revise"},
    "letter.year": {"zh": "{year}年度", "en": " {year}"},
    "letter.title": {"zh": "{unit}{year}预算绩效目标修改意见", "en": "{unit}{year}: budget performance targets to revise"},
    "letter.opening": {
        "zh": "{unit}：\n经审核，贵单位报送的预算绩效目标表中有 {projects} 个项目、{rows} 条绩效指标需要修改完善。以下按项目列出（得分低的项目在前；每个项目内，有缺陷的指标在前、较弱的在后），请逐条修改后重新报送。",
        "en": "To {unit}:\nOn review, {projects} projects and {rows} performance indicators of the budget performance targets you submitted need revising. They are listed by project below (lowest score first; within a project, defective rows before weak ones). Please revise each and submit the tables again.",
    },
    "letter.project": {
        "zh": "{number}、{name}（得分 {score:.1f}，等级 {grade}）",
        "en": "{number}. {name} (score {score:.1f}, grade {grade})",
    },
    "letter.project_reasons": {"zh": "项目整体：", "en": "The project as a whole: "},
    "letter.separator": {"zh": "；", "en": "; "},
    "letter.col.number": {"zh": "序号", "en": "No."},
    "letter.col.indicator": {"zh": "指标", "en": "Indicator"},
    "letter.col.value": {"zh": "指标值", "en": "Value"},
    "letter.col.reasons": {"zh": "问题", "en": "Problem"},
    "letter.col.fixes": {"zh": "修改建议", "en": "Suggested fix"},
    "letter.col.suggestions": {"zh": "可参考的指标", "en": "Indicators to refer to"},
    "letter.row": {"zh": "{level2}：{indicator}", "en": "{level2}: {indicator}"},
    "letter.signature": {"zh": "审核人：　　　　　　　日期：", "en": "Reviewer:                Date:"},
    # the findings' own wording (the rules' English templates are in lexicons/rule_messages_en.yaml)
    "finding.no_name": {"zh": "（无名称）", "en": "(no name)"},
    # pieces of a rule's message that differ by language beyond its words: the words that make a value vague (V001),
    # the budget a cost row restates where the table states one (B001)
    "finding.vague_words": {"zh": "（{words}）", "en": " (“{words}”)"},
    "finding.budget_said": {"zh": "（{budget:g}万元）", "en": " ({budget:g} 万元)"},
    # what a group's values are given in (U006)
    "finding.group_takes.timeliness": {"zh": "时效应为时限或比率", "en": "timeliness takes a deadline or a rate"},
    "finding.group_takes.satisfaction": {"zh": "满意度应为百分比", "en": "satisfaction takes a percentage"},
    "finding.group_takes.cost": {
        "zh": "成本应为金额或资金的比率",
        "en": "a cost takes an amount of money or a rate of the money",
    },
    "finding.waived": {"zh": "已豁免", "en": "waived"},
    "finding.waived_because": {"zh": "已豁免（{detail}）", "en": "waived ({detail})"},
    "finding.waiver_who": {"zh": "，", "en": ", "},
    "finding.waiver_parts": {"zh": "；", "en": "; "},
    "finding.waived_message": {"zh": "{waiver}：{message}", "en": "{waiver}: {message}"},
    "b009.unrelated": {"zh": "分属不同类型", "en": "of different kinds"},
    "b009.most": {"zh": "占本文件项目的大多数", "en": "most of the projects in this file"},
    "model.finding": {
        "zh": "模型判断该指标可能属于“{category}”（概率{probability:.2f}），主要依据：{terms}；请人工复核",
        "en": "the model judges this indicator may be {category} (probability {probability:.2f}), mainly because of: {terms}; please review it",
    },
    # the weights behind it (the project's kind, the row's heading, a unit missing) read as no reason to a reviewer:
    # they stay in the finding's evidence, for programs and the findings table
    "model.penalty": {
        "zh": "分类模型估计该指标“{category}”的概率为{probability:.2f}，扣{points:.1f}分",
        "en": "the classifier puts the probability that this indicator is {category} at {probability:.2f}, taking off {points:.1f} points",
    },
    # beside a rule's reason: the points only (its probability told reviewers nothing there: reviews 63 and 68)
    "model.also": {"zh": "分类模型另扣{points:.1f}分", "en": "the classifier takes off another {points:.1f} points"},
    "model.fix": {
        "zh": "请人工复核；若指标已具体可核验，可忽略此提示",
        "en": "review it; if the indicator is already specific and checkable, ignore this note",
    },
    "model.whole_row": {"zh": "整体特征", "en": "the row as a whole"},
    "model.terms": {"zh": "{terms}", "en": "{terms}"},
    "model.terms_separator": {"zh": "、", "en": "; "},
    # configuration
    "config.none": {
        "zh": "没有找到 zhibiao.toml 或含 [tool.zhibiao] 的 pyproject.toml（从当前文件夹向上查找），使用默认设置",
        "en": "no zhibiao.toml or pyproject.toml with [tool.zhibiao] found (from the working directory upward): defaults in force",
    },
    "config.file": {"zh": "设置文件：{path}", "en": "settings file: {path}"},
    "config.line": {"zh": "{setting} = {value}    （来源：{origin}）", "en": "{setting} = {value}    (from: {origin})"},
    "config.default": {"zh": "默认", "en": "default"},
    "config.default.select": {"zh": "全部规则", "en": "every rule"},
    "config.default.ignore": {"zh": "无", "en": "none"},
    "config.default.decisions": {"zh": "无", "en": "none"},
    "config.unreadable": {"zh": "{path}：无法读取（{detail}）", "en": "{path}: cannot be read ({detail})"},
    "config.not_toml": {"zh": "{path}：不是有效的 TOML（{detail}）", "en": "{path}: not valid TOML ({detail})"},
    "config.unknown_key": {
        "zh": "{path}：未知的设置 {setting}；可用的设置：{keys}",
        "en": "{path}: unknown setting {setting}; the settings are: {keys}",
    },
    "config.not_codes": {
        "zh": '{path}：{setting} 应是规则代码、前缀或类别的列表，如 ["V", "U001"]',
        "en": '{path}: {setting} should be a list of rule codes, prefixes or categories, e.g. ["V", "U001"]',
    },
    "config.not_path": {
        "zh": "{path}：{setting} 应是一个文件路径（相对于 {name} 所在的文件夹）",
        "en": "{path}: {setting} should be a file path (relative to the folder of {name})",
    },
    # decisions files and stale decisions
    "decisions.kind": {
        "zh": "{path}：审核意见文件应是评审工作簿 .xlsx 或 decisions .csv",
        "en": "{path}: a decisions file is a review workbook .xlsx or a decisions .csv",
    },
    "decisions.not_xlsx": {
        "zh": "{path}：无法作为 Excel 工作簿打开（{detail}）",
        "en": "{path}: cannot be opened as an Excel workbook ({detail})",
    },
    "decisions.no_sheet": {
        "zh": "{path}：没有“指标明细”工作表，不是 zhibiao 的评审工作簿",
        "en": "{path}: no 指标明细 (or Indicators) sheet, not a zhibiao review workbook",
    },
    "decisions.sheet_columns": {
        "zh": "{path}：“{sheet}”工作表缺少列 {columns}",
        "en": "{path}: the {sheet} sheet lacks column(s) {columns}",
    },
    "decisions.not_csv": {"zh": "{path}：无法读取为 CSV（{detail}）", "en": "{path}: cannot be read as CSV ({detail})"},
    "decisions.csv_columns": {
        "zh": "{path}：审核意见表缺少列 {columns}（应有 {expected}）",
        "en": "{path}: the decisions table lacks column(s) {columns} (expected {expected})",
    },
    "decisions.bad_verdict": {
        "zh": "{where}：审核意见“{verdict}”不是 同意 / 不同意 / 待定 之一",
        "en": '{where}: decision "{verdict}" is not one of 同意 / 不同意 / 待定 (agree / disagree / pending)',
    },
    "decisions.where_sheet": {"zh": "{path}:{sheet}!第{row}行", "en": "{path}:{sheet}!row {row}"},
    "decisions.where_csv": {"zh": "{path}:第{row}行", "en": "{path}:line {row}"},
    "decisions.stale": {
        "zh": "审核意见已过期：{document} / {project} / {row} 上对 {codes} 的审核意见“{decision}”不再适用：{reason}，请重新审核（{origin}）",
        "en": 'stale decision: {document} / {project} / {row}: the decision "{decision}" on {codes} no longer applies: {reason}; review it again ({origin})',
    },
    "decisions.stale_row": {"zh": "指标“{indicator}”（{value}）", "en": 'row "{indicator}" ({value})'},
    "decisions.stale_project_row": {"zh": "项目层面", "en": "the project"},
    "decisions.gone_project": {"zh": "项目已不在文件中（或已改名）", "en": "the project is gone (or renamed)"},
    "decisions.gone_row": {"zh": "该指标已删除或改名", "en": "the row is gone (or renamed)"},
    "decisions.new_value": {"zh": "指标值已改为“{value}”", "en": 'the value is now "{value}"'},
    "decisions.stale_note": {
        "zh": "备注已过期：{document} / {project} / {row}上填写的{written}无法带入：{reason}，请核对后重新填写（{origin}）",
        "en": "stale note: {document} / {project} / {row}: {written} cannot be carried over: {reason}; fill it in again ({origin})",
    },
    "decisions.note_cell": {"zh": "{heading}“{value}”", "en": '{heading} "{value}"'},
    "decisions.note_cells": {"zh": "、", "en": ", "},
    "decisions.notes_applied": {
        "zh": "未填审核意见的备注 {notes} 条（不影响得分）：已过期 {stale} 条",
        "en": "{notes} notes without a decision (no effect on scores): {stale} stale",
    },
    "decisions.exported_notes": {
        "zh": "，另有未填审核意见的备注 {notes} 条（decision 列为空）",
        "en": ", and {notes} notes without a decision (the decision column empty)",
    },
    # suggestions (指标推荐)
    "suggest.general": {"zh": "未归类", "en": "unclassified"},
    "suggest.why": {
        "zh": "同为{kind}类项目的{level2}，取自 {document}「{project}」",
        "en": "a {level2} row of a {kind} project too, from {document} “{project}”",
    },
    "suggest.why_alike": {"zh": "名称相近（{alike}），", "en": "a similar name ({alike}), "},
    "suggest.title": {
        "zh": "「{project}」（项目类别：{kinds}）的{level2}推荐：",
        "en": "{level2} suggestions for “{project}” (project kind: {kinds}):",
    },
    "suggest.none": {
        "zh": "指标库中没有同类项目的该二级指标",
        "en": "the library holds no row of this group for a project of this kind",
    },
    "suggest.unknown_level2": {
        "zh": "--level2 {level2}：不是已知的二级指标；可用：{names}",
        "en": "--level2 {level2}: not a known 二级指标; one of: {names}",
    },
    "library.invalid": {"zh": "--library：无法读取指标库 {detail}", "en": "--library: cannot read the library {detail}"},
    "library.built": {"zh": "已写出 {path}：{rows} 条指标；说明：{card}", "en": "wrote {path}: {rows} rows; card: {card}"},
    "kind.parquet": {"zh": "Parquet 表格", "en": "a Parquet table"},
    # letter
    "letter.no_folder": {
        "zh": "-o {folder}：文件夹不存在，请先创建它（mkdir -p {folder}）",
        "en": "-o {folder}: the folder does not exist; create it first (mkdir -p {folder})",
    },
    "letter.not_folder": {
        "zh": "-o {folder}：不是文件夹；修改意见按单位各写一份，请给出文件夹",
        "en": "-o {folder}: not a folder; one letter is written per unit, give a folder",
    },
    "letter.written": {
        "zh": "已写出 {path}：{projects} 个项目，{rows} 条指标需修改",
        "en": "wrote {path}: {projects} projects, {rows} rows to revise",
    },
    "letter.none": {"zh": "没有需要修改的指标，未写出修改意见", "en": "nothing to revise: no letter written"},
    # terminal summary
    "summary.none": {"zh": "没有读到任何项目。", "en": "No project was read."},
    "summary.title": {
        "zh": "得分最低的 {shown} 个项目（共 {projects} 个项目，{rows} 条指标）",
        "en": "The {shown} lowest-scoring projects (of {projects} projects, {rows} indicators)",
    },
    "summary.columns": {
        "zh": "排名|项目（单位 · 年度 · 文件）|预算(万元)|指标数|问题数|得分|等级",
        "en": "rank|project (unit · year · file)|budget (万元)|indicators|findings|score|grade",
    },
    "summary.flagged": {"zh": "问题指标 {flagged}/{rows} 条：", "en": "Flagged indicators {flagged}/{rows}: "},
    "summary.overlap": {
        "zh": "（一条指标可同时属于几类，各类条数相加多于问题指标数）",
        "en": " (an indicator may fall in several categories, so the counts add up to more than the flagged indicators)",
    },
    "summary.not_read": {"zh": "未读取的文件 {count} 个：{names}", "en": "{count} files not read: {names}"},
    "statistics.title": {"zh": "按规则统计", "en": "Findings by rule"},
    "statistics.columns": {"zh": "规则|名称|类别|级别|次数", "en": "rule|name|category|severity|count"},
    # files that cannot be read at all (scorer/ingest)
    "read.not_zip": {
        "zh": "{source}：不是有效的 {suffix} 文件（不是 zip 压缩包）",
        "en": "{source}: not a valid {suffix} file (not a zip archive)",
    },
    "read.too_many_members": {
        "zh": "{source}：压缩包内有 {count} 个成员（上限 {limit}），拒绝读取",
        "en": "{source}: archive has {count} members (limit {limit}), refused",
    },
    "read.unpacks_too_big": {
        "zh": "{source}：解压后有 {size} MB（上限 {limit} MB），疑似压缩炸弹，拒绝读取",
        "en": "{source}: archive unpacks to {size} MB (limit {limit} MB), refused as a possible zip bomb",
    },
    "read.compressed_too_much": {
        "zh": "{source}：成员 {member} 的压缩比为 {ratio}:1，疑似压缩炸弹，拒绝读取",
        "en": "{source}: member {member} is compressed {ratio}:1, refused as a possible zip bomb",
    },
    "read.no_such_file": {"zh": "{source}：文件不存在", "en": "{source}: no such file"},
    "read.not_office": {
        "zh": "内容既不是 {suffix} 文件，也不是网页或文本，可能已损坏",
        "en": "the content is neither a {suffix} file nor a web page or text; it may be damaged",
    },
    "read.disguised": {
        "zh": "{source}：扩展名是 {suffix}，内容却是{kind}，已按{kind}读取",
        "en": "{source}: named {suffix} but holds {kind}; read as {kind}",
    },
    "content.web_page": {"zh": "网页（HTML）", "en": "a web page (HTML)"},
    "content.text": {"zh": "文本", "en": "text"},
    "content.csv": {"zh": "分隔符表格（CSV）", "en": "a delimited table (CSV)"},
    "content.xls": {"zh": "Excel 97-2003 工作簿（.xls）", "en": "an Excel 97-2003 workbook (.xls)"},
    "content.xlsx": {"zh": "Excel 工作簿（.xlsx）", "en": "an Excel workbook (.xlsx)"},
    "content.docx": {"zh": "Word 文档（.docx）", "en": "a Word document (.docx)"},
    "read.office97": {
        "zh": "这是 Office 97-2003 格式的文件，但不是可读的 Excel 工作簿（可能是 Word 的 .doc，或已损坏）；请在 Office 或 WPS 中打开，另存为 .docx 或 .xlsx 后再读",
        "en": "it is an Office 97-2003 file but no readable Excel workbook (a Word .doc, say, or damaged); open it in Office or WPS and save it as .docx or .xlsx, then read that",
    },
    "read.spreadsheet_xml": {
        "zh": "这是 Excel 2003 的 XML 表格，请在 Excel 或 WPS 中另存为 .xlsx 后再读",
        "en": "it is an Excel 2003 XML spreadsheet; save it as .xlsx in Excel or WPS, then read that",
    },
    "read.too_large": {"zh": "{source}：大于 {limit} MB，未读取", "en": "{source}: larger than {limit} MB, not read"},
    "read.nested_too_deeply": {"zh": "{source}：嵌套层次太深，无法读取", "en": "{source}: nested too deeply to read"},
    "read.cannot_read_as": {
        "zh": "{source}：无法作为 {suffix} 读取（{detail}）",
        "en": "{source}: cannot be read as {suffix} ({detail})",
    },
    "read.not_interpreted": {
        "zh": "{source}：已读取，但其中的表格无法解析（{detail}）",
        "en": "{source}: read, but its tables could not be interpreted ({detail})",
    },
    "read.binary": {
        "zh": "{source}：是二进制内容（含 NUL 字节），不是文本导出",
        "en": "{source}: binary content (NUL bytes), not a text export",
    },
    "read.damaged_bytes": {
        "zh": "{source}：第 {line} 行（第 {byte} 字节）起有 {damaged} 处无法按 {encoding} 解码的字节（{reason}），"
        "已替换为 \ufffd，其余内容照常读取",
        "en": "{source}: line {line} (byte {byte}): {damaged} undecodable {encoding} sequence(s) replaced by \ufffd "
        "({reason}); the rest was read",
    },
    "read.not_text": {
        "zh": "{source}：第 {line} 行（第 {byte} 字节）起不是 UTF-8、GB18030 或 UTF-16 文本（{reason}）",
        "en": "{source}: line {line} (byte {byte}): not UTF-8, GB18030 or UTF-16 text ({reason})",
    },
    # why a byte sequence does not decode (UnicodeDecodeError.reason), in the reviewer's words
    "decode.reason.illegal multibyte sequence": {"zh": "不成字的多字节序列", "en": "illegal multibyte sequence"},
    "decode.reason.incomplete multibyte sequence": {"zh": "多字节序列不完整", "en": "incomplete multibyte sequence"},
    "decode.reason.invalid start byte": {"zh": "字符的首字节无效", "en": "invalid start byte"},
    "decode.reason.invalid continuation byte": {"zh": "字符的后续字节无效", "en": "invalid continuation byte"},
    "decode.reason.unexpected end of data": {"zh": "文件在字符中间结束", "en": "unexpected end of data"},
    "bulk.cannot_open": {
        "zh": "{path}：无法作为逐条指标表打开（{detail}）",
        "en": "{path}: cannot be opened as a rows table ({detail})",
    },
    "bulk.lacks_columns": {
        "zh": "{path}：逐条指标表缺少列 {missing}（现有列：{names}）；请把该列的列名改为 {missing} 或其同义词（如 {synonyms}）",
        "en": "{path}: rows table lacks column(s) {missing} (has: {names}); name the column {missing} or one of "
        "its synonyms ({synonyms})",
    },
    "bulk.unreadable_after": {
        "zh": "{path}：第 {row} 行之后无法读取（{detail}）；逐条指标表须为 UTF-8 或 GB18030 编码的 CSV，或 Parquet",
        "en": "{path}: unreadable after row {row} ({detail}); a rows table must be UTF-8 or GB18030 CSV, or Parquet",
    },
    "bulk.wrong_width": {
        "zh": "文件第 {line} 行有 {got} 列，表头有 {header} 列：{text}",
        "en": "line {line} of the file has {got} cells where the header has {header}: {text}",
    },
    "bulk.replaced_bytes": {
        "zh": "{path}：有 {count} 处无法按 {encoding} 解码的字节，已替换为 \ufffd，其余内容照常读取",
        "en": "{path}: {count} undecodable {encoding} sequence(s) replaced by \ufffd; the rest was read",
    },
    "bulk.no_rows": {
        "zh": "{path}：只有表头，没有指标行",
        "en": "{path}: a header and no indicator rows",
    },
    "bulk.repeated_column": {
        "zh": "{path}：列“{taken}”和“{other}”都是 {field} 列，取前一列“{taken}”，后一列未读",
        "en": "{path}: columns “{taken}” and “{other}” are both its {field}; the first, “{taken}”, is read, the other is not",
    },
    "bulk.regrouped": {
        "zh": "{path}：文件的行在表中不连续（如 {source}，第 {row} 行再次出现），已把每个文件的行合并在一起评分；"
        "这些文件的行在输出中排在一起",
        "en": "{path}: documents' rows are not together in the table (e.g. {source}, again at row {row}); each "
        "document's rows were brought together and scored as one; they come together in the output",
    },
    "bulk.not_together": {
        "zh": "{source}：本文件的行在表中不连续（第 {row} 行再次出现），各段按不同文件评分；请按 source 列排序",
        "en": "{source}: rows of this document are not together in the table (again at row {row}); its parts are "
        "scored as separate documents; sort the table by source",
    },
    "bulk.left_out": {
        "zh": "{path}：{count} 行不是指标，未评分：{reasons}",
        "en": "{path}: {count} row(s) hold no indicator and were not scored: {reasons}",
    },
    "bulk.only_left_out": {
        "zh": "{path}：没有指标行，{count} 行都不是指标：{reasons}",
        "en": "{path}: no indicator rows; all {count} row(s) hold none: {reasons}",
    },
    "bulk.left_out_reason": {"zh": "{reason} {count} 行（第 {rows} 行{more}）", "en": "{reason}, {count} (row {rows}{more})"},
    "bulk.one_document": {
        "zh": "{path}：没有文件列（source）或单位列（或单位列为空），全部行作为一个文件（{name}）评分",
        "en": "{path}: no source or unit column (or an empty unit column), so all its rows are one document ({name})",
    },
    "bulk.stages": {"zh": "用时：{stages}", "en": "time: {stages}"},
    "list.comma": {"zh": "，", "en": ", "},
    "list.semicolon": {"zh": "；", "en": "; "},
    "list.more": {"zh": "等", "en": " …"},
    "bulk.stage.statistics": {"zh": "模板统计", "en": "statistics"},
    "bulk.stage.read": {"zh": "读取", "en": "read"},
    "bulk.stage.score": {"zh": "评分", "en": "score"},
    "bulk.stage.format": {"zh": "整理输出", "en": "format"},
    # the bulk engine's scoring processes work side by side: their seconds add up past the run's own
    "bulk.stage.score_workers": {"zh": "评分（各进程累计）", "en": "score (summed over processes)"},
    "bulk.stage.format_workers": {"zh": "整理输出（各进程累计）", "en": "format (summed over processes)"},
    "bulk.stage.write": {"zh": "写出", "en": "write"},
    "bulk.stage.rank": {"zh": "排名", "en": "rank"},
    "bulk.stage.total": {"zh": "总耗时", "en": "total (wall clock)"},
    "bulk.summary": {
        "zh": "{rows} 条指标，{projects} 个项目，分属 {documents} 个单位或文件；等级：{grades}\n{stages}",
        "en": "{rows} rows, {projects} projects in {documents} documents; grades: {grades}\n{stages}",
    },
    "bulk.worker_died": {
        "zh": "{place}：评分进程意外退出（{cause}），运行已中止，未写出任何文件，原有的输出文件保持不变",
        "en": "{place}: a scoring process died ({cause}); the run was stopped, nothing was written and "
        "earlier outputs are unchanged",
    },
    "bulk.chunk": {"zh": "{path} 第 {first}–{last} 行（{documents}）", "en": "{path} rows {first}-{last} ({documents})"},
    "bulk.statistics_pass": {"zh": "{path} 的模板统计（第一遍）", "en": "{path}, template statistics (pass 1)"},
    "bulk.starting": {"zh": "启动评分进程时", "en": "while starting the scoring processes"},
    "bulk.killed_memory": {
        "zh": "被系统以 SIGKILL 强行结束，多为内存不足；可减小 --chunk-rows 或 -j",
        "en": "killed by SIGKILL, most often for lack of memory; try a smaller --chunk-rows or -j",
    },
    "bulk.killed_signal": {"zh": "被信号 {name} 终止", "en": "ended by signal {name}"},
    "bulk.exit_code": {"zh": "退出码 {code}", "en": "exit code {code}"},
    "bulk.over_memory_bound": {
        "zh": "内存超过上限 {limit} MB（--max-memory），进程已自行结束；可减小 --chunk-rows、减少 -j 或提高 --max-memory",
        "en": "its memory passed the bound of {limit} MB (--max-memory) and it ended itself; "
        "try a smaller --chunk-rows, fewer -j or a higher --max-memory",
    },
    "bulk.interrupted": {
        "zh": "收到 {name}，评分已停止：评分进程已结束，临时文件已删除，未写出任何文件",
        "en": "{name} received, scoring stopped: its processes ended, temporary files removed, nothing written",
    },
    "none": {"zh": "无", "en": "none"},
    "progress.reading": {"zh": "读取文件", "en": "reading"},
    "progress.scoring": {"zh": "评分", "en": "scoring"},
    # `zhibiao rules` / `rule`
    "rule.message": {
        "zh": "提示语（〔〕处为各行自己的内容）：{message}",
        "en": "message (what each row fills in within 〔〕): {message}",
    },
    "field.name": {"zh": "指标名称", "en": "name"},
    "field.value": {"zh": "指标值", "en": "value"},
    "field.fix": {"zh": "修改建议", "en": "fix"},
    "field.other": {"zh": "另一项目", "en": "other project"},
    "field.kind": {"zh": "项目类别", "en": "kind"},
    "field.year": {"zh": "年度", "en": "year"},
    "field.unit": {"zh": "计量单位", "en": "unit"},
    "field.units": {"zh": "单位数", "en": "units"},
    "field.count": {"zh": "数量", "en": "count"},
    "field.share": {"zh": "比例", "en": "share"},
    "field.goal": {"zh": "绩效目标中的数", "en": "figure of the goal"},
    "field.dimension": {"zh": "效益维度", "en": "dimension"},
    "field.project_kind": {"zh": "项目类别", "en": "kind of project"},
    "field.expected": {"zh": "应有的单位", "en": "unit expected"},
    "field.level2": {"zh": "二级指标", "en": "level-2 heading"},
    "field.quantity": {"zh": "数量", "en": "quantity"},
    "field.periods": {"zh": "×月数或天数", "en": "× months or days"},
    "field.total": {"zh": "合计", "en": "total"},
    "field.budget": {"zh": "项目预算", "en": "budget"},
    "train.done": {
        "zh": "{rows} 行（{missing} 条标注未匹配）；按文件留出评估：flagged F1 {f1}；AUC {auc}\n已写出 {out} 和 {card}",
        "en": "{rows} rows ({missing} labels unmatched); held out by document: flagged F1 {f1}; AUC {auc}\n"
        "wrote {out} and {card}",
    },
    "duplicates.kind.copy": {"zh": "照抄", "en": "copy"},
    "duplicates.kind.carry-over": {"zh": "沿用上年", "en": "carry-over"},
    "duplicates.done": {
        "zh": "{clusters} 组（{kinds}），{members}/{rows} 条指标",
        "en": "{clusters} clusters ({kinds}), {members} rows of {rows}",
    },
    "stats.done": {
        "zh": "{rows} 条指标，{units} 个单位，{shared} 条被 2 个以上单位使用",
        "en": "{rows} rows, {units} units, {shared} rows shared by 2+ units",
    },
    # the review workbook (scorer/report/xlsx.py); the decisions round trip reads its headings back in
    # either language (scorer/decisions.py), so a heading is changed here and nowhere else
    "xlsx.sheet.ranking": {"zh": "项目排名", "en": "Ranking"},
    "xlsx.sheet.rows": {"zh": "指标明细", "en": "Indicators"},
    "xlsx.sheet.rules": {"zh": "规则统计", "en": "Rules"},
    "xlsx.sheet.left_out": {"zh": "未采用的内容", "en": "Left out"},
    "xlsx.sheet.notes": {"zh": "说明", "en": "Notes"},
    "xlsx.col.rank": {"zh": "排名", "en": "Rank"},
    "xlsx.col.rank_in_document": {"zh": "文件内排名", "en": "Rank in file"},
    "xlsx.col.unit": {"zh": "单位", "en": "Unit"},
    "xlsx.col.year": {"zh": "年度", "en": "Year"},
    "xlsx.col.document": {"zh": "文件", "en": "File"},
    "xlsx.col.project": {"zh": "项目", "en": "Project"},
    "xlsx.col.budget": {"zh": "预算(万元)", "en": "Budget (万元)"},
    "xlsx.col.indicators": {"zh": "指标数", "en": "Indicators"},
    "xlsx.col.findings": {"zh": "问题数", "en": "Findings"},
    "xlsx.col.score": {"zh": "得分", "en": "Score"},
    "xlsx.col.grade": {"zh": "等级", "en": "Grade"},
    "xlsx.col.project_findings": {"zh": "项目层面问题", "en": "Project findings"},
    "xlsx.col.project_codes": {"zh": "项目层面规则", "en": "Project rules"},
    "xlsx.col.level1": {"zh": "一级指标", "en": "Level 1"},
    "xlsx.col.level2": {"zh": "二级指标", "en": "Level 2"},
    "xlsx.col.level3": {"zh": "三级指标", "en": "Indicator"},
    "xlsx.col.description": {"zh": "绩效指标描述", "en": "Description"},
    "xlsx.col.value": {"zh": "指标值", "en": "Value"},
    "xlsx.col.basis": {"zh": "指标值确定依据", "en": "Basis of the value"},
    "xlsx.col.categories": {"zh": "问题类别", "en": "Categories"},
    "xlsx.col.codes": {"zh": "规则", "en": "Rules"},
    "xlsx.col.reasons": {"zh": "原因", "en": "Reasons"},
    "xlsx.col.fixes": {"zh": "修改建议", "en": "Fixes"},
    "xlsx.col.location": {"zh": "位置", "en": "Location"},
    "xlsx.col.suggestions": {"zh": "推荐指标", "en": "Suggested indicators"},
    "place.sheet": {"zh": "工作表“{value}”", "en": "sheet {value}"},
    "place.table": {"zh": "表{value}", "en": "table {value}"},
    "place.row": {"zh": "第{value}行", "en": "row {value}"},
    "place.line": {"zh": "第{value}行", "en": "line {value}"},
    "place.page": {"zh": "第{value}页", "en": "page {value}"},
    "xlsx.col.decision": {"zh": "审核意见", "en": "Decision"},
    "xlsx.col.note": {"zh": "备注", "en": "Note"},
    "xlsx.col.reviewer": {"zh": "审核人", "en": "Reviewer"},
    "xlsx.col.date": {"zh": "审核日期", "en": "Date"},
    "xlsx.col.rule": {"zh": "规则", "en": "Rule"},
    "xlsx.col.title": {"zh": "名称", "en": "Name"},
    "xlsx.col.category": {"zh": "类别", "en": "Category"},
    "xlsx.col.severity": {"zh": "级别", "en": "Severity"},
    "xlsx.col.scope": {"zh": "范围", "en": "Scope"},
    "xlsx.col.count": {"zh": "次数", "en": "Count"},
    "xlsx.col.about": {"zh": "说明", "en": "What it flags"},
    "xlsx.col.code_name": {"zh": "英文名称", "en": "Code name"},
    "xlsx.col.item": {"zh": "项目", "en": "Item"},
    "xlsx.col.explanation": {"zh": "说明", "en": "Explanation"},
    "xlsx.col.why_left_out": {"zh": "未采用的原因", "en": "Why it was left out"},
    "xlsx.col.content": {"zh": "内容", "en": "Content"},
    "severity.error": {"zh": "缺陷", "en": "error"},
    "severity.warning": {"zh": "较弱", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "severity.model": {"zh": "模型", "en": "model"},
    "rules.header.code": {"zh": "代码", "en": "code"},
    "rules.header.category": {"zh": "类别", "en": "category"},
    "rules.header.severity": {"zh": "级别", "en": "severity"},
    "rules.header.scope": {"zh": "范围", "en": "scope"},
    "rules.header.what": {"zh": "检查什么", "en": "what it flags"},
    "model.title": {"zh": "分类模型判断为“{category}”", "en": "model-{category}"},
    "model.summary": {
        "zh": "分类模型对一类问题的判断（逻辑回归，特征见 models/MODEL_CARD.md）",
        "en": "the classifier's judgement of one category (logistic regression; features in models/MODEL_CARD.md)",
    },
    "model.adds_findings": {
        "zh": "随包模型在这一类上可单独标出问题（概率达到阈值且规则未标出时）。",
        "en": "The shipped model may flag this category by itself (at the threshold, where the rules are silent).",
    },
    "model.score_only": {
        "zh": "随包模型在这一类上不单独标出问题，只按概率扣分，并在行上写明扣分和依据。",
        "en": "The shipped model does not flag this category by itself: it only takes points off, said on the row.",
    },
    "scope.row": {"zh": "指标", "en": "row"},
    "scope.project": {"zh": "项目", "en": "project"},
    "scope.document": {"zh": "文件", "en": "document"},
    "scope.corpus": {"zh": "全部文件", "en": "all files"},
    "verdict.同意": {"zh": "同意", "en": "agree"},
    "verdict.不同意": {"zh": "不同意", "en": "disagree"},
    "verdict.待定": {"zh": "待定", "en": "pending"},
    "xlsx.choice.error": {"zh": "请选择：同意、不同意、待定", "en": "choose one of: agree / disagree / pending"},
    "xlsx.choice.prompt": {
        "zh": "同意：问题成立；不同意：豁免此问题，不扣分；待定",
        "en": "agree: the finding stands; disagree: waive it, no points taken; pending",
    },
    "notes.findings": {"zh": "问题数", "en": "Findings"},
    "notes.findings.text": {
        "zh": "有缺陷或较弱的发现之和；提示（info）不计入。",
        "en": "The number of error and warning findings; notes (info) are not counted.",
    },
    "notes.colours": {"zh": "填色", "en": "Colours"},
    "notes.colours.text": {
        "zh": "红色：有缺陷的指标；黄色：较弱的指标。把鼠标移到指标值上可看到原因。",
        "en": "Red: an indicator with an error; yellow: a weak indicator (warning). Hover over the value to read the reasons.",
    },
    "notes.review": {"zh": "审核意见", "en": "Decisions"},
    "notes.review.text": {
        "zh": "在“指标明细”（按指标）或“项目排名”（按项目层面问题）的审核意见列选择 同意 / 不同意 / 待定，"
        "可填备注、审核人、审核日期；保存后运行 zhibiao score … --decisions 本工作簿 --xlsx 新工作簿："
        "“不同意”的问题标为已豁免、不再扣分，审核意见带入新工作簿。未选审核意见的备注、审核人、审核日期"
        "（包括没有问题的指标行）也带入新工作簿的同一行，不影响得分。",
        "en": "In the Decision column of Indicators (per indicator) or Ranking (the project's own findings) choose "
        "agree / disagree / pending, with a note, reviewer and date if you like; save, then run zhibiao score … "
        "--decisions this-workbook --xlsx new-workbook: findings you disagree with are waived and cost no points, "
        "and the decisions are carried into the new workbook. A note, reviewer or date written without a decision "
        "(on a row with no finding too) is carried to the same line of the new workbook and changes no score.",
    },
    "notes.not_read": {"zh": "未读取的文件", "en": "File not read"},
    # how scores are made (scorer/scoring.py explained(): the 说明 sheet)
    "scoring.row": {"zh": "指标得分", "en": "Indicator score"},
    "scoring.row.text": {
        "zh": "100 = 无问题；有缺陷（error）的指标 {error_base} 分，每多一类缺陷减 {error_step} 分、每多一类"
        "较弱问题减 {error_warning_step} 分；较弱（warning）的指标 {warning_base} 分，每多一类减 "
        "{warning_step} 分，不低于 {warning_floor} 分；规则的提示（info）只显示，不扣分（模型扣分见下）。",
        "en": "100 = no finding; an indicator with an error scores {error_base}, {error_step} less for each further "
        "category of error and {error_warning_step} less for each category of warning; a weak indicator (warning) "
        "scores {warning_base}, {warning_step} less for each further category, not below {warning_floor}; the rules' "
        "notes (info) are shown and take no points (the model's penalty: below).",
    },
    "scoring.model": {"zh": "模型扣分", "en": "Model penalty"},
    "scoring.model.text": {
        "zh": "分类模型估计某类问题的概率超过 {score_from} 时，每高出 0.1 扣 {per_tenth} 分，"
        "并在该指标的原因中写明（代码 M001–M006）。",
        "en": "When the classifier puts the probability of a category above {score_from}, each 0.1 above it takes "
        "{per_tenth} points, said in the indicator's reasons (codes M001–M006).",
    },
    "scoring.project": {"zh": "项目得分", "en": "Project score"},
    "scoring.project.text": {
        "zh": "{row_weight} 为各指标得分的平均值，{coverage_weight} 为六个维度（数量、质量、时效、成本、效益、"
        "满意度）中有无问题指标衡量的比例；每项项目层面问题（完整性 P…、整表照搬 C101）减 "
        "{project_warning} 分，每项完整性提示减 {project_info} 分；在 0–100 之间。",
        "en": "{row_weight} is the mean of the indicator scores, {coverage_weight} the share of the six dimensions "
        "(quantity, quality, timeliness, cost, effect, satisfaction) measured by a sound indicator; each "
        "project-level finding (completeness P…, a copied table C101) takes {project_warning} points and each "
        "completeness note {project_info}; between 0 and 100.",
    },
    "scoring.grades": {"zh": "等级", "en": "Grades"},
    # the HTML report (scorer/report/html_report.py)
    "html.title": {"zh": "zhibiao 绩效指标质量评审报告", "en": "zhibiao review of performance indicators"},
    "html.summary": {"zh": "概况", "en": "Summary"},
    "html.stat.documents": {"zh": "文件", "en": "files"},
    "html.stat.projects": {"zh": "项目", "en": "projects"},
    "html.stat.rows": {"zh": "指标", "en": "indicators"},
    "html.stat.flagged": {"zh": "问题指标", "en": "flagged indicators"},
    "html.stat.not_read": {"zh": "未读取的文件", "en": "files not read"},
    "html.not_read": {"zh": "未读取：{message}", "en": "not read: {message}"},
    "html.charts": {"zh": "问题分布", "en": "Findings"},
    "html.by_category": {"zh": "按问题类别", "en": "By category"},
    "html.by_level2": {"zh": "按二级指标（前12）", "en": "By level 2 (top 12)"},
    "html.no_level2": {"zh": "（无二级指标）", "en": "(no level 2)"},
    "html.ranking": {
        "zh": "项目排名（得分从低到高；点击表头排序）",
        "en": "Ranking (lowest score first; click a heading to sort)",
    },
    "html.unit_file": {"zh": "单位（文件）", "en": "Unit (file)"},
    "html.projects": {"zh": "项目明细（得分从低到高）", "en": "Projects (lowest score first)"},
    "html.search": {"zh": "搜索", "en": "Search"},
    "html.search_placeholder": {
        "zh": "搜索项目、单位、指标、规则代码、问题类别…",
        "en": "Search projects, units, indicators, rule codes, categories…",
    },
    "html.search_count": {
        "zh": "找到 {projects} 个项目，{indicators} 条指标",
        "en": "{projects} projects, {indicators} indicators found",
    },
    "html.points": {"zh": "{score} 分", "en": "{score} points"},
    "html.budget": {"zh": "预算 {budget} 万元", "en": "budget {budget} 万元"},
    "html.no_budget": {"zh": "预算未填", "en": "no budget given"},
    "html.project_meta": {
        "zh": "文件 {file}；{budget}；第 {rank} 名（文件内第 {rank_in_document} 名）",
        "en": "file {file}; {budget}; rank {rank} (rank {rank_in_document} in its file)",
    },
    "html.goal": {"zh": "绩效目标：", "en": "Performance goal: "},
    "html.missing_groups": {"zh": "可补充的指标（指标推荐）：", "en": "Indicators to add (suggestions):"},
    "html.suggested": {"zh": "推荐：", "en": "Suggested: "},
    "report.document_year": {"zh": "{name}（{year}年）", "en": "{name} ({year})"},
    # reasons a file in a folder is not read
    "skip.own_output": {"zh": "这是 zhibiao 自己写出的{what}", "en": "it is zhibiao's own {what}"},
    "skip.no_indicators": {
        "zh": "与指标表同在文件夹中，其中没有指标（说明或附件）",
        "en": "it lies beside the rows tables and holds no indicator (a note or an attachment)",
    },
    "skip.given_twice": {"zh": "已在本次运行中读过（命令中给出了两次）", "en": "already read in this run (given twice)"},
    "skip.run_output": {"zh": "这是本次运行的输出文件", "en": "it is an output of this run"},
    "skip.legacy": {
        "zh": "{suffix} 是旧格式，未安装 LibreOffice 无法转换：请另存为 {target}",
        "en": "{suffix} is an old binary format and LibreOffice is not installed: save it as {target}",
    },
    "skip.convert_failed": {
        "zh": "用 LibreOffice 转换为 {target} 失败（{detail}）：请另存为 {target}",
        "en": "converting it to {target} with LibreOffice failed ({detail}): save it as {target}",
    },
    "skip.unsupported": {"zh": "不支持 {suffix} 文件", "en": "{suffix} files are not read"},
    "skip.temporary": {"zh": "隐藏文件或 Office 临时文件", "en": "a hidden or Office lock file"},
    "what.rows": {"zh": "逐条指标表（要对它评分，请直接给出该文件）", "en": "rows table (name it directly to score it)"},
    "what.projects": {"zh": "项目排名表", "en": "projects table"},
    "what.findings": {"zh": "问题明细表", "en": "findings table"},
    "what.clusters": {"zh": "重复指标表", "en": "duplicate clusters table"},
    "what.workbook": {"zh": "评审工作簿", "en": "review workbook"},
    "what.html": {"zh": "HTML 报告", "en": "HTML report"},
    "what.json": {"zh": "JSON 结果", "en": "JSON result"},
    # --help of the commands and options
    "help.cli": {
        "zh": "zhibiao：读取预算绩效目标表，标出薄弱的绩效指标，给项目打分排名。\n\n"
        "退出状态：0 全部输入都读到了指标；1 有输入未能读取或没有读到指标（逐个列在 stderr），其余照常写出；"
        "2 用法错误，或没有任何可评分的指标（此时不写任何文件，原有输出保持不变）；"
        "3 逐条指标表评分时一个评分进程异常退出（内存不足等）；130、143 被 Ctrl-C 或 kill 中止（后两种都不写任何文件）。",
        "en": "zhibiao: read budget performance tables, flag weak indicators, rank projects.\n\n"
        "Exit status: 0 every input gave indicators; 1 some input could not be read or gave no "
        "indicator (each named on stderr), the rest written; 2 a usage error, or nothing to score "
        "(then no file is written and earlier outputs stay as they were); 3 a scoring process of a rows "
        "table died (out of memory …); 130, 143 stopped by ^C or kill (neither writes any file).",
    },
    "help.lang": {
        "zh": "界面语言：zh（默认）或 en；也可设环境变量 ZHIBIAO_LANG",
        "en": "language of messages: zh (default) or en; or set ZHIBIAO_LANG",
    },
    "help.parse": {
        "zh": "只读取：把文档读成一张逐条指标表（CSV，得分列为空）。",
        "en": "Read documents into one indicator table (rows CSV, score columns empty).",
    },
    "help.parse.output": {"zh": "逐条指标表 CSV（默认写到标准输出）", "en": "rows CSV (default: stdout)"},
    "help.parse.skipped_path": {
        "zh": "未采用内容清单 CSV：每一处读到但未作为指标的行或单元格，及其位置和原因",
        "en": "CSV of what was seen but not taken as an indicator: each line or cell, its place and the reason",
    },
    "help.parse.explain": {
        "zh": "说明每个文件是怎样读的：判断的版式、恢复出的单元格、读到的指标、未采用的内容及原因",
        "en": "print how each file was read: layout guessed, cells recovered, rows taken, what was skipped and why",
    },
    "help.quiet": {"zh": "不输出每个文件的统计和汇总", "en": "no per-document counts and no summary"},
    "help.score": {
        "zh": "评分：标出薄弱指标及原因，给每个项目打分、定等级、排名。\n\n"
        "文件或文件夹：可以是文档（Word、Excel、PDF、文本导出）或文件夹，或逐条指标表（`zhibiao parse` 写出的 CSV，"
        "或同样列的 Parquet）；逐条指标表以流式评分，-o/--projects 可为 .csv 或 .parquet。\n\n"
        "所有输出路径在开始前检查；输出只在本次运行有结果时才替换。退出状态：0 全部输入都读到了指标；"
        "1 有输入未能读取、没有读到指标或规则出错（逐个列出），其余照常写出；"
        "2 用法错误，或没有任何可评分的指标（不写任何文件）。",
        "en": "Score documents: flag weak indicators with reasons, score and rank every project.\n\n"
        "PATHS are documents (Word, Excel, PDF, text exports) or folders, or rows tables (the rows "
        "CSV of `zhibiao parse`, or Parquet with its columns), scored in a stream; -o/--projects "
        "may then be .csv or .parquet.\n\nEvery output path is checked before work starts; outputs "
        "are replaced only when the run produced them. Exit status: 0 every input gave indicators; "
        "1 some input could not be read, gave no indicator, or a rule failed (each named), the rest "
        "written; 2 a usage error, or nothing to score (no file written).",
    },
    "help.score.output": {"zh": "逐条指标表 CSV：每条指标的得分和原因", "en": "rows CSV: every indicator with score and reasons"},
    "help.score.projects_path": {
        "zh": "项目表 CSV：得分、等级、排名、单位、年度",
        "en": "projects CSV: score, grade, rank, unit, year",
    },
    "help.score.findings_path": {"zh": "问题明细 CSV：每个问题一行", "en": "findings CSV: one line per finding"},
    "help.score.xlsx_path": {"zh": "评审工作簿 .xlsx（5 个工作表）", "en": "review workbook .xlsx (5 sheets)"},
    "help.score.html_path": {"zh": "离线可看的 HTML 报告", "en": "self-contained HTML report"},
    "help.score.json_path": {"zh": "完整结果 JSON（带版本的结构）", "en": "full result as JSON (versioned schema)"},
    "help.score.stats_path": {
        "zh": "`zhibiao corpus-stats` 写出的语料统计，用于多单位共用的模板指标（B201）",
        "en": "corpus statistics from `zhibiao corpus-stats`, for templates shared by many units (B201)",
    },
    "help.score.jobs": {
        "zh": "读取文件和给逐条指标表评分的进程数（结果与之无关）",
        "en": "processes that read files and score rows tables (results do not depend on it)",
    },
    "help.default.jobs": {"zh": "CPU 核数", "en": "the cores"},
    "help.score.engine": {
        "zh": "仅逐条指标表：在本机评分，或在 Dask 集群上评分",
        "en": "rows tables only: score on this machine, or on a Dask cluster",
    },
    "help.score.scheduler": {
        "zh": "配合 --engine dask：调度器地址（默认：本机 --jobs 个 worker）；-o 文件夹（无后缀）时由 worker 写 Parquet 分片",
        "en": "with --engine dask: the scheduler's address (default: a local cluster of --jobs "
        "workers); -o FOLDER (no suffix) then has the workers write Parquet parts",
    },
    "help.score.chunk_rows": {
        "zh": "仅逐条指标表：每块交给一个进程的行数（内存随之增长）",
        "en": "rows tables only: rows per chunk sent to a process (memory grows with it)",
    },
    "help.score.max_memory": {
        "zh": "仅逐条指标表、-j 大于 1 时：每个评分进程自身占用的内存上限（MB），超过即停止运行并说明是哪一块；"
        "默认为本机内存的 80% 除以进程数（-j 1 在主进程中评分，--engine dask 由 Dask 管理内存，均不受此限）",
        "en": "rows tables with -j above 1 only: bound on each scoring process's own memory (MB); passing it stops "
        "the run naming the chunk; default 80% of this machine's memory over the processes (-j 1 scores in the "
        "main process and --engine dask leaves memory to Dask: neither is bounded)",
    },
    "help.score.no_model": {"zh": "只用规则，不用分类模型", "en": "rules alone, without the classifier"},
    "help.score.model_path": {
        "zh": "`zhibiao train` 写出的模型文件（默认：自带模型）",
        "en": "a model file from `zhibiao train` (default: the shipped model)",
    },
    "help.score.select": {
        "zh": "只用这些规则：代码、前缀或类别（V、U001、B00、vague、含糊），逗号分隔",
        "en": "only these rules: codes, prefixes or categories (V, U001, B00, vague, 含糊), comma-separated",
    },
    "help.score.ignore": {
        "zh": "不用这些规则：代码、前缀或类别，逗号分隔",
        "en": "skip these rules: codes, prefixes or categories, comma-separated",
    },
    "help.score.decisions_path": {
        "zh": "审核意见：填好“审核意见”列的评审工作簿 .xlsx 或 decisions .csv；“不同意”的问题标为已豁免、不扣分，行已改动的意见报告为已过期",
        "en": "the reviewer's decisions: a reviewed workbook .xlsx (审核意见 filled in) or a decisions .csv; "
        "overruled (不同意) findings are marked waived and cost nothing, decisions on changed rows are reported stale",
    },
    "help.compare": {
        "zh": "比较两个版本（文件或文件夹，如初次报送与修改稿、上年与本年）：每个项目已修正、仍未修正、新出现的问题，修改前后的得分和等级，新增和删除的指标。\n\n"
        "项目按单位和名称对应，指标按名称对应；提示类问题（如沿用上年）不计入，上年原样沿用的表显示为未改动。",
        "en": "Compare two versions (files or folders: a first submission and its revision, or last year's and this year's): per project the findings fixed, still open and new, score and grade before and after, rows added and removed.\n\n"
        "Projects are matched by unit and name, rows by name; notes (e.g. carried over from last year) are not counted, so a table kept unchanged shows as unchanged.",
    },
    "help.compare.xlsx_path": {
        "zh": "对比工作簿 .xlsx（项目对比、指标变化）",
        "en": "comparison workbook .xlsx (projects, changes)",
    },
    "help.compare.html_path": {
        "zh": "对比的 HTML 页面（离线可看，每个有变化的项目一节）",
        "en": "comparison as a self-contained HTML page (a section per changed project)",
    },
    "help.compare.no_model": {"zh": "只用规则，不用分类模型", "en": "rules alone, without the classifier"},
    "help.compare.decisions_path": {
        "zh": "审核意见（工作簿或 CSV）：两个版本中“不同意”的问题都不计入",
        "en": "the reviewer's decisions (workbook or CSV): overruled findings count in neither version",
    },
    "help.compare.show_all": {"zh": "也列出未改动的项目", "en": "list unchanged projects too"},
    "help.compare.quiet": {"zh": "不在终端输出对比结果", "en": "print no comparison on the terminal"},
    "help.letter": {
        "zh": "写出退回修改的修改意见（.docx，每个单位每年一份）：每个项目需修改的指标、原因和修改建议，得分低的项目和有缺陷的指标在前；审核意见为“不同意”的问题不列入。",
        "en": "Write the letter sending tables back for revision (.docx, one per unit and year): each project's weak rows with the reason and the suggested fix, worst first; findings the reviewer overruled (不同意) left out.",
    },
    "help.letter.folder": {"zh": "写出修改意见的文件夹（须已存在）", "en": "folder to write the letters in (must exist)"},
    "help.letter.decisions_path": {
        "zh": "审核意见（工作簿或 CSV）：“不同意”的问题不写入修改意见",
        "en": "the reviewer's decisions (workbook or CSV): overruled findings are left out of the letter",
    },
    "help.letter.suggest": {
        "zh": "每条需修改的指标附上指标库中同类项目的可参考指标（指标推荐）",
        "en": "give each row to revise the library's rows of projects of the same kind to refer to (suggestions)",
    },
    "help.letter.library_path": {
        "zh": "推荐所用的指标库 .parquet（默认：自带指标库）",
        "en": "library .parquet for the suggestions (default: the shipped one)",
    },
    "help.letter.no_model": {"zh": "只用规则，不用分类模型", "en": "rules alone, without the classifier"},
    "help.letter.quiet": {"zh": "不输出写出了哪些文件", "en": "do not list the letters written"},
    "help.score.suggest": {
        "zh": "指标推荐：逐条指标表和项目表加 suggestions 列（每条问题指标、每个缺少的二级指标至多 3 条同类项目的推荐），工作簿加“推荐指标”列",
        "en": "suggestions: a suggestions column in the rows and projects tables (up to 3 rows of projects of the same kind for each flagged row and each missing group), and a 推荐指标 column in the workbook",
    },
    "help.score.library_path": {
        "zh": "推荐所用的指标库（`zhibiao library build` 写出的 .parquet；默认：自带指标库）",
        "en": "the library suggestions come from (a .parquet from `zhibiao library build`; default: the shipped one)",
    },
    "help.suggest": {
        "zh": "指标推荐：从指标库中找同类项目、同一二级指标的设置良好的指标，并说明为什么合适。",
        "en": "Suggest well-set indicators from the library: rows of projects of the same kind and the same 二级指标, each with why it fits.",
    },
    "help.suggest.level2": {"zh": "二级指标，如 社会效益指标、数量指标", "en": "the 二级指标, e.g. 社会效益指标 or 数量指标"},
    "help.suggest.library_path": {
        "zh": "指标库 .parquet（默认：自带指标库）",
        "en": "library .parquet (default: the shipped one)",
    },
    "help.suggest.count": {"zh": "至多推荐几条", "en": "how many suggestions at most"},
    "help.library": {
        "zh": "指标库：从已评分的表中收集设置良好的指标，供指标推荐使用。",
        "en": "The library of well-set indicators that suggestions come from.",
    },
    "help.build": {
        "zh": "从文档建立指标库：保留得分为满分（无问题）的指标，记下项目类别、二级指标、单位类别和指标值模板。",
        "en": "Build the library from documents: the rows that score sound, with project kind, group, unit family and value template.",
    },
    "help.build.output": {"zh": "指标库 .parquet", "en": "library .parquet"},
    "help.build.card_path": {
        "zh": "指标库说明 .md（默认：<输出名>_CARD.md）",
        "en": "library card .md (default: <output>_CARD.md)",
    },
    "help.build.no_model": {"zh": "只用规则评分，不用分类模型", "en": "score with the rules alone, without the classifier"},
    "help.build.quiet": {"zh": "不输出每个文件的统计", "en": "no per-document counts"},
    "help.decisions": {
        "zh": "审核意见：从填好的评审工作簿导出，供 `zhibiao score --decisions` 使用。",
        "en": "The reviewer's decisions (审核意见): export them from a reviewed workbook for `zhibiao score --decisions`.",
    },
    "help.export": {
        "zh": "从评审工作簿（指标明细的 审核意见、备注、审核人、审核日期 列）写出审核意见 CSV。",
        "en": "Write the decisions CSV from a reviewed workbook (审核意见, 备注, 审核人, 审核日期 of 指标明细).",
    },
    "help.export.output": {"zh": "要写出的审核意见 CSV", "en": "decisions CSV to write"},
    "help.score.statistics": {"zh": "列出每条规则的问题数", "en": "print how many findings each rule made"},
    "help.score.top": {"zh": "汇总列出多少个项目", "en": "how many projects the summary lists"},
    "help.duplicates": {
        "zh": "跨项目、文件、年度的相似指标分组，以及每条指标得到的问题代码。",
        "en": "Clusters of alike rows across projects, documents and years, with the finding each member got.",
    },
    "help.duplicates.output": {"zh": "分组结果 CSV", "en": "clusters CSV"},
    "help.duplicates.engine": {
        "zh": "近似重复的查找在本机，或在 Dask 集群上（两阶段分桶连接）",
        "en": "find near-duplicates here, or on a Dask cluster (two-phase band join)",
    },
    "help.duplicates.scheduler": {
        "zh": "配合 --engine dask：调度器地址（默认：本机 --jobs 个 worker）",
        "en": "with --engine dask: the scheduler's address (default: a local cluster of --jobs workers)",
    },
    "help.duplicates.jobs": {
        "zh": "配合 --engine dask 且无 --scheduler：本机 worker 进程数",
        "en": "with --engine dask and no --scheduler: local worker processes",
    },
    "help.duplicates.no_near": {
        "zh": "只找完全相同（数字已屏蔽）的指标，不找近似",
        "en": "exact matches only (figures masked), no near-duplicates",
    },
    "help.corpus-stats": {
        "zh": "统计每条指标（数字屏蔽后）被多少个单位使用，供 `zhibiao score --corpus-stats` 使用。",
        "en": "Count how many units use each row (figures masked), for `zhibiao score --corpus-stats`.",
    },
    "help.corpus-stats.output": {"zh": "统计文件（JSON）", "en": "statistics file (JSON)"},
    "help.train": {
        "zh": "用标注 CSV（LABELING.md 格式）训练分类模型，并按文件留出评估。",
        "en": "Train the classifier on labelled CSVs (LABELING.md format), evaluate it with each document held out.",
    },
    "help.train.docs": {
        "zh": "标注对应的文档所在文件夹（按文件名匹配）",
        "en": "folder holding the labelled documents (matched by file stem)",
    },
    "help.train.out": {"zh": "要写出的模型文件", "en": "model file to write"},
    "help.train.card": {
        "zh": "要写出的模型说明（默认：模型旁的 MODEL_CARD.md）",
        "en": "model card to write (default: MODEL_CARD.md beside the model)",
    },
    "help.config": {
        "zh": "显示当前生效的设置（zhibiao.toml 或 pyproject.toml 的 [tool.zhibiao]）及每项的来源。",
        "en": "Print the settings in force (zhibiao.toml or [tool.zhibiao]) and where each came from.",
    },
    "help.rules": {
        "zh": "列出全部规则：代码、类别、级别、范围、检查什么。",
        "en": "List every rule: code, category, severity, scope, what it flags.",
    },
    "help.rule": {
        "zh": "显示一条规则的说明（检查什么、为什么、反例和正例）。",
        "en": "Print one rule's documentation (what, why, a bad and a good example).",
    },
    # click's own words: help headings and its usage errors
    "help.usage": {"zh": "用法：", "en": "Usage: "},
    # the usage line's pieces, as click writes them in English
    "help.usage.[OPTIONS]": {"zh": "[选项]", "en": "[OPTIONS]"},
    "help.usage.COMMAND [ARGS]...": {"zh": "命令 [参数]...", "en": "COMMAND [ARGS]..."},
    "help.usage.PATHS...": {"zh": "文件或文件夹...", "en": "PATHS..."},
    "help.usage.LABELS...": {"zh": "标注文件...", "en": "LABELS..."},
    "help.usage.OLD": {"zh": "原稿", "en": "OLD"},
    "help.usage.NEW": {"zh": "修改稿", "en": "NEW"},
    "help.usage.PROJECT": {"zh": "项目名称", "en": "PROJECT"},
    "help.usage.WORKBOOK": {"zh": "评审工作簿", "en": "WORKBOOK"},
    "help.usage.CODE": {"zh": "规则代码", "en": "CODE"},
    "help.options": {"zh": "选项", "en": "Options"},
    "help.commands": {"zh": "命令", "en": "Commands"},
    "help.help": {"zh": "显示本帮助并退出", "en": "Show this message and exit."},
    "help.cli.version": {"zh": "显示版本并退出", "en": "Show the version and exit."},
    "click.missing_argument": {"zh": "缺少参数 {name}", "en": "missing argument {name}"},
    "click.missing_option": {"zh": "缺少选项 {name}", "en": "missing option {name}"},
    "click.no_option": {"zh": "没有选项 {name}", "en": "no such option: {name}"},
    "click.no_command": {"zh": "没有命令 {name}", "en": "no such command {name}"},
    "click.needs_value": {"zh": "选项 {name} 需要一个值", "en": "option {name} requires a value"},
    "click.invalid": {"zh": "{name} 的值无效：{detail}", "en": "invalid value for {name}: {detail}"},
    "click.extra": {"zh": "多余的参数：{name}", "en": "unexpected extra argument: {name}"},
    "click.not_in_range": {"zh": "{value} 不在允许的范围内（{range}）", "en": "{value} is not in the range {range}"},
    "click.not_integer": {"zh": "“{value}”不是整数", "en": "'{value}' is not an integer"},
    "click.not_a_choice": {"zh": "“{value}”不是可选的值：{choices}", "en": "'{value}' is not one of {choices}"},
    "click.see_help": {"zh": "；`{command} --help` 查看用法", "en": "; see `{command} --help`"},
}


# click's usage errors (English, from click itself) -> the catalogue key and the field they carry
CLICK_ERRORS: tuple[tuple[str, str], ...] = (
    (r"Missing argument '(?P<name>[^']+)'", "click.missing_argument"),
    (r"Missing option '(?P<name>[^']+)'", "click.missing_option"),
    (r"No such option:? '?(?P<name>[^'\s]+?)'?\.?(\s|$)", "click.no_option"),
    (r"No such command '(?P<name>[^']+)'", "click.no_command"),
    (r"Option '(?P<name>[^']+)' requires an argument", "click.needs_value"),
    (r"Invalid value for (?P<name>.+?): (?P<detail>.*)", "click.invalid"),
    (r"Got unexpected extra arguments? \((?P<name>.*)\)", "click.extra"),
)


CLICK_DETAILS: tuple[tuple[str, str], ...] = (
    (r"'?(?P<value>.+?)'? is not in the range (?P<range>[^.]+)\.?$", "click.not_in_range"),
    (r"'(?P<value>.*)' is not a valid integer( range)?\.?$", "click.not_integer"),
    (r"'(?P<value>.*)' is not one of (?P<choices>.+?)\.?$", "click.not_a_choice"),
)


def _click_detail(detail: str) -> str:
    import re

    for pattern, key in CLICK_DETAILS:
        found = re.match(pattern, detail)
        if found:
            return text(key, **found.groupdict())
    return detail


def click_error(message: str, commands: list[str] | None = None) -> str:
    """A usage error of click's own in the current language (the original when no pattern fits); a
    mistyped command is given the near names among `commands`."""
    import re

    for pattern, key in CLICK_ERRORS:
        found = re.match(pattern, message)
        if found:
            fields = {key: value for key, value in found.groupdict().items() if key in ("name", "detail")}
            if "detail" in fields:
                fields["detail"] = _click_detail(fields["detail"])
            if key == "click.missing_argument" and f"help.usage.{fields['name']}" in CATALOGUE:
                fields["name"] = text(f"help.usage.{fields['name']}")  # 文件或文件夹, not PATHS...
            suggestion = re.search(r"Did you mean (?:one of:? )?(?P<names>[^?]+)\?", message)
            translated = text(key, **fields)
            if suggestion and key == "click.no_option":
                translated += text("input.did_you_mean", names=suggestion["names"].replace("'", ""))
            if key == "click.no_command" and commands:
                import difflib

                near = difflib.get_close_matches(fields["name"], commands, n=3, cutoff=0.6)
                if near:
                    translated += text("input.did_you_mean", names=", ".join(near))
            return translated
    return message


class _State:
    language = "zh"


def default_language() -> str:
    value = os.environ.get("ZHIBIAO_LANG", "").strip().lower()
    return value if value in LANGUAGES else "zh"


_State.language = default_language()


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
    _State.language = language


def language() -> str:
    return _State.language


def text_in(language: str, key: str, **fields: object) -> str:
    """The message `key` in the given language, whatever the current one (a file written in one language
    is read back in either)."""
    entry = CATALOGUE[key]
    return entry.get(language, entry["zh"]).format(**fields)


def text(key: str, **fields: object) -> str:
    """The message `key` in the current language, with its fields filled in."""
    return text_in(_State.language, key, **fields)


# Why a reader left a row or cell out (scorer.ingest: Skip.reason, written in Chinese where it is found),
# in English for --lang en. A reason missing here is shown as it is written.
SKIP_REASONS_EN = {
    "项目名称之后没有读到指标表": "no indicator table after the project's name",
    "工作簿的说明页，不是指标表": "a workbook's sheet of notes, no indicator table",
    "表头折行的余下部分": "the rest of a header broken over lines",
    "表头词或单独的数字，不是指标": "a header word or a lone number, not an indicator",
    "按年度列金额的表头，不是项目名称": "the header of a table of amounts by year, not a project's name",
    "资金来源说明，不是指标": "a note on where part of the money comes from, not an indicator",
    "以单位名称开头的说明行，不是指标": "a note opening with a body's name among the rows, not an indicator",
    "模板中留空的指标栏": "a slot of the template left empty",
    "网页上的按钮文字": "a web page's button",
    "长期绩效指标（另有年度绩效指标）": "a multi-year target (the annual table gives the year's)",
    "成段文字或连写的指标类别，不是指标": "a paragraph or a run of indicator categories, not an indicator",
    "指标清单之后的表单行": "a form row after the list of indicators",
    "文本在此截断，该行不完整": "the text is cut here, the row is incomplete",
    "文字指标没有指标值": "a target in prose without a value",
    "单位编码和名称行": "a row of the unit's code and name",
    "计量单位说明行": "a line stating the unit of measure",
    "不属于任何项目的表格行": "a table row of no project",
    "项目表单中无法识别的行": "a row of the project form that was not recognised",
    "不属于任何项目的指标行": "an indicator row of no project",
    "既无指标名称也无指标值的行": "a row with neither an indicator's name nor a value",
    "表尾的合计、说明或签名行": "a total, a note or a sign-off row under the table",
    "表尾签名或说明之后的内容": "a row under the table's sign-off or note",
    "没有指标的汇总行（单位或合计行）": "a summary row without indicators (a unit's or a total)",
    "同一行里重复写了一遍的指标名称": "the indicator's name written once more on its line",
}


_PLACE_PART = re.compile(r"(sheet|table|row|line) (.+)")


def place(location: str) -> str:
    """A row's location as the rows CSV writes it (scorer.types.Location: `会议费.docx:table 1:row 2`,
    `某市民政局:row 1`, `年报.xlsx:sheet 绩效目标:row 5`, `001.txt:line 10`, `报告.pdf:table 1:row 4:line 2`, a
    PDF's line being its page) in the words of the run's language: `会议费.docx 表1第2行`, `年报.xlsx
    工作表“绩效目标”第5行`, `报告.pdf 第2页表1第4行` (in English `年报.xlsx, sheet 绩效目标, row 5`). The parts are
    read from the end, so that a file name holding a colon stays whole; another shape is given back as is."""
    parts = location.split(":")
    found: dict[str, str] = {}
    while len(parts) > 1:
        part = _PLACE_PART.fullmatch(parts[-1])
        if not part or part.group(1) in found:
            break
        found[part.group(1)] = part.group(2)
        parts.pop()
    if not found:
        return location
    page = ":".join(parts).lower().endswith(".pdf")  # a PDF's reader gives a row or a line of text its page
    if "row" in found and not page:  # a CSV document's row, as a spreadsheet numbers it; its line says no more
        found.pop("line", None)
    order = ("line", "sheet", "table", "row") if page else ("sheet", "table", "row", "line")
    places = [
        text("place.page" if kind == "line" and page else f"place.{kind}", value=found[kind]) for kind in order if kind in found
    ]
    if _State.language == "en":
        return ", ".join([":".join(parts), *places])
    return ":".join(parts) + " " + "".join(places)


def skip_reason(reason: str) -> str:
    """A reader's reason for leaving a row out, in the language of the run."""
    return SKIP_REASONS_EN.get(reason, reason) if _State.language == "en" else reason


def english_wording(code: str) -> dict[str, Any]:
    """A rule's English message and fix templates, and the fields it fills with its own words
    (lexicons/rule_messages_en.yaml); {} for a code without one."""
    from scorer.lexicons import table

    return dict(((table("rule_messages_en") or {}).get("rules") or {}).get(code) or {})


@cache
def _english_terms() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    from scorer.lexicons import table

    terms = {str(k): str(v) for k, v in ((table("rule_messages_en") or {}).get("terms") or {}).items()}
    patterns = [
        (re.compile(re.escape(k).replace(re.escape("{n}"), r"(?P<n>\d+(?:\.\d+)?)") + "$"), v)
        for k, v in terms.items()
        if "{n}" in k
    ]
    return terms, patterns


def english_term(words: str) -> str:
    """A rule's own words in English (the `terms` of lexicons/rule_messages_en.yaml): the whole, else each
    of its parts joined by 、; words the table does not know are kept as they are."""
    terms, patterns = _english_terms()
    if words in terms:
        return terms[words]
    for pattern, english in patterns:
        found = pattern.match(words)
        if found:
            return english.replace("{n}", found["n"])
    parts = words.split("、")
    if len(parts) > 1 and all(part in terms for part in parts):
        return ", ".join(terms[part] for part in parts)
    return words
