"""The one error shape: a JSON error object for machines, an HTML page for people.

`{"error": {"status", "code", "message"[, "details"]}}` under /api/, /feeds/, /events/ and the
operations endpoints (or when the client asks for JSON); the error page everywhere else.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse, Response

ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type", 421: "misdirected_request",
    422: "invalid_input", 500: "internal_error", 501: "not_implemented", 503: "unavailable",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/feeds/", "/healthz", "/metrics", "/events/")) or path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, *, code: str | None = None,
                   details: list | None = None, headers: dict[str, str] | None = None) -> Response:
    """The one error shape: {"error": {"status", "code", "message"[, "details"]}} or an HTML page."""
    code = code or ERROR_CODES.get(status, "error")
    if wants_json(request):
        body: dict = {"status": status, "code": code, "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    return request.app.state.web.templates.TemplateResponse(
        request, "error.html",
        {"status": status, "message": message, "page_title": f"Error {status}",
         "active": request.url.path, "search_query": ""},
        status_code=status, headers=headers,
    )
