"""`kg push` end to end against a live Virtuoso (digest auth), one server for the whole session."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import load_graph
from servers import assert_server_answers_like, free_port, graph_count, running_server

PASSWORD = "kg-Virtuoso-s3cret-4711"
runner = CliRunner()
pytestmark = pytest.mark.skipif(shutil.which("virtuoso-t") is None, reason="virtuoso-opensource not installed (.ci/run installs it)")

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
"""


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Virtuoso on loopback-only ports with its own database folder; user dba gets PASSWORD and SPARQL_UPDATE."""
    db = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port))
    command = ["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")]
    with running_server(command, http_port, log=db / "server.log", timeout=90, cwd=db):
        subprocess.run(["isql-vt", str(sql_port), "dba", "dba",
                        f"exec=USER_SET_PASSWORD('dba', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"dba\";"],
                       check=True, capture_output=True, timeout=60)
        yield f"http://127.0.0.1:{http_port}"


def push(virtuoso: str, *args: str, password: str = PASSWORD):
    """Run `kg push` as user dba with the password in the environment, as a user would."""
    return runner.invoke(app, ["push", *args, "--user", "dba", "--query-endpoint", f"{virtuoso}/sparql"],
                         env={"KG_PUSH_PASSWORD": password})


def test_gsp_push_with_digest_auth_then_queries_match(virtuoso, sample_graph_path):
    result = push(virtuoso, f"{virtuoso}/sparql-graph-crud-auth", "--graph", str(sample_graph_path), "--replace", "--verbose")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert "PUT graph <" in result.output  # --verbose logged the requests
    assert_server_answers_like(f"{virtuoso}/sparql", sample_graph_path)


def test_sparql_update_push_replaces_a_graph(virtuoso, sample_graph_path):
    graph = "https://example.org/kg/virtuoso-test"
    for _ in range(2):
        result = push(virtuoso, "--sparql-update", f"{virtuoso}/sparql-auth", "--graph", str(sample_graph_path),
                      "--into", graph, "--replace", "--batch-size", "25")
        assert result.exit_code == 0, result.output
        assert_server_answers_like(f"{virtuoso}/sparql", sample_graph_path)
    assert graph_count(f"{virtuoso}/sparql", graph) == len(load_graph(sample_graph_path))


def test_wrong_password_is_a_clean_error_without_the_password(virtuoso, sample_graph_path):
    wrong = "not-the-Right-one-93"
    result = push(virtuoso, f"{virtuoso}/sparql-graph-crud-auth", "--graph", str(sample_graph_path), "--verbose",
                  password=wrong)
    assert result.exit_code == 1
    assert "authentication failed" in result.output
    assert wrong not in result.output and PASSWORD not in result.output


def test_appends_are_verified_triple_by_triple(virtuoso, sample_graph_path):
    """Virtuoso finds every sent triple (typed, language-tagged, long and non-ASCII literals) in the
    membership check, also when earlier pushes put the same literals in its dictionary (it then
    mismatches them in a multi-row VALUES join: kg counts a UNION of constant patterns instead)."""
    graph = "https://example.org/kg/virtuoso-append"
    for _ in range(2):  # the second append adds nothing new, and still verifies
        result = push(virtuoso, "--sparql-update", f"{virtuoso}/sparql-auth", "--graph", str(sample_graph_path),
                      "--into", graph, "--batch-size", "40")
        assert result.exit_code == 0, result.output
    assert graph_count(f"{virtuoso}/sparql", graph) == len(load_graph(sample_graph_path))
