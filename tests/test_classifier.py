"""The classifier: safe model files, model findings with probability and terms, reproducible training."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import scorer
from scorer import classifier
from scorer.classifier import MODEL_FORMAT, Model, ModelError, fit, load_model
from scorer.cli import cli
from scorer.types import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
SEED_003 = ROOT / "samples" / "003_e894add5ed61165e.txt"


def test_shipped_model_keeps_only_the_categories_where_it_helped_held_out():
    model = load_model()
    assert model is not None and set(model.weights) <= set(CATEGORIES)
    assert set(model.weights) == model.finding_categories | model.score_categories
    held = model.metadata["held_out"]
    assert held["flagged_f1"]["rules"] > 0.9
    assert held["flagged_f1"]["combined"] >= held["flagged_f1"]["rules"] and held["auc"]["combined"] >= held["auc"]["rules"]


TEMPLATE_ROW = pd.DataFrame(
    [
        {
            "source": "y.csv",
            "project": "会议费",
            "level1": "产出指标",
            "level2": "数量指标",
            "level3": "模板指标甲",
            "value": "≥3次",
        }
    ]
)


def _template_model() -> Model:
    """A small model that learned 模板 in a name means boilerplate: 20 such rows against 20 plain counts."""
    from scorer.normalise import prepare
    from scorer.types import Document, Indicator, Location, Project

    def row_with(name: str, value: str):
        project = Project(name="会议费", indicators=[Indicator("产出指标", "数量指标", name, "", value, "", Location("x"))])
        return prepare([Document(source="x", projects=[project])])[0].projects[0].rows[0]

    rows = [row_with(f"模板指标{i}", f"≥{i}次") for i in range(20)] + [row_with(f"会议次数{i}", f"≥{i}次") for i in range(20)]
    return fit([classifier.row_features(r) for r in rows], [{"boilerplate"} if i < 20 else set() for i in range(40)], c=100.0)


def test_model_findings_only_in_the_models_finding_categories(tmp_path):
    """A model told to keep its findings out of boilerplate adds none there, though it is sure."""
    model = _template_model()
    model.metadata = {"finding_categories": [], "score_categories": ["boilerplate"]}
    path = tmp_path / "score-only.json"
    model.save(path)
    result = scorer.score(TEMPLATE_ROW, model_path=path)
    model_findings = result.findings[result.findings["code"].str.startswith("M")]
    assert (model_findings["severity"] == "info").all()  # no verdict, only the note that explains the points
    assert result.rows.iloc[0]["categories"] == "" and result.rows.iloc[0]["score"] < 100
    assert "扣" in result.rows.iloc[0]["messages"] and "M005" in result.rows.iloc[0]["codes"]


def test_tampered_foreign_and_other_version_models_are_refused(tmp_path):
    text = (ROOT / "models" / "zhibiao-model.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["body"]["intercepts"]["vague"] += 1.0
    cases = {
        "tampered.json": json.dumps(data),
        "foreign.json": json.dumps({"coef": [1, 2, 3]}),
        "version.json": json.dumps({**json.loads(text), "version": 99}),
        "pickle.json": "\x80\x04\x95 not json",
    }
    messages = {}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ModelError) as error:
            load_model(path)
        messages[name] = str(error.value)
        assert str(path) in messages[name]
    assert "checksum" in messages["tampered.json"] and "version" in messages["version.json"]
    result = CliRunner().invoke(cli, ["score", str(SEED_003), "--model", str(tmp_path / "tampered.json")])
    assert result.exit_code == 2 and "checksum" in result.output


def test_no_model_file_means_rules_alone(monkeypatch):
    monkeypatch.setattr(classifier, "default_model_path", lambda: None)
    with_model_missing = scorer.score(SEED_003)
    rules_alone = scorer.score(SEED_003, use_model=False)
    assert list(with_model_missing.rows["score"]) == list(rules_alone.rows["score"])
    assert not rules_alone.findings["code"].str.startswith("M").any()


@pytest.mark.slow
def test_model_findings_carry_probability_and_terms(tmp_path):
    """A small model that learned 模板 means boilerplate flags such a row the rules let pass."""
    model = _template_model()
    path = tmp_path / "small.json"
    model.save(path)
    result = scorer.score(TEMPLATE_ROW, model_path=path)
    found = result.findings[result.findings["code"] == "M005"]
    assert len(found) == 1
    assert 0.95 <= found.iloc[0]["probability"] <= 1 and "模板" in found.iloc[0]["evidence"]
    assert result.rows.iloc[0]["categories"] == "boilerplate" and result.rows.iloc[0]["score"] < 65
    assert Model.from_json(path.read_text(encoding="utf-8")).weights.keys() == {"boilerplate"}
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == MODEL_FORMAT


@pytest.mark.slow
def test_train_command_on_the_samples_writes_a_model_and_its_card(tmp_path):
    out = tmp_path / "model.json"
    result = CliRunner().invoke(
        cli, ["train", str(ROOT / "data" / "labels" / "seeds.csv"), "--docs", str(ROOT / "samples"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    held = Model.from_json(out.read_text(encoding="utf-8")).metadata["held_out"]
    assert held["flagged_f1"]["rules"] > 0.9 and 0.5 < held["auc"]["model"] <= 1
    assert (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# zhibiao classifier")


CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "labels.csv").is_file(), reason="the labelled corpus (../shared) is absent")
def test_shipped_model_is_reproduced_from_samples_and_corpus(tmp_path):
    """bench/classifier_heldout.py --out trains the shipped model on the samples and the corpus rows; the
    same rows and categories give the same weights."""
    import subprocess
    import sys

    from scorer.training import SEED, labelled_examples, read_labels, train

    rows = tmp_path / "corpus_rows.csv"
    subprocess.run(
        [
            sys.executable,
            str(CORPUS.parent / "tools" / "rows_from_labels.py"),
            str(CORPUS / "labels.csv"),
            str(CORPUS / "projects.csv"),
            "-o",
            str(rows),
        ],
        check=True,
        capture_output=True,
    )
    examples, _, missing = labelled_examples(
        read_labels([ROOT / "data" / "labels" / "seeds.csv", CORPUS / "labels.csv"]), [ROOT / "samples", rows]
    )
    shipped = load_model()
    assert missing == 0 and len(examples) == shipped.metadata["rows"]
    again = train(examples, SEED, set(shipped.weights))
    for category, weights in shipped.weights.items():
        assert abs(again.intercepts[category] - shipped.intercepts[category]) < 1e-6
        assert again.weights[category].keys() == weights.keys()


def test_cached_parts_give_the_probabilities_of_the_whole_feature_set(seed_documents):
    """row_probabilities caches the logits of names, values and row texts: being linear, the model must
    give exactly what it gives on all of a row's features at once, on every seed row, twice over."""
    from scorer.normalise import prepare

    model = load_model()
    rows = [row for document in prepare(list(seed_documents.values())) for p in document.projects for row in p.rows]
    for _ in range(2):  # the second pass reads the caches
        for row, fast in zip(rows, model.row_probabilities(rows), strict=True):
            slow = model.probabilities(classifier.row_features(row))
            assert fast == pytest.approx(slow, abs=1e-9)


