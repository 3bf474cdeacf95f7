"""The desk as a Starlette application: routes and their handlers.

Reads run in a worker thread under the desk's deadline; pages computed from the store are
cached until the data changes. Record entry (POST) needs the run's token and the desk's own
origin, and is off for a shared server or ``--read-only``.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from asan_kg.desk import downloads, pages, queryforms, records
from asan_kg.desk.i18n import column, t
from asan_kg.desk.state import Desk
from asan_kg.desk.web import (
    CSP_SELF_CONTAINED,
    SecurityHeaders,
    desk_of,
    guarded,
    lang_of,
    message,
    page,
    refused,
    within_deadline,
)
from asan_kg.sparql import catalog, formats
from asan_kg.sparql.catalog import CatalogError, SavedQuery


@guarded
async def home(request: Request) -> Response:
    desk, lang = desk_of(request), lang_of(request)
    view = await within_deadline(request, lambda: desk.cached(("home", lang), lambda s: pages.home(s, lang)))
    return page(request, "home.html.j2", home=view)


@guarded
async def partnership(request: Request) -> Response:
    desk, lang = desk_of(request), lang_of(request)
    slug = request.path_params["slug"]

    def build() -> pages.Partnership | None:
        view = desk.cached(("home", lang), lambda s: pages.home(s, lang))
        row = next((r for r in view.rows if r.slug == slug), None)
        if row is None:
            return None
        return desk.cached(("partnership", slug, lang), lambda s: pages.partnership(s, lang, row))

    found = await within_deadline(request, build)
    if found is None:
        return message(request, 404, "not_found", slug)
    return page(request, "partnership.html.j2", p=found)


async def query_list(request: Request) -> Response:
    return page(request, "queries.html.j2", queries=catalog.saved_queries())


def _saved(name: str) -> SavedQuery | None:
    try:
        return catalog.find(name)
    except CatalogError:
        return None


def _params(request: Request) -> dict[str, str]:
    """Query parameters are sent as ``p_<name>`` (``lang`` alone switches the page's language)."""
    return {k[2:]: v for k, v in request.query_params.items() if k.startswith("p_")}


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "0")
    return int(raw) if raw.isdigit() and len(raw) < 7 else 0


@guarded
async def query_form(request: Request) -> Response:
    desk, lang = desk_of(request), lang_of(request)
    saved = _saved(request.path_params["name"])
    if saved is None:
        return message(request, 404, "not_found", request.path_params["name"])
    given = _params(request)

    def build() -> tuple[list[queryforms.Field], queryforms.Page | None]:
        store = desk.store()
        form = desk.cached(("form", saved.name, lang), lambda s: queryforms.fields(s, saved, lang, {}))
        form = [queryforms.Field(**{**vars(f), "value": given.get(f.name, f.value)}) for f in form]
        if "run" not in request.query_params:
            return form, None
        values = queryforms.check(saved, form, lang)
        if any(f.error for f in form):
            return form, None
        return form, queryforms.run_page(store, saved, values, _page_number(request))

    form, shown = await within_deadline(request, build)
    table = shown.table if shown is not None else None
    query = "&".join(f"p_{quote(f.name)}={quote(f.value)}" for f in form if f.value.strip())
    rows = formats.display_rows(table) if table is not None else []
    columns = [column(v, lang) for v in table.variables] if table is not None else []
    status = 422 if any(f.error for f in form) else 200
    return page(
        request,
        "query.html.j2",
        status,
        label=lambda name: column(name, lang),
        q=saved,
        form=form,
        table=table,
        shown=shown,
        page_rows=queryforms.PAGE_ROWS,
        rows=rows,
        columns=columns,
        query=query,
    )


