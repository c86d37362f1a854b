"""Tests of :mod:`pilot_eval.audit` (the pnationaleNN handle audit), without network."""

from __future__ import annotations

import io
import json
import urllib.parse

import pandas as pd
import pyarrow.parquet as pq
import pytest
import requests
import requests.adapters

from pilot_eval import audit as au
from pilot_eval.cli import main
from pilot_eval.collect import TwitterSource
from pilot_eval.config import data_paths
from pilot_eval.schema import conform


def tweets_frame(rows: list[dict]) -> pd.DataFrame:
    base = {"handle": "PNationale44", "mentions": [], "reply_to": None, "retweet_of": None}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


SEEN = tweets_frame(
    [
        # PNationale13 is not in the registry: seen twice, first on 2014-01-05 (Paris)
        {"tweet_id": 1, "created_at": "2014-01-04T23:30:00Z", "mentions": ["PNationale13"]},
        {"tweet_id": 2, "created_at": "2014-01-20T10:00:00Z", "reply_to": "pnationale13"},
        # the official account mentioned: not evidence of anything
        {"tweet_id": 3, "created_at": "2014-01-21T10:00:00Z", "mentions": ["pnationale35"]},
        # a look-alike of 75 retweeted
        {"tweet_id": 4, "created_at": "2014-02-01T10:00:00Z", "retweet_of": "PoliceNationale75"},
        # a tweet by a look-alike of 2A
        {"tweet_id": 5, "created_at": "2014-02-02T10:00:00Z", "handle": "pnationale_2a"},
    ]
)


def row(audit: pd.DataFrame, department: str) -> dict:
    [rec] = audit[audit["department"] == department].to_dict("records")
    return rec


# ---------------------------------------------------------------- departments and handles


def test_101_departments_with_corsica_split_and_five_overseas():
    assert len(au.DEPARTMENTS) == 101 == len(set(au.DEPARTMENTS))
    assert "20" not in au.DEPARTMENTS and "975" not in au.DEPARTMENTS
    assert {"01", "2A", "2B", "95", "971", "976"} <= set(au.DEPARTMENTS)
    assert au.DEPARTMENTS.index("2A") == 19 and au.DEPARTMENTS.index("21") == 21


@pytest.mark.parametrize(
    ("handle", "department"),
    [
        ("pnationale86", "86"),
        ("PNationale05", "05"),
        ("@pnationale2a", "2A"),
        ("pnationale_05", "05"),
        ("PoliceNationale05", "05"),
        ("pnationale5", "05"),
        ("pnationale971", "971"),
        ("pnationale975", None),
        ("pnationale20", None),
        ("pnationale", None),
        ("pnationale44bis", None),
        ("gendarmerie44", None),
    ],
)
def test_department_of(handle, department):
    assert au.department_of(handle) == department


def test_is_exact_ignores_case_only():
    assert au.is_exact("PNationale05", "05")
    assert not au.is_exact("pnationale_05", "05")


# ---------------------------------------------------------------- the audit


def test_shipped_registry_alone(registry):
    audit = au.audit_handles(registry, None)
    assert list(audit.columns) == ["handle", "department", "status", "evidence"]
    assert audit["department"].tolist() == list(au.DEPARTMENTS)
    assert row(audit, "44")["status"] == "official"
    assert row(audit, "44")["handle"] == "PNationale44"
    assert row(audit, "86") == {
        "department": "86",
        "handle": "pnationale86",
        "status": "impostor",
        "evidence": "registry: impostor account @pnationale86 (Impostor (Vienne))",
    }
    assert set(audit.loc[audit["status"] == "official", "department"]) == {
        "44",
        "35",
        "62",
        "67",
        "06",
    }
    assert set(audit.loc[audit["status"] == "impostor", "department"]) == {
        "86",
        "05",
        "22",
        "33",
        "73",
        "02",
        "11",
        "23",
        "91",
    }
    assert row(audit, "2A")["handle"] == "pnationale2A"
    assert row(audit, "13")["status"] == "unknown"
    assert "not looked up online" in row(audit, "13")["evidence"]
    assert (audit["status"] != "unreserved").all()  # nothing says a handle is free offline


