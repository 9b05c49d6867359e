"""Endpoints for operators and their tools: /healthz for load balancers, /metrics for Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .metrics import CONTENT_TYPE

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 `ok` when the service is ready and the store answers; 503 otherwise, with the status:
    `starting` while `serve` loads its models and story engine, `unavailable` with the reason."""
    web = request.app.state.web
    readiness = web.runner.warming.readiness.to_dict()
    if web.warm_up and readiness["status"] != "ok":
        if readiness["status"] == "failed":
            readiness["status"] = "unavailable"
        return JSONResponse(readiness, status_code=503)
    try:
        count = web.store.count_documents()
    except Exception as exc:  # any failure to read the store (StoreError or driver error) is unhealthy
        return JSONResponse({"status": "unavailable", "message": str(exc).splitlines()[0]}, status_code=503)
    return JSONResponse({**readiness, "status": "ok", "documents": count})


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text format."""
    return Response(request.app.state.web.metrics.render(), media_type=CONTENT_TYPE)
