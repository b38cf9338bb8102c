"""Writes notebooks/explore_weak_indicators.ipynb (outputs empty). Run it after editing the cells here."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    new_markdown_cell(
        "# 探索薄弱绩效指标\n\n"
        "用公开接口（`scorer.score`）为一批预算绩效目标表评分，再从全体指标中找出薄弱之处：得分分布、问题类别、"
        "最差的指标及原因、各项目间近似重复的指标、各单位比较和单个项目。把环境变量 `ZHIBIAO_DATA` 设为自己的文件夹"
        "（或单个文件）即可分析自己的文件；不设时分析随附的 `samples/`（在仓库根目录、`notebooks/` 或已安装的包旁查找）。"
    ),
    new_code_cell(
        "import os\nimport re\nimport unicodedata\nfrom pathlib import Path\n\n"
        "import matplotlib.pyplot as plt\nimport pandas as pd\nfrom matplotlib import font_manager\n\n"
        "import scorer\nfrom scorer.messages import text\nfrom scorer.report.terminal import category_name\n\n\n"
        "def bundled_samples() -> Path:\n"
        '    """samples/ of the repository this runs in (its root, notebooks/ or deeper), else beside the package."""\n'
        "    here = Path.cwd().resolve()\n"
        "    for folder in (here, *here.parents):\n"
        "        if (folder / 'samples').is_dir() and (folder / 'scorer').is_dir():\n"
        "            return folder / 'samples'\n"
        "    return Path(scorer.__file__).resolve().parents[1] / 'samples'\n\n\n"
        "# a font with Chinese characters for the charts' labels, where the machine has one\n"
        "CJK_FONTS = ['Noto Sans CJK SC', 'Noto Serif CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'SimHei',\n"
        "             'Microsoft YaHei', 'PingFang SC']\n"
        "installed = {font.name for font in font_manager.fontManager.ttflist}\n"
        "if not installed & set(CJK_FONTS):  # installed after matplotlib listed the machine's fonts: list them now\n"
        "    for path in font_manager.findSystemFonts():\n"
        "        if re.search(r'CJK|wqy|SimHei|msyh|PingFang', path, re.IGNORECASE):\n"
        "            font_manager.fontManager.addfont(path)\n"
        "    installed = {font.name for font in font_manager.fontManager.ttflist}\n"
        "plt.rcParams['font.sans-serif'] = [f for f in CJK_FONTS if f in installed] + plt.rcParams['font.sans-serif']\n"
        "plt.rcParams['axes.unicode_minus'] = False\n\n\n"
        "def headed(frame: pd.DataFrame) -> pd.DataFrame:\n"
        '    """The columns under the headings of the Excel workbook (项目, 三级指标, 得分 …)."""\n'
        "    names = {'source': 'document', 'messages': 'reasons'}\n"
        "    return frame.rename(columns=lambda c: text(f'xlsx.col.{names.get(c, c)}'))\n\n\n"
        "DATA = Path(os.environ.get('ZHIBIAO_DATA') or bundled_samples())\n"
        "if not DATA.exists():\n"
        "    raise FileNotFoundError(f'{DATA} 不存在：请把 ZHIBIAO_DATA 设为存放预算绩效目标表的文件夹')\n"
        "result = scorer.score(DATA)\n"
        "if result.rows.empty:\n"
        "    raise ValueError(f'未从 {DATA} 读到任何指标：请把 ZHIBIAO_DATA 设为存放预算绩效目标表的文件夹')\n"
        "rows, projects, findings = result.rows, result.projects, result.findings\n"
        "print(f'{len(result.documents)} 个文件，{len(projects)} 个项目，{len(rows)} 条指标，'\n"
        "      f'其中有问题的 {(rows.categories != \"\").sum()} 条；未能读取的文件 {len(result.errors)} 个')"
    ),
    new_markdown_cell("## 指标得分分布\n100 分为健全，65 分为较弱，25 分及以下为有缺陷。"),
    new_code_cell(
        "bands = pd.cut(rows.score, bins=[-1, 25, 65, 100], labels=['有缺陷', '较弱', '健全'])\n"
        "display(bands.value_counts().sort_index().rename_axis('得分档').rename('指标数'))\n"
        "fig, ax = plt.subplots(figsize=(6, 3))\nax.hist(rows.score, bins=20, color='#486581')\n"
        "ax.set_xlabel('指标得分')\nax.set_ylabel('指标数')\nplt.show()"
    ),
    new_markdown_cell("## 问题类别 × 二级指标"),
    new_code_cell(
        "flagged = rows[rows.categories != ''].assign(category=lambda d: d.categories.str.split(';')).explode('category')\n"
        "heat = pd.crosstab(flagged.level2.replace('', '（无）'), flagged.category.map(category_name))\n"
        "heat = heat.rename_axis(index='二级指标', columns='问题类别')\n"
        "heat.style.background_gradient(cmap='Reds')"
    ),
    new_markdown_cell("## 最差的指标及原因"),
    new_code_cell(
        "worst = rows.sort_values(['score', 'source', 'project_index', 'row_index']).head(15)\n"
        "named = worst.categories.map(lambda c: '、'.join(category_name(x) for x in c.split(';') if x))\n"
        "shown = worst.assign(categories=named)\n"
        "headed(shown[['project', 'level2', 'level3', 'value', 'score', 'categories', 'messages']])"
    ),
    new_markdown_cell("## 各项目间近似重复的指标\n按指标名称和指标值比较，去掉空白、数字记为 `<N>`（`≥95%` → `≥<N>%`）。"),
    new_code_cell(
        "def normalise(text):\n    text = unicodedata.normalize('NFKC', str(text))\n"
        "    return re.sub(r'\\s+', '', text)\n\n"
        "keyed = rows.assign(key=rows.level3.map(normalise) + ' | ' + rows.value.map(normalise).str.replace(\n"
        "    r'\\d+(?:\\.\\d+)?', '<N>', regex=True))\n"
        "clusters = (keyed.groupby('key').agg(projects=('project', 'nunique'), documents=('source', 'nunique'),\n"
        "                                     rows=('project', 'size'), flagged=('categories', lambda c: (c != '').sum()))\n"
        "            .query('projects > 1').sort_values(['projects', 'rows'], ascending=False))\n"
        "clusters.head(20).rename_axis('指标名称 | 指标值').rename(\n"
        "    columns={'projects': '项目数', 'documents': '文件数', 'rows': '指标数', 'flagged': '有问题的指标数'})"
    ),
    new_markdown_cell("## 各单位比较"),
    new_code_cell(
        "by_document = projects.groupby(['source', 'unit'], dropna=False).agg(\n"
        "    projects=('project', 'size'), mean_score=('score', 'mean'), worst_score=('score', 'min'))\n"
        "by_document['flagged_share'] = rows.groupby('source').categories.apply(lambda c: (c != '').mean())\n"
        "by_document.round(3).rename_axis(['文件', '单位']).rename(\n"
        "    columns={'projects': '项目数', 'mean_score': '平均得分', 'worst_score': '最低得分',\n"
        "             'flagged_share': '有问题指标占比'})"
    ),
    new_markdown_cell("## 单个项目：得分最低的项目"),
    new_code_cell(
        "lowest = projects.sort_values(['score', 'source', 'project_index']).iloc[0]\n"
        "print(f'{lowest.project}：得分 {lowest.score}，等级 {lowest.grade}，预算 {lowest.budget} 万元')\n"
        "print('项目层面问题：', lowest.messages or '无')\n"
        "mine = rows[(rows.source == lowest.source) & (rows.project_index == lowest.project_index)]\n"
        "headed(mine[['level1', 'level2', 'level3', 'value', 'score', 'messages', 'fixes']])"
    ),
]


def build() -> nbformat.NotebookNode:
    notebook = new_notebook(cells=CELLS)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


if __name__ == "__main__":
    nbformat.write(build(), Path(__file__).with_name("explore_weak_indicators.ipynb"))