def test_sightings_summarise_handles_of_the_pattern():
    seen = au.sightings(SEEN).set_index("handle")
    assert set(seen.index) == {
        "PNationale44",  # author of every tweet but one
        "PNationale13",
        "pnationale35",
        "PoliceNationale75",
        "pnationale_2a",
    }
    assert seen.loc["PNationale44", "as"] == "author"
    assert seen.loc["PNationale44", "tweets"] == 4
    assert seen.loc["PNationale13", "tweets"] == 2
    assert str(seen.loc["PNationale13", "first_seen"]) == "2014-01-05"  # Paris date
    assert seen.loc["PNationale13", "as"] == "mentioned, replied to"
    assert bool(seen.loc["PNationale13", "exact"]) and not bool(
        seen.loc["PoliceNationale75", "exact"]
    )
    assert au.sightings(None).empty and au.sightings(SEEN.iloc[0:0]).empty


def test_sighted_non_official_handle_is_an_impostor(registry):
    audit = au.audit_handles(registry, SEEN)
    rec = row(audit, "13")
    assert rec["status"] == "impostor"
    assert rec["evidence"] == (
        "@PNationale13 seen in 2 collected tweets (mentioned, replied to), first on 2014-01-05"
    )
    assert row(audit, "35")["evidence"] == (
        "registry: pilot account @pnationale35 (DDSP d'Ille-et-Vilaine)"
    )


def test_look_alikes_are_evidence_without_changing_status(registry):
    audit = au.audit_handles(registry, SEEN)
    assert row(audit, "75")["status"] == "unknown"
    assert (
        "look-alike @PoliceNationale75 seen in 1 collected tweet (retweeted)"
        in row(audit, "75")["evidence"]
    )
    assert "look-alike @pnationale_2a" in row(audit, "2A")["evidence"]


def test_online_answers_decide_unreserved_and_impostor(registry):
    profiles = {
        "pnationale13": "absent",
        "PNATIONALE14": "profile: Faux 14, 12 followers, created 2014-01-02",
        "pnationale15": "suspended",
        "pnationale86": "absent",
    }
    audit = au.audit_handles(registry, None, profiles=profiles)
    assert row(audit, "13")["status"] == "unreserved"
    assert row(audit, "13")["evidence"] == "online: no such account"
    assert row(audit, "14")["status"] == "impostor"
    assert "online: profile: Faux 14" in row(audit, "14")["evidence"]
    assert row(audit, "15")["status"] == "impostor"
    # the registry still says impostor; the online answer is kept as evidence
    assert row(audit, "86")["status"] == "impostor"
    assert row(audit, "86")["evidence"].endswith("; online: no such account")
    assert row(audit, "16")["status"] == "unknown"


def test_input_is_not_modified(registry):
    before = SEEN.copy()
    au.audit_handles(registry, SEEN)
    pd.testing.assert_frame_equal(SEEN, before)


# ---------------------------------------------------------------- online lookup with snscrape


class FakeProfiles(requests.adapters.BaseAdapter):
    """Twitter's UserByScreenName: ``existing`` handles have a profile, others are absent."""

    def __init__(self, existing=(), *, network=False):
        super().__init__()
        self.existing = {h.casefold() for h in existing}
        self.network = network
        self.asked: list[str] = []

    def close(self):
        pass

    def send(self, request, **kwargs):
        if self.network:
            raise requests.exceptions.ConnectionError(
                "NameResolutionError: Failed to resolve 'twitter.com'"
            )
        response = requests.Response()
        response.request, response.url, response.status_code = request, request.url, 200
        url = urllib.parse.urlsplit(request.url)
        if "/graphql/" not in url.path:
            response.headers["content-type"] = "text/html"
            response._content = b'document.cookie = decodeURIComponent("gt=1; Max-Age=10800; Domain=.twitter.com; Path=/; Secure");'
            return response
        name = json.loads(urllib.parse.parse_qs(url.query)["variables"][0])["screen_name"]
        self.asked.append(name)
        user = {}
        if name.casefold() in self.existing:
            user = {
                "result": {
                    "__typename": "User",
                    "rest_id": "77",
                    "is_blue_verified": False,
                    "affiliates_highlighted_label": {},
                    "legacy": {
                        "screen_name": name,
                        "name": "Faux compte",
                        "description": "",
                        "entities": {"description": {}},
                        "created_at": "Thu Jan 02 10:00:00 +0000 2014",
                        "followers_count": 12,
                        "friends_count": 1,
                        "statuses_count": 3,
                        "favourites_count": 0,
                        "listed_count": 0,
                        "media_count": 0,
                        "location": "",
                        "profile_image_url_https": "https://pbs.twimg.com/x.jpg",
                    },
                }
            }
        response.headers["content-type"] = "application/json;charset=utf-8"
        response._content = json.dumps({"data": {"user": user}}).encode()
        return response


