"""`thread2article serve`: a local review page for a thread's reassembly.

Open a thread (a post URL or id, or an uploaded file), see every boundary between posts with the
decision taken there and why, change it with a click, edit the title, restore a removed marker,
and take the article away (Markdown, HTML, JSON) with the decisions file that makes
`convert --decisions FILE` reproduce it. See app.py for the safety rules.
"""

from __future__ import annotations

import threading
import time
import webbrowser

from ..errors import InputError
from .app import DEFAULT_MAX_UPLOAD, create_app
from .opening import Opened, threads_of

HOST = "127.0.0.1"


def open_sources(paths: list[str]) -> list[Opened]:
    """Sources named on the command line (the user names them, never the browser)."""
    from ..sources.detect import load

    return [threads_of(load(path), path) for path in paths]


def serve(
    *,
    port: int = 8765,
    open_browser: bool = False,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    sources: list[str] | None = None,
    announce=print,
) -> None:
    """Serve the review page on 127.0.0.1:`port` until interrupted."""
    import socket

    import uvicorn

    opened = open_sources(sources or [])
    # Bind first, so a busy port is one clear line instead of a server's traceback.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError as error:
        sock.close()
        raise InputError(
            f"cannot listen on {HOST}:{port} ({error.strerror}); choose another with --port"
        ) from None
    port = sock.getsockname()[1]
    url = f"http://{HOST}:{port}/"
    app = create_app(max_upload=max_upload, opened=opened)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    announce(f"Serving the review page on {url} (press Ctrl+C to stop)")
    pages = [url + page.lstrip("/") for page in app.state.opened_pages]
    for source, page in zip(opened, pages, strict=True):
        count = len(source.threads)
        announce(f"{source.label}: {count} thread{'' if count == 1 else 's'} at {page}")
    if open_browser:
        first = pages[0] if pages else url

        def open_when_started() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(first)
                    return
                time.sleep(0.05)

        threading.Thread(target=open_when_started, daemon=True).start()
    server.run(sockets=[sock])


__all__ = ["HOST", "create_app", "serve"]
