"""
Specs for `designations update` against a real local HTTP server.

Each spec scripts the server in `conftest.py` (statuses, headers, bodies,
delays, redirects) and checks what the update reports, what it asked the
server, what it archived and what it wrote to the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import select

from designations.cli import main
from designations.store.schema import BatchTable
from tests.updates.conftest import FIXTURES, XML, Reply

ENGINE_FREE = pytest.mark.sqlite_only
"""Decided before the store is touched: run in the SQLite pass only, to keep the PostgreSQL pass short."""
LAST_MODIFIED = "Wed, 15 Jan 2020 10:00:00 GMT"
LATER = "Mon, 15 Jun 2020 10:00:00 GMT"


def update(registry, url, tmp_path, **options):
    """`Registry.update` of the UN source from `url`, with short limits, archiving under tmp_path."""
    options = {"timeout": 0.5, "retries": 1, "backoff": 0.01, **options}
    return registry.update(["un"], source_urls={"un": url}, archive=tmp_path / "archive", **options)


def cli(store_url, url, tmp_path, *extra):
    """`designations update un` in process, from `url`, without retries; returns the exit code."""
    return main(["update", "un", "--source-url", f"un={url}", "--archive", str(tmp_path / "archive"),
                 "--url", store_url, "--retries", "0", *extra])


def imports(registry):
    """The import batches as (source_path, sha256), oldest first."""
    with registry.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(BatchTable.c.source_path, BatchTable.c.sha256)
            .where(BatchTable.c.kind == "import").order_by(BatchTable.c.id))]


def archived_files(tmp_path):
    """Every file under the archive, relative to it (empty folders do not count)."""
    root = tmp_path / "archive"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def sha(body):
    return hashlib.sha256(body).hexdigest()


# -- the happy path -------------------------------------------------------------------


def test_first_update_imports_and_exits_1(registry, store_url, server, un_files, tmp_path, capsys):
    """The first update imports the publication and exits 1 (something changed)."""
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"', last_modified=LAST_MODIFIED))

    code = cli(store_url, url, tmp_path)

    assert (1, "un: imported the publication of 2020-01-10: 12 listed, 0 removed, 0 amended\n") == (
        code, capsys.readouterr().out)


def test_unchanged_update_is_one_conditional_request_answered_304(
        registry, store_url, server, un_files, tmp_path, capsys):
    """An unchanged update sends one conditional request, gets 304, records nothing and exits 0."""
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"', last_modified=LAST_MODIFIED))
    cli(store_url, url, tmp_path)
    before, asked = registry.data_version(), len(server.requests)
    capsys.readouterr()

    code = cli(store_url, url, tmp_path)
    again = server.requests[asked:]

    assert (0, "un: unchanged (not modified (304))\n", 1, '"v1"', LAST_MODIFIED, before) == (
        code, capsys.readouterr().out, len(again), again[0].headers.get("if-none-match"),
        again[0].headers.get("if-modified-since"), registry.data_version())


def test_changed_publication_imports_with_counts(registry, server, un_files, tmp_path):
    """A new publication behind the same URL is imported with its listed, removed and amended counts, exit 1."""
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'), Reply(body=un_files[1], etag='"v2"'))
    update(registry, url, tmp_path)

    report = update(registry, url, tmp_path)
    result = report.results[0]

    assert ("imported", "2020-06-15", 2, 1, 1, 1, '"v1"') == (
        result.status, result.published, result.listed, result.removed, result.amended, report.exit_code,
        server.hits()[-1].headers.get("if-none-match"))


def test_identical_file_served_again_is_unchanged(registry, server, un_files, tmp_path):
    """A server without validators serving the same file again gives `unchanged`, exit 0, nothing recorded."""
    url = server.route("/un.xml", Reply(body=un_files[0]))
    update(registry, url, tmp_path)
    before = registry.data_version()

    report = update(registry, url, tmp_path)

    assert ("unchanged", "this file was imported before", 0, before, 1) == (
        report.results[0].status, report.results[0].reason, report.exit_code, registry.data_version(),
        len(imports(registry)))


def test_server_error_then_success_is_retried_and_imported_once(registry, server, un_files, tmp_path):
    """A 500 is retried; the next answer is imported, once."""
    url = server.route("/un.xml", Reply(status=500, body=b"busy", content_type="text/plain"),
                       Reply(body=un_files[0]))

    report = update(registry, url, tmp_path, retries=1)

    assert ("imported", 1, 2, 1) == (report.results[0].status, report.exit_code, len(server.hits()),
                                     len(imports(registry)))


def test_redirect_is_followed(registry, server, un_files, tmp_path):
    """A redirect to the file is followed and the file imported."""
    server.route("/un.xml", Reply(body=un_files[0]))
    old = server.route("/old.xml", Reply(status=301, headers=(("Location", "/un.xml"),), content_type=None))

    report = update(registry, old, tmp_path)

    assert ("imported", 1) == (report.results[0].status, len(server.hits("/un.xml")))


def test_one_failed_source_does_not_stop_the_others(registry, server, un_files, tmp_path):
    """A source that fails is reported, the others are still imported, and the exit code is 2."""
    un = server.route("/un.xml", Reply(body=un_files[0]))
    ofac = server.route("/sdn.xml", Reply(status=503, body=b"down", content_type="text/plain"))

    report = registry.update(["ofac", "un"], source_urls={"un": un, "ofac": ofac}, archive=tmp_path / "archive",
                             timeout=0.5, retries=0)

    assert ([("ofac", "failed"), ("un", "imported")], 2) == (
        [(r.source, r.status) for r in report.results], report.exit_code)


# -- failures: a clear `failed`, exit 2, nothing written ----------------------------------


@ENGINE_FREE
def test_timeout_fails_naming_source_and_url(registry, server, dumped, un_files, tmp_path):
    """A server slower than the timeout gives `failed` naming the source and URL, exit 2, nothing written."""
    url = server.route("/un.xml", Reply(body=un_files[0], delay=3.0))
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, timeout=0.2, retries=1)
    result = report.results[0]

    assert ("failed", True, True, 2, 2, before, []) == (
        result.status, result.reason.startswith(f"un: {url}: "), "Timeout" in result.reason, report.exit_code,
        len(server.hits()), dumped(registry.store.engine), archived_files(tmp_path))


@ENGINE_FREE
def test_truncated_body_is_retried_then_fails(registry, server, dumped, un_files, tmp_path):
    """A body shorter than its Content-Length is retried, then fails with nothing written."""
    url = server.route("/un.xml", Reply(body=un_files[0], length=len(un_files[0]) + 1000))
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, retries=2)

    assert ("failed", True, 3, 2, before, []) == (
        report.results[0].status, "after 3 attempts" in report.results[0].reason, len(server.hits()),
        report.exit_code, dumped(registry.store.engine), archived_files(tmp_path))


@ENGINE_FREE
def test_html_page_fails_without_retry(registry, server, dumped, tmp_path):
    """An HTML page (an error or login page) instead of the list fails at once, nothing written."""
    url = server.route("/un.xml", Reply(body=b"<html><body>Please log in</body></html>", content_type="text/html"))
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, retries=2)

    assert ("failed", True, 1, 2, before) == (
        report.results[0].status, "text/html" in report.results[0].reason, len(server.hits()), report.exit_code,
        dumped(registry.store.engine))


@ENGINE_FREE
def test_client_error_fails_without_retry(registry, server, tmp_path):
    """A 404 fails at once, naming the status."""
    url = server.route("/un.xml", Reply(status=404, body=b"gone", content_type="text/plain"))

    report = update(registry, url, tmp_path, retries=2)

    assert ("failed", True, 1, 2) == (
        report.results[0].status, "HTTP 404" in report.results[0].reason, len(server.hits()), report.exit_code)


@ENGINE_FREE
def test_redirect_loop_fails(registry, server, dumped, tmp_path):
    """A redirect loop fails after the redirect limit, not retried, nothing written."""
    url = server.route("/loop.xml", Reply(status=302, headers=(("Location", "/loop.xml"),), content_type=None))
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, retries=2)

    assert ("failed", f"un: {url}: more than 5 redirects", 6, 2, before) == (
        report.results[0].status, report.results[0].reason, len(server.hits("/loop.xml")), report.exit_code,
        dumped(registry.store.engine))


@ENGINE_FREE
@pytest.mark.parametrize(("length", "why"), [(-1, "is over the limit of 1000"), (None, "more than 1000 bytes")],
                         ids=["declared", "undeclared"])
def test_too_large_body_fails(registry, server, dumped, un_files, tmp_path, length, why):  # noqa: PLR0917 - pytest fixtures
    """A body over `max_bytes` fails, declared or not, with nothing written."""
    url = server.route("/un.xml", Reply(body=un_files[0], length=length))
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, max_bytes=1000)

    assert ("failed", True, 1, 2, before, []) == (
        report.results[0].status, why in report.results[0].reason, len(server.hits()), report.exit_code,
        dumped(registry.store.engine), archived_files(tmp_path))


# -- options ------------------------------------------------------------------------


def test_offline_imports_from_a_folder(registry, store_url, un_files, tmp_path):
    """`--offline DIR` imports `un-consolidated.xml` from the folder (exit 1), then finds it unchanged (exit 0)."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "un-consolidated.xml").write_bytes(un_files[0])
    argv = ["update", "un", "--offline", str(mirror), "--archive", str(tmp_path / "archive"), "--url", store_url]

    first = main(argv)
    second = main(argv)

    assert (1, 0, [(mirror.joinpath("un-consolidated.xml").as_uri(), sha(un_files[0]))]) == (
        first, second, imports(registry))


