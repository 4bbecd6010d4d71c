"""Fixtures of the worksection Python suite.

Every workspace lives in tmp_path (or in memory), never in the working
tree. The clock is fixed: Monday 6 May 2024, 09:00 UTC.
"""

from __future__ import annotations

import datetime
import itertools
import os
import subprocess
import types
from pathlib import Path

import pytest

import worksection
from worksection import ProjectRole, Role

NOW = datetime.datetime(2024, 5, 6, 9, 0, tzinfo=datetime.timezone.utc)
TODAY = datetime.date(2024, 5, 6)
SETUP = worksection.Setup(
    name="Acme Digital",
    owner_name="Olena Koval",
    owner_email="olena@acme.example",
    time_zone="Europe/Kyiv",
    currency="EUR",
)
REPO = Path(__file__).resolve().parents[2]


def fixed_clock() -> datetime.datetime:
    return NOW


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def uri(request, tmp_path) -> str:
    """Each test using it runs over every store."""
    if request.param == "memory":
        return "memory:"
    if request.param == "postgresql":
        return request.getfixturevalue("pg_uri")
    return f"sqlite:{tmp_path / 'agency.db'}"


_pg_schemas = itertools.count()


@pytest.fixture
def pg_uri() -> str:
    """A fresh schema on the server $WS_PG_URI names (scripts/pg run sets
    it), dropped afterwards. Without a server the test fails: never skips."""
    server = os.environ.get("WS_PG_URI")
    if not server:
        pytest.fail("WS_PG_URI is not set: run the tests through "
                    "`scripts/pg run` (scripts/test does)")
    schema = f"ws_py_{os.getpid()}_{next(_pg_schemas)}"
    yield f"{server}{'&' if '?' in server else '?'}schema={schema}"
    subprocess.run(["psql", server, "-q", "-c",
                    f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                   capture_output=True, check=False)


@pytest.fixture
def ws(uri):
    with worksection.open(uri, create=SETUP, clock=fixed_clock) as ws:
        yield ws


@pytest.fixture
def s(ws) -> worksection.Session:
    """The first owner's session."""
    return ws.owner_session()


@pytest.fixture
def agency(ws, s):
    """Members of every role, a project they share, tasks and comments.

    Carol is a client and Rita a reader of `site`; one task and one comment
    are hidden from clients.
    """
    a = types.SimpleNamespace(ws=ws, owner=s)
    a.admin = s.create_member(name="Adam", email="adam@acme.example",
                              role=Role.ADMIN)
    a.bob = s.create_member(name="Bob", email="bob@acme.example",
                            cost_rate=2000, billing_rate=5000)
    a.ivan = s.create_member(name="Ivan", email="ivan@acme.example")
    a.carol = s.create_member(name="Carol", email="carol@client.example",
                              role=Role.CLIENT, company="Client Co")
    a.rita = s.create_member(name="Rita", email="rita@acme.example",
                             role=Role.READER)
    a.site = s.create_project(
        name="Website", manager=s.actor, money_budget=1_000_000,
        billing_rate=9000,
        members=[(a.bob, ProjectRole.MEMBER), (a.ivan, ProjectRole.MEMBER),
                 (a.carol, ProjectRole.CLIENT), (a.rita, ProjectRole.MEMBER)])
    a.other = s.create_project(name="Internal", manager=s.actor)
    a.visible = s.create_task(project=a.site, title="Visible", assignee=a.bob,
                              money_budget=50_000)
    a.hidden = s.create_task(project=a.site, title="Hidden",
                             hidden_from_clients=True)
    a.comment = s.create_comment(task=a.visible, text="For everyone")
    a.secret = s.create_comment(task=a.visible, text="Internal only",
                                hidden_from_clients=True)
    a.s_bob = ws.session(a.bob)
    a.s_carol = ws.session(a.carol)
    a.s_rita = ws.session(a.rita)
    return a
