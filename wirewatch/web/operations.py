"""Endpoints for operators and their tools: /healthz for load balancers, /metrics for Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .metrics import CONTENT_TYPE

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 when the store answers, 503 (with the reason) when it does not."""
    try:
        count = request.app.state.web.store.count_documents()
    except Exception as exc:  # any failure to read the store (StoreError or driver error) is unhealthy
        return JSONResponse({"status": "unavailable", "message": str(exc).splitlines()[0]}, status_code=503)
    return JSONResponse({"status": "ok", "documents": count})


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text format."""
    return Response(request.app.state.web.metrics.render(), media_type=CONTENT_TYPE)