def test_if_older_than_skips_a_source_checked_moments_ago(registry, store_url, server, un_files, tmp_path, capsys):
    """`--if-older-than 1d` skips a source checked moments ago: no request, exit 0."""
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'))
    cli(store_url, url, tmp_path)
    capsys.readouterr()

    code = cli(store_url, url, tmp_path, "--if-older-than", "1d")

    assert (0, True, 1) == (code, capsys.readouterr().out.startswith("un: skipped (checked at "),
                            len(server.hits()))


def test_archive_keeps_the_file_under_its_hash_and_logs_the_fetch(registry, server, un_files, tmp_path):
    """The archive keeps the body under its SHA-256 and logs the URL, the HTTP date and the size."""
    url = server.route("/un.xml", Reply(body=un_files[0], last_modified=LAST_MODIFIED))

    update(registry, url, tmp_path)
    digest = sha(un_files[0])
    kept = tmp_path / "archive" / digest[:2] / f"{digest}.xml"
    log = [json.loads(line) for line in (tmp_path / "archive" / "un.jsonl").read_text().splitlines()]

    assert (un_files[0], [(url, "2020-01-15T10:00:00+00:00", len(un_files[0]), digest)]) == (
        kept.read_bytes(), [(e["url"], e["http_date"], e["size"], e["sha256"]) for e in log])


