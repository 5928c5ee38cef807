"""
Specs for `designations watch` against a real local HTTP server.

The store holds two lists whose official pages (`DesignationList.url`) are
on the scripted server; `watch` reduces each page to its visible text and
compares it with the text kept from the last look.
"""

from __future__ import annotations

import json
import socket

import pytest

from designations.cli import main
from designations.model import DesignationList, Jurisdiction
from designations.store import WriteBatch
from designations.updates import page_text
from tests.updates.conftest import Reply

US = Jurisdiction("US", "United States", "America/New_York")
PAGE = b"""<html><head><title>Foreign Terrorist Organizations</title>
<style>body { color: red }</style><script>var tracking = 1;</script></head>
<body><h1>Foreign Terrorist Organizations</h1><ul><li>Abu Sayyaf Group</li><li>Aum Shinrikyo</li></ul>
<script>document.write("hidden")</script></body></html>"""
CHANGED = PAGE.replace(b"<li>Aum Shinrikyo</li>", b"<li>Aum Shinrikyo</li><li>New Front</li>")
HTML = "text/html; charset=utf-8"


def pages(registry, **urls):
    """Write lists (jurisdiction US) whose official pages are `urls`, by list id (underscores become dashes)."""
    registry.write(WriteBatch(kind="seed", jurisdictions=(US,), lists=tuple(
        DesignationList(id=key.replace("_", "-"), jurisdiction=US, name=key, url=url) for key, url in urls.items())))


def watch(store_url, tmp_path, capsys, *lists):
    """`designations watch --json` in process: (exit code, {list id: (status, changes)})."""
    code = main(["watch", *lists, "--archive", str(tmp_path / "archive"), "--url", store_url, "--json"])
    return code, {r["list_id"]: (r["status"], r["changes"]) for r in json.loads(capsys.readouterr().out)}


def test_first_look_records_the_text(registry, store_url, server, tmp_path, capsys):
    """The first look at a page records its visible text and says `first` (exit 0)."""
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML)))

    result = watch(store_url, tmp_path, capsys)

    assert ((0, {"us-fto": ("first", [])}), page_text(PAGE)) == (
        result, (tmp_path / "archive" / "watch" / "us-fto.txt").read_text(encoding="utf-8"))


def test_unchanged_page(registry, store_url, server, tmp_path, capsys):
    """The same page again is `unchanged` (exit 0)."""
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML)))
    watch(store_url, tmp_path, capsys)

    assert (0, {"us-fto": ("unchanged", [])}) == watch(store_url, tmp_path, capsys)


def test_changed_scripts_and_styles_only_are_unchanged(registry, store_url, server, tmp_path, capsys):
    """A page whose scripts and styles changed but not its visible text is `unchanged`."""
    other = PAGE.replace(b"tracking = 1", b"tracking = 2").replace(b"color: red", b"color: blue")
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML),
                                        Reply(body=other, content_type=HTML)))
    watch(store_url, tmp_path, capsys)

    assert (0, {"us-fto": ("unchanged", [])}) == watch(store_url, tmp_path, capsys)


def test_changed_page_reports_the_changed_lines(registry, store_url, server, dumped, tmp_path, capsys):
    """A changed page is `changed` with its changed lines (exit 1), and the data is untouched."""
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML),
                                        Reply(body=CHANGED, content_type=HTML)))
    watch(store_url, tmp_path, capsys)
    before = dumped(registry.store.engine)

    result = watch(store_url, tmp_path, capsys)

    assert ((1, {"us-fto": ("changed", ["+New Front"])}), before, page_text(CHANGED)) == (
        result, dumped(registry.store.engine),
        (tmp_path / "archive" / "watch" / "us-fto.txt").read_text(encoding="utf-8"))


def test_unreachable_page(registry, store_url, server, tmp_path, capsys):
    """A page answered 404 is `unreachable` (exit 2); the other pages are still looked at."""
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML)),
          us_gone=server.route("/gone.html", Reply(status=404, body=b"not found", content_type=HTML)))

    code, results = watch(store_url, tmp_path, capsys)

    assert (2, {"us-fto": "first", "us-gone": "unreachable"}) == (code, {k: v[0] for k, v in results.items()})


@pytest.mark.sqlite_only  # engine-free, and `watch` sleeps its fixed 1 s backoff before its one retry
def test_page_on_a_closed_port_is_unreachable(registry, store_url, tmp_path, capsys):
    """A page on a port nobody listens on is `unreachable` (exit 2)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/page.html"
    pages(registry, us_down=closed)

    code, results = watch(store_url, tmp_path, capsys)

    assert (2, {"us-down": "unreachable"}) == (code, {k: v[0] for k, v in results.items()})


def test_unreachable_page_names_the_list_and_url(registry, store_url, server, tmp_path, capsys):
    """The text report of an unreachable page names the list, the URL and the HTTP status."""
    url = server.route("/gone.html", Reply(status=404, body=b"not found", content_type=HTML))
    pages(registry, us_gone=url)

    code = main(["watch", "--archive", str(tmp_path / "archive"), "--url", store_url])

    assert (2, f"us-gone: unreachable (us-gone: {url}: HTTP 404 Not Found)\n") == (code, capsys.readouterr().out)


def test_named_lists_only(registry, store_url, server, tmp_path, capsys):
    """`watch LIST` fetches only that list's page."""
    pages(registry, us_fto=server.route("/fto.html", Reply(body=PAGE, content_type=HTML)),
          us_sdgt=server.route("/sdgt.html", Reply(body=PAGE, content_type=HTML)))

    result = watch(store_url, tmp_path, capsys, "us-sdgt")

    assert ((0, {"us-sdgt": ("first", [])}), ["/sdgt.html"]) == (result, [r.path for r in server.requests])


@pytest.mark.parametrize(("raw", "text"), [
    (PAGE, "Foreign Terrorist Organizations\nAbu Sayyaf Group\nAum Shinrikyo\n"),
    (b"<p>a <b>bold</b>   move</p><noscript>enable JS</noscript><p>x&amp;y</p>", "a bold move\nx&y\n"),
    (b"plain text\n\n  second   line ", "plain text\nsecond line\n"),
], ids=["page", "inline", "plain"])
def test_page_text_drops_scripts_and_styles(raw, text):
    """`page_text` keeps the visible text, one folded line per block, without scripts, styles or markup."""
    assert text == page_text(raw)


def test_page_text_folds_newlines_inside_a_block():
    """A paragraph wrapped over several source lines is one line of text, so re-wrapping a page changes nothing."""
    assert page_text(b"<p>Abu Sayyaf Group, also known as\n   al-Harakat al-Islamiyya</p>") == page_text(
        b"<p>Abu Sayyaf Group, also known as al-Harakat al-Islamiyya</p>")
