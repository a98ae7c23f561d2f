"""Download a thread's images (and videos) next to the output, a few at a time, safely.

Only `image/*` and `video/*` answers are kept, each under a size cap, under a file name built from
the URL's last path segment by the project's one file-name rule (`filenames.py`: no path tricks).
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError, OutputError
from ..filenames import safe_file_name
from ..output import atomic_file
from .http import send_under
from .retry import RetryPolicy

MAX_BYTES = 20 * 1024 * 1024
CONCURRENCY = 4
# The one retry policy (retry.py); the library passes the user's (--no-wait, --max-wait). When
# it gives up, the article keeps the remote URL, with a warning.
MEDIA_POLICY = RetryPolicy()
# Room for the `-<hash>` below within the rule's usual 120 characters.
NAME_LENGTH = 100
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "video/mp4": ".mp4",
}


def download_file_name(url: str, content_type: str = "") -> str:
    """A file name for `url` that cannot escape the media folder and does not collide: the URL's
    last path segment made safe (`filenames.safe_file_name`), an extension, a hash of the URL."""
    parts = urlsplit(url)
    base = safe_file_name(parts.path, limit=NAME_LENGTH)
    extension = Path(base).suffix
    if extension:
        base = base[: -len(extension)]
    else:
        # X serves `...?format=jpg&name=large`: the extension lives in the query.
        fmt = re.search(r"(?:^|&)format=([a-z0-9]{2,5})", parts.query)
        extension = (
            "." + fmt.group(1) if fmt else _EXTENSIONS.get(content_type.split(";")[0].strip(), "")
        )
    # A short hash of the whole URL keeps two `photo.jpg` from different posts apart.
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    ext = extension.lower()
    return f"{base}-{digest}{ext}"


def download_media(
    urls: list[str],
    out_dir: str | Path,
    client: httpx.Client,
    *,
    max_bytes: int = MAX_BYTES,
    concurrency: int = CONCURRENCY,
    warnings: list[str] | None = None,
    policy: RetryPolicy = MEDIA_POLICY,
) -> dict[str, str]:
    """Download each URL into `out_dir`; return {url: path relative to out_dir's parent}, i.e.
    `"<out_dir name>/<file>"`, ready for an article written next to `out_dir`.

    A failed or refused download is appended to `warnings`, never raised: the article keeps the
    remote URL for that media.
    """
    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # A folder we cannot make is the output's fault, not the network's (exit 4, not 5).
        raise OutputError(
            f"cannot create the media folder: {exc.strerror}", source=str(target)
        ) from None
    unique = [url for url in dict.fromkeys(urls) if url.startswith(("https://", "http://"))]

    def one(url: str) -> tuple[str, str | None, str | None]:
        try:
            return url, _download_one(url, target, client, max_bytes, policy), None
        except _Skip as reason:
            return url, None, f"media {url} was not downloaded: {reason}"

    saved: dict[str, str] = {}
    if warnings is None:
        warnings = []
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        for url, name, warning in pool.map(one, unique):
            if name:
                saved[url] = f"{target.name}/{name}"
            if warning:
                warnings.append(warning)
    return saved


class _Skip(Exception):
    pass


def _download_one(
    url: str, target: Path, client: httpx.Client, max_bytes: int, policy: RetryPolicy
) -> str:
    try:
        request = client.build_request("GET", url)
        response = send_under(policy, client, request, what=f"media {url}", stream=True)
    except FetchError as error:  # the policy gave up (time-outs, 5xx, a rate limit too long)
        raise _Skip(error.detail) from None
    except httpx.InvalidURL:
        raise _Skip("not a valid URL") from None
    try:
        if response.status_code != 200:
            raise _Skip(f"HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content_type.startswith(("image/", "video/")):
            raise _Skip(f"not an image or video ({content_type or 'no content type'})")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise _Skip(f"larger than {max_bytes // (1024 * 1024)} MiB")
        name = download_file_name(url, content_type)
        path = target / name
        size = 0
        with atomic_file(path) as handle:  # a download cut short leaves nothing behind
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _Skip(f"larger than {max_bytes // (1024 * 1024)} MiB")
                handle.write(chunk)
        return name
    except httpx.TimeoutException:
        raise _Skip("timed out") from None
    except httpx.TransportError as exc:
        raise _Skip(f"network error ({type(exc).__name__})") from None
    except OSError as exc:
        raise _Skip(f"cannot write the file ({exc.strerror})") from None
    finally:
        response.close()
