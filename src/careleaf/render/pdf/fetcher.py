"""The gate to every resource a leaflet's HTML or CSS asks for."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 8 * 1024 * 1024


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]
    """A template or stylesheet asked for something outside the project."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"refused to load '{url}': {reason}")
        self.url = url
        self.reason = reason


class ProjectFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``data:`` URLs and files under the allowed folders; refuses everything else."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, timeout=1, allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedResource(url, "only files inside templates/ and styles/ may be used")
        path = Path(unquote(urlsplit(url).path))
        try:
            real = path.resolve(strict=True)  # follows symlinks and '..'
        except (OSError, RuntimeError):
            raise RefusedResource(url, "no such file") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise RefusedResource(url, "it is outside the project's templates/ and styles/")
        if not real.is_file():
            raise RefusedResource(url, "it is not a regular file")
        if real.stat().st_size > MAX_RESOURCE_BYTES:
            raise RefusedResource(url, f"it is larger than {MAX_RESOURCE_BYTES:,} bytes")
        mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(real.as_uri(), real.read_bytes(), {"Content-Type": mime})
