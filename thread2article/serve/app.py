"""The review page as a Starlette application: routes, the per-session token, the security headers.

Safety rules, each enforced here:
- Only the hosts the server listens on are answered (a DNS-rebinding page gets a 400).
- Every request that changes state carries the session token (a form field or the
  `X-T2A-Token` header) and, when the browser says where it comes from (`Origin`,
  `Sec-Fetch-Site`), comes from this origin.
- Every page carries a Content-Security-Policy: scripts only from this server's static files
  (no inline script can run), the article preview none at all.
- Sources are held in memory under random ids; nothing is written to disk, and the browser never
  names a path of this machine (a file is uploaded, a post is named by its URL or id).
"""

from __future__ import annotations

import html
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import InputError, ThreadToArticleError
from ..sources.detect import read_values
from ..threads import summarize
from ..writers.html import environment as writer_environment
from .opening import (
    Fetched,
    Fetcher,
    Opened,
    fetch_live,
    is_post_reference,
    read_upload_bytes,
    threads_of,
)
from .review import CYCLE, EXPORTS, LABELS, SYMBOLS, Review, environment
from .upload import UploadTooLarge, read_upload

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_UPLOAD = 256 * 1024**2
# Sources kept in memory at once; the oldest is dropped first.
MAX_SOURCES = 12
# Threads listed at once on a source's page; a search narrows the rest.
LIST_LIMIT = 300
TOKEN_HEADER = "x-t2a-token"

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; "
    "media-src https: http:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
# The published page as the writer makes it: no script at all, and sandboxed.
PREVIEW_CSP = (
    "default-src 'none'; img-src https: http: data:; media-src https: http:; "
    "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
)


@dataclass
class Session:
    opened: Opened
    reviews: dict[str, Review] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def review(self, root_id: str) -> Review | None:
        with self.lock:
            review = self.reviews.get(root_id)
            if review is None:
                thread = next((t for t in self.opened.threads if t.root.id == root_id), None)
                if thread is None:
                    return None
                review = self.reviews[root_id] = Review(thread, self.opened.label)
            return review


class Workspace:
    """The sources opened in this server, in memory, by random id."""

    def __init__(self, limit: int = MAX_SOURCES) -> None:
        self.limit = limit
        self.sessions: OrderedDict[str, Session] = OrderedDict()
        self.lock = threading.Lock()

    def add(self, opened: Opened) -> str:
        sid = secrets.token_urlsafe(12)
        with self.lock:
            self.sessions[sid] = Session(opened)
            while len(self.sessions) > self.limit:
                self.sessions.popitem(last=False)
        return sid

    def get(self, sid: str) -> Session | None:
        with self.lock:
            session = self.sessions.get(sid)
            if session is not None:
                self.sessions.move_to_end(sid)
            return session

    def listing(self) -> list[tuple[str, Opened]]:
        with self.lock:
            return [(sid, session.opened) for sid, session in reversed(self.sessions.items())]


