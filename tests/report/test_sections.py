"""Notebook building blocks on a tiny processed dataset (pilot_eval.report.sections)."""

from __future__ import annotations

import pytest

from pilot_eval.report import sections as S

from .tiny import PRIVATE, write_tiny


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    data = write_tiny(tmp_path_factory.mktemp("tiny") / "data")
    return S.load_context(start="2013-12-23", end="2014-03-31", data_dir=str(data), ensure=False)


def test_best_tweets_escape_markup_and_pseudonymise(ctx):
    html = S.best_tweets(ctx, n=200).data
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert PRIVATE not in html and "@utilisateur_" in html


def test_summary_table_in_french(ctx):
    html = S.summary_table(ctx).data
    assert "@PNationale44" in html and "680\u202f000" in html  # policia followers at start
    assert "Engagement médian" in html


def test_html_table_escapes_cells():
    import pandas as pd

    html = S.html_table(pd.DataFrame({"<a>": ["<img src=x onerror=alert(1)>"]}))
    assert "<img" not in html and "&lt;img" in html and "&lt;a&gt;" in html


def test_charts_are_png(ctx):
    png, _ = S.follower_curves(ctx)._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_focus_and_unknown_handle(tmp_path):
    from pilot_eval.errors import UserError

    data = write_tiny(tmp_path / "data")
    c = S.load_context(
        start="2013-12-23",
        end="2014-03-31",
        data_dir=str(data),
        focus=["PNATIONALE67"],
        ensure=False,
    )
    assert c.focus == ["pnationale67"]
    with pytest.raises(UserError):
        S.load_context(
            start="2013-12-23", end="2014-03-31", data_dir=str(data), focus=["nobody"], ensure=False
        )


def test_rejects_table_hides_raw_text(ctx):
    html = S.rejects_table(ctx).data
    assert "truncated JSON" in html and "x.jsonl" in html and "raw/" not in html


def test_classifier_accuracy_reads_the_runs_evaluation_file(tmp_path):
    import json
    from datetime import date

    from pilot_eval.registry import load_registry
    from pilot_eval.report.run import EVALUATION_FILE

    kpis_file = tmp_path / "kpis.json"
    summary = {"overall": {"n": 12, "macro_f1": 0.5, "accuracy": 0.75, "per_category": {}},
               "n_splits": 3, "by_lang": {}}  # fmt: skip
    (tmp_path / EVALUATION_FILE).write_text(json.dumps(summary), encoding="utf-8")
    ctx = S.Context(date(2014, 1, 1), date(2014, 1, 2), tmp_path, load_registry(None), [],
                    kpis_file)  # fmt: skip
    html = S.classifier_accuracy(ctx).data
    assert "12 tweets" in html and "0,50" in html and "75" in html


# ---------------------------------------------------------------- review findings 2-7, 10, 11


def _variant(
    tmp_path, *, drop: str | None = None, archive: str | None = None, unfollowed: str | None = None
):
    """The tiny data set with every tweet and snapshot of ``drop`` removed, the tweets
    of ``archive`` without reply and quote counts (as from an account archive), and no
    follower snapshot of ``unfollowed``."""
    import pyarrow.parquet as pq

    from pilot_eval.config import data_paths

    data = write_tiny(tmp_path / "data")
    paths = data_paths(data)
    for name in ("tweets", "followers"):
        table = pq.read_table(paths.table(name))
        frame = table.to_pandas()
        if drop:
            frame = frame[frame["handle"] != drop]
        if unfollowed and name == "followers":
            frame = frame[frame["handle"] != unfollowed]
        if archive and name == "tweets":
            mine = frame["handle"] == archive
            frame["reply_count"] = frame["reply_count"].astype("Int64").mask(mine)
            frame["quote_count"] = frame["quote_count"].astype("Int64").mask(mine)
            frame.loc[mine, "source"] = "archive"
        pq.write_table(pa_table(frame, table.schema), paths.table(name))
    return S.load_context(start="2013-12-23", end="2014-03-31", data_dir=str(data), ensure=False)


def pa_table(frame, schema):
    import pyarrow as pa

    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def test_account_without_data_reads_pas_de_donnees(tmp_path):
    c = _variant(tmp_path, drop="pnationale62")
    assert c.no_data == {"pnationale62"}
    row = S.summary_frame(c).set_index("Compte").loc["@pnationale62"]
    assert row["Tweets"] == "pas de données" and "0" not in row["Tweets / jour"]
    text = S.directorates(c).data
    part = text.split("pnationale62")[1]
    assert "Aucune donnée collectée" in text and "aucun tweet" not in part.lower()
    assert "0,0" not in part.split("<h3>")[0]


def test_account_with_tweets_outside_the_period_is_not_without_data(ctx):
    assert ctx.no_data == set()


def test_missing_counts_reported_next_to_engagement_and_in_method(tmp_path):
    c = _variant(tmp_path, archive="pnationale67")
    assert c.kpis["accounts"]["pnationale67"]["missing_counts"]
    summary = S.summary_table(c).data
    assert "sans réponses ni citations (absentes de la source)" in summary
    assert "absentes de la source" in S.directorates(c).data
    method = S.definitions(c).data
    assert "@pnationale67" in method and "sans réponses ni citations" in method


def test_cards_say_which_pilots_are_left_out_of_a_total(tmp_path):
    c = _variant(tmp_path, drop="pnationale62")
    html = S.kpi_cards(c).data
    assert "1 compte sur 5 non calculable" in html
    assert "pas de données pour @pnationale62" in html


def test_summary_rates_show_their_n_and_fragility(ctx):
    frame = S.summary_frame(ctx)
    rates = frame["Engagement / abonnés (médiane)"].tolist()
    assert all("(n\u00a0=\u00a0" in r for r in rates), rates
    html = S.summary_table(ctx).data
    assert "fragile" in html  # caption explains the marker


