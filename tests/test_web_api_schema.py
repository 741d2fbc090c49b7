"""The REST API answers as its own OpenAPI document says (schemathesis), as a reviewer and as a viewer.

Every operation gets generated requests, valid and not; each answer must not be a server error, and its
status code, content type and body must be ones the document declares.
"""

from __future__ import annotations

import pytest

from tests.test_web import make_desk
from tracker.web import accounts

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")
from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402


@pytest.fixture(scope="module")
def desk_and_tokens(module_settings):
    """One desk per database: SQLite, and PostgreSQL when LICENSURE_TEST_POSTGRES_URL is set."""
    desk = make_desk(module_settings)
    with desk.db.session() as s:
        tokens = {name: accounts.create_token(s, accounts.get_user(s, name), "schema")[1] for name in ("rita", "vic")}
    yield desk, tokens
    desk.db.dispose()


@pytest.fixture(scope="module")
def api_schema(desk_and_tokens):
    desk, _ = desk_and_tokens
    api = next(route.app for route in desk.app.routes if getattr(route, "path", "") == "/api/v1")
    return schemathesis.openapi.from_asgi("/openapi.json", api)


CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
SETTINGS = hypothesis_settings(
    max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


def _exercise(api_schema, token: str) -> list[str]:
    """Generated requests for every operation; returns the operations exercised."""
    seen = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        seen.append(operation.label)

        @given(case=operation.as_strategy())
        @SETTINGS
        def call(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        call()
    return seen


@pytest.mark.parametrize("who", ["rita", "vic"])
def test_the_api_keeps_to_its_openapi_document(api_schema, desk_and_tokens, who):
    seen = _exercise(api_schema, desk_and_tokens[1][who])
    assert "POST /changes/{change_id}/decisions" in seen and "GET /exports/{kind}" in seen