class SecurityHeaders:
    """Headers on every response, and the same-origin check on every state-changing request
    before its body is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(request):
            response = PlainTextResponse(
                "refused: this request does not come from the review page", status_code=403
            )
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                for name, value in (
                    (b"content-security-policy", PAGE_CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"cache-control", b"no-store"),
                ):
                    if name not in present:
                        headers.append((name, value))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def same_origin(request: Request) -> bool:
    """The browser's own word on where a request comes from, when it gives it. (The pages send
    their referrer to this origin only: under `no-referrer` a browser sends `Origin: null`.)"""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        return origin == f"{request.url.scheme}://{host}"
    return True


def _render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status_code)


def create_app(
    *,
    fetcher: Fetcher = fetch_live,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1"),
    token: str | None = None,
    opened: list[Opened] | None = None,
) -> Starlette:
    """The review application. `fetcher` turns a post URL or id into saved responses (the live
    fetch by default; tests pass a fake); `opened` are sources given on the command line."""
    token = token or secrets.token_urlsafe(32)
    workspace = Workspace()
    # Sources named on the command line, with the page that shows each.
    opened_pages = [f"/s/{workspace.add(source)}" for source in opened or ()]

    def has_token(request: Request, form_value: str | None = None) -> bool:
        given = form_value if form_value is not None else request.headers.get(TOKEN_HEADER, "")
        return secrets.compare_digest(given.encode(), token.encode())

    def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return _render(name, status_code, token=token, **context)

    def home_with_error(message: str, status_code: int) -> HTMLResponse:
        return page(
            "home.html.j2",
            status_code,
            error=message,
            opened=workspace.listing(),
            max_upload=max_upload,
        )

    def opened_response(opened_source: Opened) -> Response:
        sid = workspace.add(opened_source)
        threads = opened_source.threads
        focus = opened_source.focus
        target = next((t for t in threads if focus and focus in t.post_ids), None)
        if target is None and len(threads) == 1:
            target = threads[0]
        if target is not None:
            return RedirectResponse(f"/s/{sid}/t/{quote(target.root.id)}", status_code=303)
        return RedirectResponse(f"/s/{sid}", status_code=303)

    async def home(request: Request) -> Response:
        return page("home.html.j2", opened=workspace.listing(), error="", max_upload=max_upload)

    async def open_reference(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=4, max_part_size=16 * 1024)
        value = form.get("token")
        if not has_token(request, value if isinstance(value, str) else ""):
            return home_with_error("The page has expired: reload it and try again.", 403)
        source = form.get("source")
        source = source.strip() if isinstance(source, str) else ""
        if not source:
            return home_with_error("Paste the URL or the id of a post of the thread.", 400)
        if not is_post_reference(source):
            return home_with_error(
                "That is not a post URL or id. To open a file, choose it under “A file”.", 400
            )
        try:
            opened_source = await run_in_threadpool(_open_live, fetcher, source)
        except ThreadToArticleError as error:
            return home_with_error(str(error), 400 if isinstance(error, InputError) else 502)
        return opened_response(opened_source)

    async def upload(request: Request) -> Response:
        try:
            received = await read_upload(request, max_upload)
        except UploadTooLarge as error:
            return home_with_error(str(error), 413)
        except InputError as error:
            return home_with_error(str(error), 400)
        if not has_token(request, received.fields.get("token", "")):
            return home_with_error("The page has expired: reload it and try again.", 403)
        if not received.filename:
            return home_with_error("Choose a file to open.", 400)
        try:
            opened_source = await run_in_threadpool(_open_upload, received.data, received.filename)
        except ThreadToArticleError as error:
            return home_with_error(str(error), 400)
        return opened_response(opened_source)

    def session_or_404(request: Request) -> Session:
        session = workspace.get(request.path_params["sid"])
        if session is None:
            raise _NotFound(
                "This source is no longer open (the server keeps the latest few, and forgets them when it stops). Open it again."
            )
        return session

    def review_or_404(request: Request) -> Review:
        review = session_or_404(request).review(request.path_params["tid"])
        if review is None:
            raise _NotFound("The source holds no such thread.")
        return review

    async def thread_list(request: Request) -> Response:
        session = session_or_404(request)
        threads = session.opened.threads
        if len(threads) == 1 and not request.query_params:
            sid = request.path_params["sid"]
            return RedirectResponse(f"/s/{sid}/t/{quote(threads[0].root.id)}", status_code=303)
        query = request.query_params.get("q", "").strip()[:200]
        rows, total = await run_in_threadpool(_list_threads, session.opened, query)
        context = {
            "sid": request.path_params["sid"],
            "opened": session.opened,
            "rows": rows,
            "total": total,
            "query": query,
            "limit": LIST_LIMIT,
        }
        if request.query_params.get("partial") == "1":
            return page("_thread_rows.html.j2", **context)
        return page("threads.html.j2", **context)

    async def review_page(request: Request) -> Response:
        review = review_or_404(request)
        try:
            view = await run_in_threadpool(_view, review)
        except ThreadToArticleError as error:
            return page("message.html.j2", 400, message=str(error))
        return page(
            "review.html.j2",
            sid=request.path_params["sid"],
            review=review,
            view=view,
            labels=LABELS,
            symbols=SYMBOLS,
            cycle=CYCLE,
            several=len(session_or_404(request).opened.threads) > 1,
            source_warnings=session_or_404(request).opened.warnings,
        )

    def state_json(review: Review, view: dict) -> JSONResponse:
        templates = environment()
        return JSONResponse(
            {
                "title": view["title"],
                "article": str(view["html"]),
                "state": templates.get_template("_state.html.j2").render(view=view),
                "boundaries": [
                    {key: b[key] for key in ("after", "decision", "rule_decision", "changed")}
                    for b in view["boundaries"]
                ],
            }
        )

    async def change(request: Request) -> Response:
        if not has_token(request):
            return JSONResponse({"error": "The page has expired: reload it."}, status_code=403)
        review = review_or_404(request)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "the request is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "the request must be a JSON object"}, status_code=400)
        action = request.path_params["action"]
        try:
            view = await run_in_threadpool(_apply, review, action, body)
        except (LookupError, ValueError, TypeError, ThreadToArticleError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return state_json(review, view)

    async def state(request: Request) -> Response:
        review = review_or_404(request)
        return state_json(review, await run_in_threadpool(_view, review))

    async def export(request: Request) -> Response:
        review = review_or_404(request)
        kind = request.path_params["kind"]
        if kind not in EXPORTS:
            raise _NotFound(f"No such export; one of {', '.join(EXPORTS)}.")
        result = await run_in_threadpool(_export, review, kind)
        if request.query_params.get("download") == "1":
            return Response(
                result.text,
                media_type=result.media_type,
                headers={"content-disposition": f'attachment; filename="{result.filename}"'},
            )
        # To copy: the text itself, never interpreted by the browser.
        return PlainTextResponse(result.text)

    async def preview(request: Request) -> Response:
        review = review_or_404(request)
        result = await run_in_threadpool(_export, review, "html")
        return HTMLResponse(result.text, headers={"content-security-policy": PREVIEW_CSP})

    async def article_css(request: Request) -> Response:
        css = writer_environment().get_template("_style.css.j2").render()
        return Response(css, media_type="text/css")

    async def favicon(request: Request) -> Response:
        return Response((STATIC / "icon.svg").read_bytes(), media_type="image/svg+xml")

    async def not_found(request: Request, error: Exception) -> Response:
        message = error.message if isinstance(error, _NotFound) else "There is no such page."
        return page("message.html.j2", 404, message=message)

    async def server_error(request: Request, error: Exception) -> Response:
        # One line, as the CLI says it; never a traceback or a path in the page.
        return page(
            "message.html.j2",
            500,
            message=f"Internal error ({type(error).__name__}); please report it with the input that caused it.",
        )

    routes = [
        Route("/", home),
        Route("/open", open_reference, methods=["POST"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/s/{sid}", thread_list),
        Route("/s/{sid}/t/{tid}", review_page),
        Route("/s/{sid}/t/{tid}/state", state),
        Route("/s/{sid}/t/{tid}/preview", preview),
        Route("/s/{sid}/t/{tid}/export/{kind}", export),
        Route("/s/{sid}/t/{tid}/{action:str}", change, methods=["POST"]),
        Route("/static/article.css", article_css),
        Route("/favicon.ico", favicon),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)),
            Middleware(SecurityHeaders),
        ],
        exception_handlers={404: not_found, _NotFound: not_found, 500: server_error},
    )
    app.state.opened_pages = opened_pages
    return app


class _NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- work done off the event loop -------------------------------------------------------------


def _open_live(fetcher: Fetcher, source: str) -> Opened:
    fetched: Fetched = fetcher(source)
    loaded = read_values(fetched.responses, source)
    opened = threads_of(loaded, source, focus=fetched.post_id)
    opened.warnings = list(fetched.warnings) + opened.warnings
    return opened


def _open_upload(data: bytes, filename: str) -> Opened:
    return threads_of(read_upload_bytes(data, filename), filename)


def _list_threads(opened: Opened, query: str) -> tuple[list[dict[str, Any]], int]:
    from ..reassemble import preview_text

    needle = query.casefold()
    rows: list[dict[str, Any]] = []
    total = 0
    for thread in opened.threads:
        if needle and not any(
            needle in (html.unescape(post.text) if post.escaped else post.text).casefold()
            for post in thread.posts
        ):
            continue
        total += 1
        if len(rows) >= LIST_LIMIT:
            continue
        summary = summarize(thread, preview_text(thread), words=24)
        rows.append(
            {
                "root_id": summary.root_id,
                "author": summary.author,
                "published": summary.published.strftime("%Y-%m-%d") if summary.published else "",
                "posts": summary.posts,
                "first_words": summary.first_words,
            }
        )
    return rows, total


def _view(review: Review) -> dict:
    with review.lock:
        return review.view()


def _export(review: Review, kind: str):
    with review.lock:
        return review.export(kind)


def _apply(review: Review, action: str, body: dict) -> dict:
    with review.lock:
        if action == "decide":
            after, decision = body.get("after"), body.get("decision")
            if not isinstance(after, str) or not isinstance(decision, str):
                raise ValueError("decide wants {after: post id, decision: one of the decisions}")
            review.choose(after, decision)
        elif action == "title":
            title = body.get("title")
            if not isinstance(title, str):
                raise ValueError("title wants {title: text}")
            review.set_title(title)
        elif action == "marker":
            post, text, keep = body.get("post"), body.get("text"), body.get("keep")
            if not isinstance(post, str) or not isinstance(text, str) or not isinstance(keep, bool):
                raise ValueError("marker wants {post: id, text: marker, keep: true|false}")
            review.keep_marker(post, text, keep)
        elif action == "reset":
            review.reset()
        else:
            raise LookupError(f"no action {action!r}")
        return review.view()