def test_summary_uses_a_short_null_marker_with_a_legend(tmp_path):
    c = _variant(tmp_path, drop="pnationale62")
    frame = S.summary_frame(c)
    assert "non calculable" not in " ".join(frame.astype(str).to_numpy().ravel())
    assert "n.\u00a0c. : non calculable" in S.summary_table(c).data


def test_tweets_per_day_keep_two_significant_digits(ctx):
    c = ctx
    k = dict(c.kpis["accounts"]["pnationale67"])
    try:
        c.kpis["accounts"]["pnationale67"].update(tweets=2, tweets_per_day=2 / 78)
        row = S.summary_frame(c).set_index("Compte").loc["@pnationale67"]
        assert row["Tweets / jour"] == "0,026"
    finally:
        c.kpis["accounts"]["pnationale67"] = k


def test_method_defines_weekly_growth_and_the_generalisation_rule(ctx):
    html = S.definitions(ctx).data
    assert "Croissance hebdomadaire" in html and "Recommandation" in html


def test_sources_have_french_labels(ctx):
    html = S.sources_table(ctx).data
    assert "followers_csv" not in html and "snscrape" in html and "Relevés d" in html


def test_charts_carry_a_french_alt_text(ctx):
    data, meta = S.follower_curves(ctx)._repr_png_()
    assert data[:4] == b"\x89PNG" and meta["alt"].startswith("Graphique")


def test_detail_tables_say_pas_de_donnees(tmp_path):
    c = _variant(tmp_path, drop="pnationale62")
    for html in (S.medians_table(c).data, S.growth_table(c).data, S.growth_findings(c).data):
        before, after = html.split("@pnationale62", 1)
        row = (
            before.rsplit("<tr>", 1)[-1].rsplit("<li", 1)[-1]
            + after.split("</tr>")[0].split("</li>")[0]
        )
        assert "pas de données" in row.lower() or "aucune donnée" in row.lower(), row


@pytest.mark.browser
def test_summary_table_fits_its_card_at_1280_px(tmp_path):
    """With "non calculable" and "pas de données" cells, the table is no wider than
    the page's main card at 1280 px (no horizontal scroll; nothing lost in print)."""
    import shutil
    import subprocess

    from pilot_eval.report.html import page

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    c = _variant(tmp_path, drop="pnationale62", unfollowed="pnationale35", archive="pnationale67")
    assert "n.\u00a0c." in S.summary_table(c).data
    body = S.kpi_cards(c).data + S.summary_table(c).data
    probe = (
        "<script>addEventListener('load', () => { const m = document.querySelector('main');"
        "const t = document.querySelector('table');"
        "document.body.dataset.fit = (m.scrollWidth <= m.clientWidth && "
        "t.getBoundingClientRect().right <= m.getBoundingClientRect().right) ? 'yes' : 'no'; });"
        "</script>"
    )
    target = tmp_path / "page.html"
    target.write_text(page(body, title="t", simulated=False).replace("</body>", probe + "</body>"))
    flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2000"]  # fmt: skip
    dom = subprocess.run([*flags, "--dump-dom", target.as_uri()], check=True,
                         capture_output=True, text=True, timeout=120).stdout  # fmt: skip
    assert 'data-fit="yes"' in dom


def test_engagement_by_weekday_and_by_band_of_hours(ctx):
    """SPEC section 8: engagement by weekday and hour in local time (review: hours were
    missing); each median with its number of tweets."""
    from pilot_eval.metrics.behaviour import by_weekday_hour

    days = S.timing_table(ctx, "weekday").data
    hours = S.timing_table(ctx, "hour_band").data
    assert "lundi" in days and "dimanche" in days and "selon le jour" in days
    assert "0\u00a0h – 7\u00a0h" in hours and "20\u00a0h – 24\u00a0h" in hours
    assert "selon l'heure" in hours or "selon l&#x27;heure" in hours
    bands = by_weekday_hour(ctx.engagement, "hour_band")
    busiest = bands.sort_values("tweets").iloc[-1]
    assert f"({busiest['tweets']})" in hours.replace("\u202f", "")


@pytest.fixture(scope="module")
def early(tmp_path_factory):
    """1 December 2013 to 5 January 2014: before the first data (23 December), and
    before four pilots opened (13 January)."""
    data = write_tiny(tmp_path_factory.mktemp("early") / "data")
    return S.load_context(start="2013-12-01", end="2014-01-05", data_dir=str(data), ensure=False)


def test_period_reaching_outside_the_data_is_said(ctx, early):
    assert S.data_outside_period(ctx) is None
    note = S.data_outside_period(early)
    assert "commence avant les premières données collectées (23 décembre 2013)" in note
    assert "un 0 ne signifie pas une absence d'activité" in note
    assert "Attention" in S.period_intro(early).data


def test_account_not_open_in_the_period_reads_non_ouvert(early):
    row = S.summary_frame(early).set_index("Compte").loc["@pnationale35"]
    assert row["Jours"] == "0" and row["Tweets"] == "non ouvert"
    assert row["Abonnés début"] == "—"  # not the 0 of its opening day, after the period
    growth = S.growth_table(early).data
    assert "ouverture le 13 janvier 2014" in growth and "non ouvert" in growth


def test_engagement_by_category_rows_in_spec_order(ctx):
    from pilot_eval.classify.categories import CATEGORIES

    html = S.engagement_by_category(ctx).data
    labels = S.category_labels()
    shown = [c for c in CATEGORIES if f">{labels[c]}<" in html]
    assert len(shown) >= 2
    where = [html.index(f">{labels[c]}<") for c in shown]
    assert where == sorted(where)  # rows follow SPEC 7, not the codes' A-Z
