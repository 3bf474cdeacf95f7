"""What every desk page shares: templates (autoescaped), the language of a request, security
headers, the same-origin and token checks of state-changing requests, and the deadline."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from asan_kg import __version__
from asan_kg.core.errors import AsanKgError
from asan_kg.desk.i18n import t
from asan_kg.desk.state import Desk
from asan_kg.render.i18n import Lang

T = TypeVar("T")
Handler = Callable[[Request], Awaitable[Response]]

#: The desk's own pages: scripts, styles and images only from the desk itself, nothing inline.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: The network page and the report are self-contained files (inline script and style, as
#: written by ``asan-kg report``); they may load nothing at all.
CSP_SELF_CONTAINED = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)


@functools.cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("asan_kg.desk", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )


def desk_of(request: Request) -> Desk:
    return request.app.state.desk  # type: ignore[no-any-return]


def lang_of(request: Request) -> Lang:
    """``?lang=`` if given, else the language chosen earlier on the page (cookie), else the default."""
    for value in (request.query_params.get("lang"), request.cookies.get("desk_lang")):
        if value in ("ko", "en"):
            return value  # type: ignore[return-value]
    return desk_of(request).config.lang


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    desk, lang = desk_of(request), lang_of(request)
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            other=("en" if lang == "ko" else "ko"),
            t=lambda key, **kw: t(key, lang, **kw),
            desk=desk,
            token=desk.token,
            version=__version__,
            path=request.url.path,
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in ("ko", "en"):
        response.set_cookie("desk_lang", lang, httponly=True, samesite="strict")
    return response


def message(request: Request, status: int, title_key: str, body: str) -> HTMLResponse:
    lang = lang_of(request)
    return page(request, "message.html.j2", status, title=t(title_key, lang), body=body)


def same_origin(request: Request) -> bool:
    """The Origin header (or, without one, the Referer) names the desk's own origin."""
    desk = desk_of(request)
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if not referer:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return desk.origin_allowed(origin)


async def refused(request: Request) -> tuple[Response | None, dict[str, str]]:
    """A 403 answer for a cross-origin request or one without the run's token, else the form."""
    lang = lang_of(request)
    if not same_origin(request):
        return message(request, 403, "forbidden_title", t("forbidden_origin", lang)), {}
    form = await request.form()
    values = {k: str(v) for k, v in form.multi_items() if isinstance(v, str)}
    multi = {k: ";".join(str(v) for v in form.getlist(k)) for k in form if len(form.getlist(k)) > 1}
    values.update(multi)
    if not secrets.compare_digest(values.get("_token", "").encode(), desk_of(request).token.encode()):
        return message(request, 403, "forbidden_title", t("forbidden_token", lang)), {}
    return None, values


async def within_deadline(request: Request, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread; past the desk's deadline the request is answered with a
    504 (the thread is abandoned and its result dropped)."""
    with anyio.fail_after(desk_of(request).config.timeout):
        return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)


def guarded(handler: Handler) -> Handler:
    """A handler whose time-out is a 504 page and whose input or remote failure is a page too."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        lang = lang_of(request)
        try:
            return await handler(request)
        except TimeoutError:
            body = t("timeout_body", lang, seconds=f"{desk_of(request).config.timeout:g}")
            return message(request, 504, "timeout_title", body)
        except AsanKgError as exc:
            return message(request, 502 if exc.exit_code == 3 else 400, "error_title", exc.message)

    return wrapper


class SecurityHeaders:
    """Adds the CSP (unless the route set its own) and the usual hardening headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"same-origin",
                    b"cache-control": b"no-store",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, send_with_headers)
