"""One self-contained HTML report: no external scripts, fonts or stylesheets; works offline.

Summary, a sortable ranking, charts of findings by category and by 二级指标 (inline SVG), a search box,
and one card per project with its indicator table, flagged rows highlighted with reasons and fixes.
Every piece of document text goes through html.escape, and the page is written without the control
characters of a damaged export, which are invalid in HTML (scorer.text.without_controls). Headings, labels
and the search box speak the language of the run (scorer/messages.py); the findings' own messages are as
the rules wrote them.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from scorer.atomic import atomic_output
from scorer.inputs import GENERATOR
from scorer.messages import language, text
from scorer.report import document_name, plain, scored_findings, worst_severity_by_row
from scorer.report.terminal import CATEGORY_NAMES, category_name
from scorer.text import without_controls
from scorer.types import CATEGORIES

_CSS = """
*{box-sizing:border-box}
.suggest{color:#3b6e22;font-size:.92em;margin-top:4px}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;
margin:0;color:#1f2933;background:#f5f7fa;line-height:1.5;overflow-wrap:anywhere}
header{background:#243b53;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
main{padding:16px 24px;max-width:1400px}section{background:#fff;border-radius:6px;padding:12px 16px;margin:12px 0;
box-shadow:0 1px 2px rgba(0,0,0,.08)}h2{font-size:18px;margin:4px 0 10px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d9e2ec;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f0f4f8;white-space:nowrap}table.sortable th{cursor:pointer}
td.num{text-align:right;white-space:nowrap}tr.error td{background:#fde8e4}tr.warning td{background:#fff6d6}
.grade{display:inline-block;min-width:22px;text-align:center;border-radius:4px;font-weight:bold}
.gA{background:#c6efce}.gB{background:#e2f0d9}.gC{background:#fff2cc}.gD{background:#fce4d6}.gE{background:#f8cbad}
.stats{display:flex;gap:24px;flex-wrap:wrap}.stat b{font-size:22px;display:block}
.charts{display:flex;gap:24px;flex-wrap:wrap}.charts>div{flex:1 1 320px;min-width:0}.charts svg{width:100%;height:auto}
.reason{color:#8a1c1c}.fix{color:#245a2a}
details{border:1px solid #d9e2ec;border-radius:6px;margin:8px 0;padding:6px 10px;background:#fff}
summary{cursor:pointer;font-weight:bold}#search{width:320px;max-width:100%;padding:6px;font-size:14px}
.meta{color:#52606d;font-size:13px}.hidden{display:none}.where{font-weight:normal;color:#52606d}
@media (max-width:600px){main{padding:8px}header{padding:10px 12px}header h1{font-size:18px}
section{padding:8px}.narrow-hide{display:none}table{font-size:12px}th,td{padding:3px 4px}#search{width:100%}}
@media print{body{background:#fff}header,#charts,#ranking,#search-bar{display:none}main{padding:0;max-width:none}
section{box-shadow:none;padding:0;margin:0}details.project{break-before:page;border:none;padding:0}
details.project>summary{list-style:none;font-size:16px}.scroll{overflow:visible}tr{break-inside:avoid}
tr.error td,tr.warning td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

_JS = """
(function(){
  function sortTable(table, column, numeric){
    var body = table.tBodies[0]; var rows = Array.prototype.slice.call(body.rows);
    var ascending = table.getAttribute('data-sort') !== column + ':asc';
    rows.sort(function(a, b){
      var x = a.cells[column].getAttribute('data-v') || a.cells[column].textContent;
      var y = b.cells[column].getAttribute('data-v') || b.cells[column].textContent;
      if (numeric){ x = parseFloat(x) || 0; y = parseFloat(y) || 0; }
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function(r){ body.appendChild(r); });
    table.setAttribute('data-sort', column + (ascending ? ':asc' : ':desc'));
  }
  document.querySelectorAll('table.sortable th').forEach(function(th){
    th.addEventListener('click', function(){
      sortTable(th.closest('table'), Array.prototype.indexOf.call(th.parentNode.children, th), th.hasAttribute('data-num'));
    });
  });
  function openCard(hash){
    if (!hash || hash.charAt(0) !== '#') return;
    var card = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (card && card.tagName === 'DETAILS'){ card.classList.remove('hidden'); card.open = true; card.scrollIntoView(); }
  }
  document.querySelectorAll('a[href^="#p-"]').forEach(function(link){
    link.addEventListener('click', function(){ openCard(link.getAttribute('href')); });
  });
  window.addEventListener('hashchange', function(){ openCard(location.hash); });
  openCard(location.hash);
  function has(element, term){
    return ((element.getAttribute('data-search') || '') + ' ' + element.textContent).toLowerCase().indexOf(term) >= 0;
  }
  var search = document.getElementById('search');
  search.addEventListener('input', function(){
    var term = search.value.trim().toLowerCase(); var projects = 0; var indicators = 0;
    document.querySelectorAll('details.project').forEach(function(card){
      var about = (card.getAttribute('data-search') || '') + ' ' + card.querySelector('summary').textContent;
      var whole = !term || about.toLowerCase().indexOf(term) >= 0;
      var any = false;
      card.querySelectorAll('tr.indicator').forEach(function(row){
        var hit = whole || has(row, term);
        row.classList.toggle('hidden', !hit); if (hit){ any = true; if (term) indicators++; }
      });
      var shown = whole || any;
      card.classList.toggle('hidden', !shown);
      if (term && shown){ card.open = true; projects++; }
    });
    document.querySelectorAll('#ranking-table tbody tr').forEach(function(row){
      row.classList.toggle('hidden', !!term && !has(row, term));
    });
    var count = document.getElementById('search-count');
    var found = count.getAttribute('data-found');
    count.textContent = term ? found.replace('{projects}', projects).replace('{indicators}', indicators) : '';
  });
  var opened = [];
  window.addEventListener('beforeprint', function(){
    opened = [];
    document.querySelectorAll('details.project:not(.hidden)').forEach(function(card){
      if (!card.open){ card.open = true; opened.push(card); }
    });
  });
  window.addEventListener('afterprint', function(){ opened.forEach(function(card){ card.open = false; }); });
})();
"""


def _bar_chart(title: str, counts: list[tuple[str, int]], color: str) -> str:
    if not counts:
        return f"<div><h3>{escape(title)}</h3><p class='meta'>{escape(text('none'))}</p></div>"
    width, bar_height, label_width = 460, 22, 150
    top = max(v for _, v in counts) or 1
    height = bar_height * len(counts) + 10
    parts = [
        f"<div><h3>{escape(title)}</h3><svg role='img' aria-label='{escape(title)}' "
        f"viewBox='0 0 {width} {height}' xmlns='http://www.w3.org/2000/svg'>"
    ]
    for index, (label, value) in enumerate(counts):
        y = index * bar_height + 4
        length = (width - label_width - 50) * value / top
        parts.append(
            f"<text x='{label_width - 6}' y='{y + 15}' font-size='12' text-anchor='end'>{escape(label)}</text>"
            f"<rect x='{label_width}' y='{y + 2}' width='{length:.1f}' height='{bar_height - 6}' fill='{color}'/>"
            f"<text x='{label_width + length + 4:.1f}' y='{y + 15}' font-size='12'>{value}</text>"
        )
    parts.append("</svg></div>")
    return "".join(parts)


def _search_terms(codes: list[str], categories: set[str]) -> str:
    """What the search box finds beyond the visible text: rule codes and category names in both languages."""
    names = [name for c in sorted(categories) for name in (c, CATEGORY_NAMES.get(c, ""))]
    return " ".join(dict.fromkeys([*codes, *names]))


def render_html(result, title: str | None = None) -> str:
    title = title or text("html.title")
    rows, projects, findings = result.rows, result.projects, result.findings
    flagged = int((rows["categories"] != "").sum()) if len(rows) else 0
    category_counts = Counter(c for v in rows["categories"] for c in v.split(";") if c)
    no_level2 = text("html.no_level2")
    by_level2 = Counter(
        (level2 or no_level2) for level2, categories in zip(rows["level2"], rows["categories"], strict=True) if categories
    )
    severity_of = worst_severity_by_row(scored_findings(findings))  # an overruled row is not highlighted
    doc_number = {d.source: n for n, d in enumerate(result.documents)}
    categories_of: dict[tuple[str, int], set[str]] = {}
    codes_of: dict[tuple[str, int], list[str]] = {}
    for record in findings.itertuples():
        key = (record.source, int(record.project_index))
        codes_of.setdefault(key, []).append(record.code)
        if record.category:
            categories_of.setdefault(key, set()).add(record.category)

    def anchor_of(source: str, project_index: int) -> str:
        return f"p-{doc_number.get(source, 0)}-{project_index}"

    out = [
        f"<!DOCTYPE html><html lang='{'en' if language() == 'en' else 'zh-CN'}'><head><meta charset='utf-8'>"
        f"<meta name='generator' content='{GENERATOR}'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{escape(title)}</title>"
        f"<style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1></header><main>"
    ]
    not_read = list(dict.fromkeys(error.source for error in result.errors))
    out.append(f"<section id='summary'><h2>{escape(text('html.summary'))}</h2><div class='stats'>")
    for label, value in (
        (text("html.stat.documents"), sum(1 for document in result.documents if document.source not in not_read)),
        (text("html.stat.projects"), len(projects)),
        (text("html.stat.rows"), len(rows)),
        (text("html.stat.flagged"), flagged),
        (text("html.stat.not_read"), len(not_read)),
    ):
        out.append(f"<div class='stat'><b>{value}</b>{escape(label)}</div>")
    out.append("</div>")
    if result.errors:
        out.append(
            "<ul id='not-read'>"
            + "".join(f"<li class='reason'>{escape(text('html.not_read', message=e.message))}</li>" for e in result.errors)
            + "</ul>"
        )
    out.append("</section>")

    out.append(f"<section id='charts'><h2>{escape(text('html.charts'))}</h2><div class='charts'>")
    by_category = [(category_name(c), category_counts.get(c, 0)) for c in CATEGORIES]
    out.append(_bar_chart(text("html.by_category"), by_category, "#d64545"))
    out.append(_bar_chart(text("html.by_level2"), by_level2.most_common(12), "#486581"))
    out.append("</div></section>")

    worst_first = projects.sort_values(["score", "source", "project_index"], ascending=[True, True, True])
    headings = "".join(
        f"<th{attributes}>{escape(label)}</th>"
        for attributes, label in (
            (" data-num", text("xlsx.col.rank")),
            ("", text("xlsx.col.project")),
            ("", text("html.unit_file")),
            (" data-num", text("xlsx.col.year")),
            (" data-num class='narrow-hide'", text("xlsx.col.budget")),
            (" data-num class='narrow-hide'", text("xlsx.col.indicators")),
            (" data-num", text("xlsx.col.findings")),
            (" data-num", text("xlsx.col.score")),
            ("", text("xlsx.col.grade")),
        )
    )
    out.append(
        f"<section id='ranking'><h2>{escape(text('html.ranking'))}</h2><div class='scroll'>"
        f"<table class='sortable' id='ranking-table'><thead><tr>{headings}</tr></thead><tbody>"
    )
    for record in worst_first.itertuples():
        key = (record.source, record.project_index)
        anchor = anchor_of(*key)
        file_name = Path(record.source).name
        terms = _search_terms(codes_of.get(key, []), categories_of.get(key, set()))
        out.append(
            f"<tr data-search='{escape(terms)}'><td class='num' data-v='{record.rank}'>{record.rank}</td>"
            f"<td><a href='#{anchor}'>{escape(str(record.project))}</a></td>"
            f"<td title='{escape(file_name)}'>{escape(plain(record.unit) or file_name)}</td>"
            f"<td class='num'>{escape(plain(record.year))}</td>"
            f"<td class='num narrow-hide' data-v='{plain(record.budget)}'>{escape(plain(record.budget))}</td>"
            f"<td class='num narrow-hide'>{record.indicators}</td><td class='num'>{record.findings}</td>"
            f"<td class='num' data-v='{record.score}'>{record.score:.1f}</td>"
            f"<td><span class='grade g{escape(record.grade)}'>{escape(record.grade)}</span></td></tr>"
        )
    out.append("</tbody></table></div></section>")

    out.append(
        f"<section id='projects'><h2>{escape(text('html.projects'))}</h2><p id='search-bar'><input id='search' "
        f"type='search' placeholder='{escape(text('html.search_placeholder'))}' aria-label='{escape(text('html.search'))}'> "
        f"<span id='search-count' class='meta' "
        f"data-found='{escape(text('html.search_count', projects='{projects}', indicators='{indicators}'))}'></span></p>"
    )
    documents = {d.source: d for d in result.documents}
    for record in worst_first.itertuples():
        key = (record.source, record.project_index)
        anchor = anchor_of(*key)
        document = documents.get(record.source)
        project = document.projects[record.project_index] if document else None
        where = document_name(record.unit, record.year, record.source)
        budget = text("html.budget", budget=plain(record.budget)) if plain(record.budget) else text("html.no_budget")
        terms = _search_terms(codes_of.get(key, []), categories_of.get(key, set()))
        out.append(
            f"<details class='project' id='{anchor}' data-search='{escape(terms)}'><summary>"
            f"{escape(str(record.project))} <span class='where'>{escape(where)}</span> — "
            f"{escape(text('html.points', score=f'{record.score:.1f}'))} "
            f"<span class='grade g{escape(record.grade)}'>{escape(record.grade)}</span></summary><p class='meta'>"
            + escape(
                text(
                    "html.project_meta",
                    file=Path(record.source).name,
                    budget=budget,
                    rank=record.rank,
                    rank_in_document=record.rank_in_document,
                )
            )
            + "</p>"
        )
        if project is not None and project.goal:
            out.append(f"<p><b>{escape(text('html.goal'))}</b>{escape(project.goal)}</p>")
        if record.messages:
            out.append(
                "<ul>" + "".join(f"<li class='reason'>{escape(m)}</li>" for m in record.messages.split("；") if m) + "</ul>"
            )
        missing = getattr(record, "suggestions", "")  # score --suggest: rows for the groups the project lacks
        if missing:
            out.append(
                f"<p><b>{escape(text('html.missing_groups'))}</b></p><ul>"
                + "".join(f"<li class='suggest'>{escape(line)}</li>" for line in missing.split("\n") if line)
                + "</ul>"
            )
        columns = ("level1", "level2", "level3", "value", "score", "reasons", "fixes")
        headings = "".join(f"<th>{escape(text(f'xlsx.col.{column}'))}</th>" for column in columns)
        out.append(f"<div class='scroll'><table><thead><tr>{headings}</tr></thead><tbody>")
        mine = rows[(rows["source"] == record.source) & (rows["project_index"] == record.project_index)]
        for row in mine.itertuples():
            severity = severity_of.get((row.source, row.project_index, row.row_index), "")
            severity = severity if severity != "info" else ""
            row_terms = _search_terms([c for c in row.codes.split(";") if c], {c for c in row.categories.split(";") if c})
            out.append(
                f"<tr class='indicator {escape(severity)}' data-search='{escape(row_terms)}'><td>{escape(row.level1)}</td>"
                f"<td>{escape(row.level2)}</td><td>{escape(row.level3)}</td><td>{escape(row.value)}</td>"
                f"<td class='num'>{row.score:g}</td><td class='reason'>{escape(row.messages)}</td>"
                f"<td class='fix'>{escape(row.fixes)}{_suggestions(getattr(row, 'suggestions', ''))}</td></tr>"
            )
        out.append("</tbody></table></div></details>")
    out.append("</section></main>")
    out.append(f"<script>{_JS}</script></body></html>")
    return without_controls("".join(out))  # the one place: every text the page shows, whichever field it is in


def _suggestions(suggested: str) -> str:
    """score --suggest: a flagged row's suggestions under its fix."""
    if not suggested:
        return ""
    items = "<br>".join(escape(item) for item in suggested.split("；") if item)
    return f"<div class='suggest'><b>{escape(text('html.suggested'))}</b>{items}</div>"


def write_html(result, path: str | Path) -> None:
    with atomic_output(path) as temporary:
        temporary.write_text(render_html(result), encoding="utf-8")