@guarded
async def query_download(request: Request) -> Response:
    desk, fmt = desk_of(request), request.path_params["fmt"]
    saved = _saved(request.path_params["name"])
    if saved is None or fmt not in downloads.MEDIA:
        return message(request, 404, "not_found", request.url.path)
    given = {k: v for k, v in _params(request).items() if v.strip()}
    table = await within_deadline(request, lambda: queryforms.run(desk.store(), saved, given))
    body = downloads.render(table, fmt, saved.name)
    disposition = f'attachment; filename="{saved.name}.{fmt}"'
    return Response(body, media_type=downloads.MEDIA[fmt], headers={"Content-Disposition": disposition})


def _entry_notice(desk: Desk, lang: str) -> str:
    if desk.remote:
        return t("entry_disabled_remote", lang)  # type: ignore[arg-type]
    if desk.config.read_only:
        return t("entry_disabled_read_only", lang)  # type: ignore[arg-type]
    return ""


async def _records_page(
    request: Request,
    status: int = 200,
    sheet: str = "",
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    desk, lang = desk_of(request), lang_of(request)
    notice = _entry_notice(desk, lang)
    options: dict[str, list[tuple[str, str]]] = {}
    if not notice:
        options = await within_deadline(
            request, lambda: desk.cached(("choices", lang), lambda s: records.choices(s, lang))
        )
    return page(
        request,
        "records.html.j2",
        status,
        notice=notice,
        options=options,
        sheet=sheet,
        values=values or {},
        errors=errors or {},
        saved=request.query_params.get("saved", ""),
        user=desk.config.user,
        records_file=desk.records_file().name,
    )


@guarded
async def records_get(request: Request) -> Response:
    return await _records_page(request)


@guarded
async def records_post(request: Request) -> Response:
    desk, lang = desk_of(request), lang_of(request)
    sheet = request.path_params["sheet"]
    if sheet not in records.SHEETS:
        return message(request, 404, "not_found", sheet)
    answer, values = await refused(request)
    if answer is not None:
        return answer
    if not desk.writable:
        return message(request, 403, "forbidden_title", _entry_notice(desk, lang))
    user = values.get("user", "").strip() or desk.config.user
    outcome = await within_deadline(request, lambda: records.submit(desk, sheet, values, user))
    if outcome.errors:
        return await _records_page(request, 422, sheet, values, outcome.errors)
    return RedirectResponse(f"/records?saved={quote(outcome.written)}", status_code=303)


def _self_contained(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP_SELF_CONTAINED})


@guarded
async def network_page(request: Request) -> Response:
    from asan_kg.render import html_network
    from asan_kg.render.view import build_view

    desk, lang = desk_of(request), lang_of(request)
    html = await within_deadline(
        request,
        lambda: desk.cached(("network", lang), lambda s: html_network.render(build_view(s, lang=lang))),
    )
    return _self_contained(html)


@guarded
async def report_page(request: Request) -> Response:
    from asan_kg.render import report

    desk, lang = desk_of(request), lang_of(request)
    html = await within_deadline(
        request,
        lambda: desk.cached(("report", lang), lambda s: report.render_html(report.build_report(s, lang))),
    )
    return _self_contained(html)


def create_app(desk: Desk) -> Starlette:
    """The desk's ASGI application. ``desk.config.origins`` are the origins POSTs may come from;
    requests naming another host are refused (no DNS rebinding)."""
    hosts = sorted({o.split("://", 1)[-1].rsplit(":", 1)[0].strip("[]") for o in desk.config.origins})
    routes = [
        Route("/", home),
        Route("/partnership/{slug}", partnership),
        Route("/queries", query_list),
        Route("/queries/{name}", query_form),
        Route("/queries/{name}/download/{fmt}", query_download),
        Route("/records", records_get),
        Route("/records/{sheet}", records_post, methods=["POST"]),
        Route("/network", network_page),
        Route("/report", report_page),
        Mount("/static", StaticFiles(packages=[("asan_kg.desk", "static")]), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts or ["127.0.0.1"]),
    ]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.desk = desk
    return app