def test_lookup_profiles_with_snscrape():
    source = TwitterSource(retries=0, adapter=FakeProfiles(["pnationale14"]))
    found, skipped = au.lookup_profiles(["pnationale13", "pnationale14"], source=source, delay=0)
    assert skipped is None
    assert found == {
        "pnationale13": "absent",
        "pnationale14": "profile: Faux compte, 12 followers, created 2014-01-02",
    }


def test_online_audit_looks_up_only_non_official_handles(registry):
    fake = FakeProfiles(["pnationale14"])
    audit = au.audit_handles(
        registry, None, online=True, source=TwitterSource(retries=0, adapter=fake), delay=0
    )
    assert len(fake.asked) == 96 and "PNationale44" not in fake.asked
    assert row(audit, "14")["status"] == "impostor"
    assert (audit["status"] == "unreserved").sum() == 101 - 5 - 9 - 1


def test_online_failure_is_one_line_and_keeps_offline_results(registry, capsys):
    fake = FakeProfiles(network=True)
    audit = au.audit_handles(
        registry, None, online=True, source=TwitterSource(retries=0, adapter=fake), delay=0
    )
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(
        "pilot-eval audit-handles: online check stopped at pnationale01: Twitter could not be reached"
    )
    assert err[0].endswith("results from the registry and collected data only")
    assert row(audit, "86")["status"] == "impostor" and row(audit, "13")["status"] == "unknown"
    assert "no online answer" in row(audit, "13")["evidence"]
    assert audit.attrs["online_failure"]  # the command exits 1, as collect does (review)


# ---------------------------------------------------------------- reserve list


def test_handles_to_reserve(registry):
    audit = au.audit_handles(registry, SEEN, profiles={"pnationale14": "absent"})
    todo = au.handles_to_reserve(audit)
    assert list(todo.columns) == [
        "priority",
        "department",
        "handle",
        "status",
        "action",
        "action_fr",
        "evidence",
    ]
    assert not (todo["status"] == "official").any()
    assert todo["priority"].is_monotonic_increasing
    assert todo.iloc[0][["department", "action"]].tolist() == ["02", "reclaim"]
    actions = todo.groupby("action")["handle"].apply(list)
    assert "PNationale13" in actions["reclaim"] or "pnationale13" in actions["reclaim"]
    assert actions["watch"] == ["pnationale_2a", "PoliceNationale75"]
    assert actions["reserve"] == ["pnationale14"]
    assert len(actions["verify"]) == 101 - 5 - 10 - 1
    assert todo["action_fr"].str.len().gt(0).all()


# ---------------------------------------------------------------- the command


def test_format_table_puts_notable_rows_first(registry):
    text = au.format_table(au.audit_handles(registry, None))
    lines = text.splitlines()
    assert lines[0] == "101 departments: 5 official, 9 impostor, 0 unreserved, 87 unknown"
    assert lines[2].split() == ["department", "handle", "status", "evidence"]
    assert lines[4].split()[2] == "official" and lines[9].split()[2] == "impostor"
    assert len(lines) == 4 + 101


def test_cli_csv_lists_101_departments(tmp_path, capsys):
    code = main(["audit-handles", "--data-dir", str(tmp_path / "none"), "--format", "csv"])
    out = capsys.readouterr().out
    audit = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert code == 0 and len(audit) == 101
    statuses = dict(zip(audit["handle"], audit["status"], strict=True))
    assert statuses["PNationale44"] == "official" and statuses["pnationale86"] == "impostor"


def test_cli_reads_the_processed_tweets(tmp_path, capsys):
    paths = data_paths(tmp_path / "data")
    paths.processed.mkdir(parents=True)
    pq.write_table(conform(SEEN, "tweets"), paths.table("tweets"))
    assert main(["audit-handles", "--data-dir", str(paths.root), "--format", "csv"]) == 0
    audit = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert audit.set_index("department").loc["13", "status"] == "impostor"