def test_every_feature_of_the_sample_rows_reads_in_the_reviewers_words(seed_documents):
    """The model's reasons name the features that weighed most: each must read as words (lexicons/
    model_terms.yaml), not as the code's names (non_ratio_name, family=none), in Chinese and in English."""
    import re

    from scorer.messages import set_language
    from scorer.normalise import prepare

    rows = [row for document in prepare(list(seed_documents.values())) for p in document.projects for row in p.rows]
    features = {feature for row in rows for feature in classifier.row_features(row)}
    assert len(features) > 1000
    for language in ("zh", "en"):
        set_language(language)
        for feature in features:
            said = classifier.describe_feature(feature)
            words = re.sub(r"“[^”]*”", "", said)  # a quoted n-gram is the row's own text
            assert said != feature and not re.search(r"[a-z]+_[a-z_]+|=|\|", words), (language, feature, said)
    set_language("zh")
    assert classifier.describe_feature("f:form=slogan|family=none") == "名称的形式为口号且指标值没有单位"
    assert classifier.describe_feature("f:family=percent") == "指标值的单位为百分比"
    assert classifier.describe_feature("f:op=none") == "指标值没有“≥”“≤”等符号"
    assert classifier.describe_feature("v:显著") == "指标值含“显著”"


def test_the_models_vague_costs_nothing_on_a_target_the_rules_read_as_a_known_kind():
    """The model learnt no standard cited by code, no grade and no event's deadline, and took up to 17 points off such
    sound rows; where the rules read the value as one of these, its vague probability costs nothing. A quality row in
    words the rules do not know as such still pays it."""
    frame = pd.DataFrame(
        {
            "source": ["县住建局"] * 4,
            "project": ["学校教学楼抗震加固"] * 4,
            "level1": ["产出指标"] * 4,
            "level2": ["质量指标", "质量指标", "时效指标", "质量指标"],
            "level3": ["工程质量", "施工安全", "隐患整改时限", "工程质量"],
            "value": ["符合JGJ 116-2009", "达到建筑施工安全检查标准", "当日整改", "良好"],
            "budget": ["300"] * 4,
        }
    )
    rows = scorer.score(frame).rows
    known, control = rows.iloc[:3], rows.iloc[3]
    assert list(known["score"]) == [100.0, 100.0, 100.0]
    assert not any("M001" in codes for codes in known["codes"])
    assert control["score"] < 100.0


def test_a_scored_document_is_freed_once_scoring_is_done():
    """The model keeps the words of the project it read last, not the project: a project held for good
    kept its whole document (a 200,000-row export's, in a worker) alive until the next one was scored."""
    import gc
    import weakref

    from scorer.api import score_documents
    from scorer.ingest import read_paths

    documents = read_paths([SEED_003]).documents
    score_documents(documents, findings_table=False)
    assert classifier._last_project[1]  # the model did read a project's words
    alive = [weakref.ref(document) for document in documents]
    del documents
    gc.collect()
    assert [ref() for ref in alive] == [None]