def test_keep_1_prunes_older_files(registry, store_url, server, un_files, tmp_path):
    """`--keep 1` leaves only the newest file of the source in the archive (the log keeps every fetch)."""
    url = server.route("/un.xml", Reply(body=un_files[0], last_modified=LAST_MODIFIED),
                       Reply(body=un_files[1], last_modified=LATER))
    cli(store_url, url, tmp_path)

    code = cli(store_url, url, tmp_path, "--keep", "1")
    newest = sha(un_files[1])

    assert (1, [f"{newest[:2]}/{newest}.xml", "state.json", "un.jsonl"], 2) == (
        code, archived_files(tmp_path), len((tmp_path / "archive" / "un.jsonl").read_text().splitlines()))


def test_keep_never_prunes_the_file_last_imported(registry, server, un_files, tmp_path):
    """Pruning with `keep=1` after a fetched file failed to import keeps the file last imported."""
    broken = un_files[1][: len(un_files[1]) // 2]
    url = server.route("/un.xml", Reply(body=un_files[0]), Reply(body=broken))
    update(registry, url, tmp_path, keep=1)

    report = update(registry, url, tmp_path, keep=1)
    digest = sha(un_files[0])

    assert ("failed", True) == (report.results[0].status,
                                (tmp_path / "archive" / digest[:2] / f"{digest}.xml").exists())


def test_failed_import_is_not_remembered_when_another_source_succeeds(registry, server, un_files, tmp_path):
    """A publication that failed to import is asked for again without its ETag, even when another source succeeded."""
    broken = un_files[1][: len(un_files[1]) // 2]
    un = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'), Reply(body=broken, etag='"v2"'))
    ofac = server.route("/sdn.xml", Reply(body=(FIXTURES.parent / "ofac-xml" / "sdn_2020-01-10.xml").read_bytes(),
                                          etag='"o1"'))
    options = {"source_urls": {"un": un, "ofac": ofac}, "archive": tmp_path / "archive", "timeout": 0.5,
               "retries": 0}
    registry.update(["un", "ofac"], **options)
    registry.update(["un", "ofac"], **options)

    third = registry.update(["un", "ofac"], **options)

    assert ('"v1"', [("un", "failed"), ("ofac", "unchanged")], 2) == (
        server.hits("/un.xml")[-1].headers.get("if-none-match"),
        [(r.source, r.status) for r in third.results], third.exit_code)


def test_archive_shared_by_two_stores_imports_the_kept_copy(registry, store_url_factory, server, un_files, tmp_path):
    """A second store updating from the same archive gets 304 and imports the archived copy."""
    import designations  # noqa: PLC0415

    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'))
    update(registry, url, tmp_path)
    other = designations.open(store_url_factory(), seeds=False)
    try:
        report = update(other, url, tmp_path)
        batches = imports(other)
    finally:
        other.close()

    assert ("imported", '"v1"', [(url, sha(un_files[0]))]) == (
        report.results[0].status, server.hits()[-1].headers.get("if-none-match"), batches)


def test_failed_check_is_not_skipped_by_if_older_than(registry, server, un_files, tmp_path):
    """A source whose last check failed is not `skipped` by `if_older_than`: it is asked again."""
    url = server.route("/un.xml", Reply(status=500, body=b"busy", content_type="text/plain"), Reply(body=un_files[0]))
    update(registry, url, tmp_path, retries=0)

    report = update(registry, url, tmp_path, retries=0, if_older_than=dt.timedelta(days=1))

    assert ("imported", 2) == (report.results[0].status, len(server.hits()))


@ENGINE_FREE
@pytest.mark.parametrize("option", ["un=ftp://example.org/un.xml", "xx=http://127.0.0.1/un.xml", "un"],
                         ids=["not-http", "unknown-source", "no-url"])
def test_bad_source_url_exits_2(registry, store_url, tmp_path, capsys, option):
    """A `--source-url` that is not SOURCE=http(s)-URL of a known source exits 2 with one error line."""
    code = main(["update", "--source-url", option, "--archive", str(tmp_path / "archive"), "--url", store_url])
    err = capsys.readouterr().err

    assert (2, True, 1) == (code, err.startswith("designations: error: "), len(err.splitlines()))


# -- nothing half-written --------------------------------------------------------------


@ENGINE_FREE
def test_server_stopping_mid_body_leaves_the_store_as_it_was(registry, server, dumped, un_files, tmp_path):
    """A connection cut mid-body fails the update and leaves the store exactly as it was."""
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'),
                       Reply(body=un_files[1], etag='"v2"', cut_after=len(un_files[1]) // 2))
    update(registry, url, tmp_path)
    before = dumped(registry.store.engine)

    report = update(registry, url, tmp_path, retries=1)

    assert ("failed", 2, before, 3) == (
        report.results[0].status, report.exit_code, dumped(registry.store.engine), len(server.hits()))


def test_malformed_publication_leaves_the_store_as_it_was(registry, server, dumped, un_files, tmp_path):
    """A complete download that is not a valid publication fails its import and leaves the store as it was."""
    broken = un_files[1][: len(un_files[1]) // 2]
    url = server.route("/un.xml", Reply(body=un_files[0], etag='"v1"'), Reply(body=broken, etag='"v2"'),
                       Reply(body=un_files[1], etag='"v3"'))
    update(registry, url, tmp_path)
    before = dumped(registry.store.engine)

    failed = update(registry, url, tmp_path)
    after = dumped(registry.store.engine)
    retried = update(registry, url, tmp_path)

    assert ("failed", 2, before, '"v1"', "imported") == (
        failed.results[0].status, failed.exit_code, after, server.hits()[-1].headers.get("if-none-match"),
        retried.results[0].status)


def test_import_records_the_url_in_the_batch(registry, server, un_files, tmp_path):
    """The import batch records the URL the file came from as its `source_path`, with the file's hash."""
    url = server.route("/un.xml", Reply(body=un_files[0]))

    update(registry, url, tmp_path)

    assert [(url, sha(un_files[0]))] == imports(registry)


# -- the real publications ------------------------------------------------------------


@pytest.mark.shared_data
def test_real_un_publications(registry, server, shared_un, tmp_path):
    """The real UN files of 2018-08-24 then 2018-10-29, served in turn, import with their changes."""
    url = server.route("/un.xml",
                       Reply(body=(shared_un / "consolidated_2018-08-24.xml").read_bytes(), content_type=XML),
                       Reply(body=(shared_un / "consolidated_2018-10-29.xml").read_bytes(), content_type=XML))

    first = update(registry, url, tmp_path, timeout=5)
    second = update(registry, url, tmp_path, timeout=5)

    assert [("imported", "2018-08-24", 1098, 0, 0), ("imported", "2018-10-29", 3, 8, 5)] == [
        (r.status, r.published, r.listed, r.removed, r.amended) for r in (first.results[0], second.results[0])]
