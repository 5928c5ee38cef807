"""
HTTP done properly for one official file: TLS verified, timeouts, bounded retries, conditional requests.

A request carries the ETag and Last-Modified of the last copy seen, so an
unchanged list costs one request answered 304. Connection errors, timeouts,
5xx answers and truncated bodies are retried a bounded number of times with
exponential backoff; 4xx answers, HTML error pages, bodies over the size
limit and redirect loops are errors at once. The body streams to a file, with
a progress bar on a terminal, and its SHA-256 is computed as it arrives.
"""

from __future__ import annotations

import email.utils
import hashlib
import pathlib
import sys
import time
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pendulum

from designations.errors import FetchError
from designations.updates.sources import UpdateSource

__all__ = ["Fetched", "Limits", "client", "fetch"]


@attrs.frozen(kw_only=True)
class Limits:
    """How long to wait, how often to retry, how much to accept."""

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 1 << 30
    max_redirects: int = 5


@attrs.frozen(kw_only=True)
class Fetched:
    """What one request brought: `unchanged` (304), or a body kept in `path` with its hash and headers."""

    status: str
    url: str
    path: pathlib.Path | None = None
    sha256: str = ""
    size: int = 0
    etag: str = ""
    last_modified: str = ""
    http_date: pendulum.DateTime | None = None


class _Retryable(Exception):  # noqa: N818 - internal signal, never raised to callers
    """A failure worth another try (5xx, a cut connection, a short body)."""


def client(limits: Limits) -> httpx.Client:
    """An HTTP client with verified TLS, the limits' timeout and redirect bound, and a User-Agent."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        agent = f"designations/{version('designations')}"
    except PackageNotFoundError:  # a source tree
        agent = "designations"
    return httpx.Client(timeout=httpx.Timeout(limits.timeout), follow_redirects=True,
                        max_redirects=limits.max_redirects, verify=True, headers={"User-Agent": agent})


def _http_date(text: str | None) -> pendulum.DateTime | None:
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return pendulum.instance(parsed).in_timezone("UTC")


def fetch(
    http: httpx.Client, source: UpdateSource, target: pathlib.Path, *, etag: str = "", last_modified: str = "",
    limits: Limits | None = None, progress: bool | None = None,
    sleep: Callable[[float], None] = time.sleep, html_ok: bool = False,
) -> Fetched:
    """
    GET `source.url` into `target`, conditionally on what was seen last.

    Raises:
        FetchError: the source could not be fetched (names the source, the URL and why).

    """
    limits = limits or Limits()
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    last_error = ""
    for attempt in range(limits.retries + 1):
        if attempt:
            sleep(limits.backoff * 2 ** (attempt - 1))
        try:
            return _once(http, source, target, headers, limits, progress, html_ok=html_ok)
        except _Retryable as exc:
            last_error = str(exc)
        except httpx.TooManyRedirects as exc:
            raise FetchError(source.name, source.url, f"more than {limits.max_redirects} redirects") from exc
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    raise FetchError(source.name, source.url, f"{last_error} (after {limits.retries + 1} attempts)")


def _once(http: httpx.Client, source: UpdateSource, target: pathlib.Path, headers: dict[str, str],
          limits: Limits, progress: bool | None, *, html_ok: bool = False) -> Fetched:
    with http.stream("GET", source.url, headers=headers) as response:
        final = str(response.url)
        if response.status_code == 304:  # noqa: PLR2004 - Not Modified
            return Fetched(status="unchanged", url=final, etag=headers.get("If-None-Match", ""),
                           last_modified=headers.get("If-Modified-Since", ""),
                           http_date=_http_date(response.headers.get("date")))
        if response.status_code >= 500:  # noqa: PLR2004
            raise _Retryable(f"HTTP {response.status_code}")
        if response.status_code >= 400:  # noqa: PLR2004
            raise FetchError(source.name, source.url, f"HTTP {response.status_code} {response.reason_phrase}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("text/html", "application/xhtml+xml") and not html_ok:
            raise FetchError(source.name, source.url, f"served {kind}, not the list (an error or login page?)")
        declared = int(response.headers.get("content-length") or 0)
        if declared > limits.max_bytes:
            raise FetchError(source.name, source.url, f"{declared} bytes is over the limit of {limits.max_bytes}")
        digest, size = hashlib.sha256(), 0
        bar = _bar(progress, declared, source.name)
        try:
            with target.open("wb") as out:
                for chunk in response.iter_bytes(1 << 16):
                    size += len(chunk)
                    if size > limits.max_bytes:
                        raise FetchError(source.name, source.url, f"more than {limits.max_bytes} bytes")
                    digest.update(chunk)
                    out.write(chunk)
                    if bar is not None:
                        bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
        if declared and size != declared:
            raise _Retryable(f"body cut short: {size} of {declared} bytes")
        if size == 0:
            raise FetchError(source.name, source.url, "empty body")
        return Fetched(status="fetched", url=final, path=target, sha256=digest.hexdigest(), size=size,
                       etag=response.headers.get("etag", ""), last_modified=response.headers.get("last-modified", ""),
                       http_date=_http_date(response.headers.get("last-modified") or response.headers.get("date")))


def _bar(progress: bool | None, total: int, name: str) -> Any | None:  # noqa: ANN401 - a tqdm bar
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return None
    from tqdm import tqdm  # noqa: PLC0415

    return tqdm(total=total or None, unit="B", unit_scale=True, desc=name, file=sys.stderr, leave=False)
