"""Writes notebooks/explore_weak_indicators.ipynb (outputs empty). Run it after editing the cells here."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    new_markdown_cell(
        "# 探索薄弱绩效指标 / Exploring weak indicators\n\n"
        "Scores a folder of budget performance tables with the public API (`scorer.score`) and looks at the "
        "weak indicators across the corpus. Set `ZHIBIAO_DATA` to a folder (or file) of your own documents; "
        "the default is the bundled `samples/`, found from whatever folder the notebook runs in (the repository, "
        "`notebooks/`, or beside the installed package)."
    ),
    new_code_cell(
        "import os\nimport re\nimport unicodedata\nfrom pathlib import Path\n\n"
        "import matplotlib.pyplot as plt\nimport pandas as pd\n\nimport scorer\n\n\n"
        "def bundled_samples() -> Path:\n"
        '    """samples/ of the repository this runs in (its root, notebooks/ or deeper), else beside the package."""\n'
        "    here = Path.cwd().resolve()\n"
        "    for folder in (here, *here.parents):\n"
        "        if (folder / 'samples').is_dir() and (folder / 'scorer').is_dir():\n"
        "            return folder / 'samples'\n"
        "    return Path(scorer.__file__).resolve().parents[1] / 'samples'\n\n\n"
        "DATA = Path(os.environ.get('ZHIBIAO_DATA') or bundled_samples())\n"
        "if not DATA.exists():\n"
        "    raise FileNotFoundError(f'{DATA} does not exist: set ZHIBIAO_DATA to a folder of documents')\n"
        "result = scorer.score(DATA)\n"
        "if result.rows.empty:\n"
        "    raise ValueError(f'no indicator read from {DATA}: set ZHIBIAO_DATA to a folder of budget performance tables')\n"
        "rows, projects, findings = result.rows, result.projects, result.findings\n"
        "print(f'{len(result.documents)} documents, {len(projects)} projects, {len(rows)} indicators, '\n"
        "      f'{(rows.categories != \"\").sum()} flagged; unreadable: {len(result.errors)}')"
    ),
    new_markdown_cell("## 指标得分分布 / Distribution of row scores\n100 = sound, 65 = weak, 25 or less = defective."),
    new_code_cell(
        "bands = pd.cut(rows.score, bins=[-1, 25, 65, 100], labels=['defective', 'weak', 'sound'])\n"
        "display(bands.value_counts().sort_index())\n"
        "fig, ax = plt.subplots(figsize=(6, 3))\nax.hist(rows.score, bins=20, color='#486581')\n"
        "ax.set_xlabel('row score')\nax.set_ylabel('indicators')\nplt.show()"
    ),
    new_markdown_cell("## 问题类别 × 二级指标 / Findings by category and 二级指标"),
    new_code_cell(
        "flagged = rows[rows.categories != ''].assign(category=lambda d: d.categories.str.split(';')).explode('category')\n"
        "heat = pd.crosstab(flagged.level2.replace('', '（无）'), flagged.category)\n"
        "heat.style.background_gradient(cmap='Reds')"
    ),
    new_markdown_cell("## 最差的指标及原因 / The worst rows and why"),
    new_code_cell(
        "worst = rows.sort_values(['score', 'source', 'project_index', 'row_index']).head(15)\n"
        "worst[['project', 'level2', 'level3', 'value', 'score', 'categories', 'messages']]"
    ),
    new_markdown_cell(
        "## 近似重复的指标 / Near-duplicate rows across projects\n"
        "Rows compared on their normalised name and value with figures masked (`≥95%` → `≥<N>%`)."
    ),
    new_code_cell(
        "def normalise(text):\n    text = unicodedata.normalize('NFKC', str(text))\n"
        "    return re.sub(r'\\s+', '', text)\n\n"
        "keyed = rows.assign(key=rows.level3.map(normalise) + ' | ' + rows.value.map(normalise).str.replace(\n"
        "    r'\\d+(?:\\.\\d+)?', '<N>', regex=True))\n"
        "clusters = (keyed.groupby('key').agg(projects=('project', 'nunique'), documents=('source', 'nunique'),\n"
        "                                     rows=('project', 'size'), flagged=('categories', lambda c: (c != '').sum()))\n"
        "            .query('projects > 1').sort_values(['projects', 'rows'], ascending=False))\n"
        "clusters.head(20)"
    ),
    new_markdown_cell("## 各部门比较 / Comparison by department"),
    new_code_cell(
        "by_document = projects.groupby(['source', 'unit'], dropna=False).agg(\n"
        "    projects=('project', 'size'), mean_score=('score', 'mean'), worst_score=('score', 'min'))\n"
        "by_document['flagged_share'] = rows.groupby('source').categories.apply(lambda c: (c != '').mean())\n"
        "by_document.round(3)"
    ),
    new_markdown_cell("## 单个项目 / Drill-down: the lowest-scoring project"),
    new_code_cell(
        "lowest = projects.sort_values(['score', 'source', 'project_index']).iloc[0]\n"
        "print(f'{lowest.project}: score {lowest.score}, grade {lowest.grade}, budget {lowest.budget} 万元')\n"
        "print('project findings:', lowest.messages or '—')\n"
        "mine = rows[(rows.source == lowest.source) & (rows.project_index == lowest.project_index)]\n"
        "mine[['level1', 'level2', 'level3', 'value', 'score', 'messages', 'fixes']]"
    ),
]


def build() -> nbformat.NotebookNode:
    notebook = new_notebook(cells=CELLS)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


if __name__ == "__main__":
    nbformat.write(build(), Path(__file__).with_name("explore_weak_indicators.ipynb"))
