"""One URL -> the bytes of what it serves, fetched with care.

Only http and https; a bounded time (``timeout_seconds`` for the whole fetch), size
(``max_page_bytes``, checked against Content-Length and again while reading) and number of
redirects, each redirect target checked like the first URL. Hosts resolving to private,
loopback, link-local or otherwise reserved addresses are refused unless they lie in one of
``allowed_networks`` (tests allow ``127.0.0.1/32`` that way); the check is made again on the
addresses actually connected to, so a name cannot change its answer in between.
Every failure is a ``FetchError`` whose text is one sentence naming the URL.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from multidict import CIMultiDict
from yarl import URL

from index.config import SourcesConfig
from index.errors import ArticlebotError
from index.sources.addresses import Networks, may_fetch_from, networks

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536


class FetchError(ArticlebotError):
    """A URL could not be fetched; ``permanent`` is False for failures worth retrying later."""

    def __init__(self, message: str, *, permanent: bool = True) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a URL served: its final address after redirects, status, headers and body."""

    url: str
    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class _CheckedResolver(AbstractResolver):
    """Resolves like aiohttp's default, dropping addresses that may not be fetched from."""

    def __init__(self, allowed: Networks) -> None:
        self._inner = DefaultResolver()
        self._allowed = allowed

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
                      ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        kept = [entry for entry in found if may_fetch_from(entry["host"], self._allowed)]
        if not kept:
            raise OSError(f"{host} resolves only to private or local addresses")
        return kept

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """Fetches URLs under the limits of a ``SourcesConfig``; use as an async context manager."""

    def __init__(self, config: SourcesConfig) -> None:
        self.config = config
        self.allowed = networks(config.allowed_networks)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(resolver=_CheckedResolver(self.allowed))
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": self.config.user_agent},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.config.timeout_seconds),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """Fetch ``url`` (following redirects); raises ``FetchError`` with one sentence."""
        try:
            async with asyncio.timeout(self.config.timeout_seconds):
                return await self._follow(url, dict(headers or {}))
        except TimeoutError:
            raise FetchError(f"{url} timed out: no complete answer within {self.config.timeout_seconds:g} seconds",
                             permanent=False) from None

    async def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        """GET ``url``, following at most ``max_redirects`` redirects, each checked."""
        seen: set[str] = set()
        current = url
        for _ in range(self.config.max_redirects + 1):
            target = await self._checked(current, original=url)
            seen.add(str(target))
            fetched = await self._get_once(target, headers, original=url)
            location = fetched.headers.get("Location")
            if fetched.status not in _REDIRECTS or not location:
                return fetched
            current = str(target.join(URL(location)))
            if current in seen:
                raise FetchError(f"{url} redirects in a loop (back to {current})")
        raise FetchError(f"{url} redirects more than {self.config.max_redirects} times (sources.max_redirects)")

    async def _checked(self, url: str, *, original: str) -> URL:
        """``url`` parsed, when its scheme and host's addresses may be fetched."""
        problem = web_url_problem(url)
        if problem:
            via = "" if url == original else f" (it redirects to {url})"
            raise FetchError(problem.replace(url, original + via, 1).rstrip("."))
        parsed = URL(url)
        await self._refuse_private(parsed, original)
        return parsed

    async def _refuse_private(self, url: URL, original: str) -> None:
        """Raise ``FetchError`` when ``url``'s host resolves to a non-public address."""
        host = url.host or ""
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, url.port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise FetchError(f"{original}: the host {host} was not found (DNS)", permanent=False) from None
        if not all(may_fetch_from(str(info[4][0]), self.allowed) for info in infos):
            via = "" if str(url) == original else f" (it redirects to {url})"
            raise FetchError(f"{original} points to a private or local address ({host}){via}; "
                             "only public addresses and sources.allowed_networks are fetched")

    async def _get_once(self, url: URL, headers: dict[str, str], *, original: str) -> Fetched:
        """One GET without following redirects; the body read up to the size limit."""
        assert self._session is not None, "use Fetcher as an async context manager"
        try:
            async with self._session.get(url, headers=headers, allow_redirects=False) as response:
                if response.status in _REDIRECTS or response.status == 304:
                    return Fetched(str(url), response.status, "", b"", _headers(response))
                if response.status >= 400:
                    raise FetchError(_status_sentence(original, response.status, response.reason),
                                     permanent=response.status < 500 and response.status != 429)
                body = await self._read_limited(response, original)
                return Fetched(str(url), response.status, response.content_type, body, _headers(response))
        except aiohttp.ClientConnectorError as error:
            raise FetchError(f"{original} could not be reached ({error.os_error.strerror or error.os_error})",
                             permanent=False) from None
        except (aiohttp.ClientPayloadError, aiohttp.ClientResponseError, aiohttp.ServerDisconnectedError) as error:
            raise FetchError(f"{original} broke off while being read ({type(error).__name__})",
                             permanent=False) from None

    async def _read_limited(self, response: aiohttp.ClientResponse, original: str) -> bytes:
        """The body, or ``FetchError`` as soon as it is known to exceed ``max_page_bytes``."""
        limit = self.config.max_page_bytes
        if response.content_length is not None and response.content_length > limit:
            raise FetchError(_too_large(original, response.content_length, limit))
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(_too_large(original, None, limit))
            chunks.append(chunk)
        return b"".join(chunks)


def web_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched at all (one sentence), or None for an http(s) URL with a host."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        return f"{url} is not a valid URL."
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return f"{url} is not an http or https URL; only web pages can be fetched."
    return None


def _headers(response: aiohttp.ClientResponse) -> CIMultiDict[str]:
    """The response headers, looked up without regard to case (``ETag`` or ``Etag``)."""
    return CIMultiDict(response.headers)


def _too_large(url: str, size: int | None, limit: int) -> str:
    """The sentence for a page over the size limit."""
    said = f" ({size / 1e6:.1f} MB)" if size is not None else ""
    return f"{url} is too large{said}: pages over {limit / 1e6:.1f} MB are not fetched (sources.max_page_bytes)"


def _status_sentence(url: str, status: int, reason: Any) -> str:
    """The sentence for an HTTP error status."""
    if status == 404:
        return f"{url} was not found (HTTP 404): the page does not exist or has moved"
    if status in (401, 403):
        return f"{url} refused access (HTTP {status}): the page needs a login or blocks bots"
    return f"{url} answered HTTP {status} {reason or ''}".rstrip() + " instead of the page"
