"""Sending a kg graph to a SPARQL store, then checking the store holds what was sent.

Two protocols:
- Graph Store HTTP Protocol (`push_graph(protocol="gsp")`): `--replace` sends each graph whole in one
  PUT (the body is spooled to a temporary file, so memory stays bounded); append sends POSTs of at most
  `batch_size` triples.
- SPARQL 1.1 Update (`protocol="update"`): batches of `INSERT DATA`. With `replace`, the batches go to a
  fresh staging graph (`urn:uuid:...`) and one final `MOVE` request puts it in place of the target.

Graphs: by default one named graph per article (see kg.export.rdf) plus a shared graph for entity
descriptions (named, because some stores, Virtuoso among them, have no writable default graph); or
everything in the one graph the caller names.

What a failure leaves: requests are retried with exponential backoff on connection errors, HTTP 5xx
and timeouts (a request must be answered whole within `request_timeout`, however slowly the server
trickles its answer), then the push stops with a KgError (exit 1). Graphs are pushed one after the other, so each graph
on the server is the old one or the new one, never a mix of both:
- update + replace: the swap is one `MOVE` request, atomic on stores that run an update request in one
  transaction (Oxigraph); a failure before it leaves the old graph untouched (and, if the store died, a
  staging graph to drop).
- gsp + replace: one PUT per graph. Stores that clear then load (Oxigraph does) can be left with that
  one graph empty if they die during its PUT; never with a mix.
- append: each batch is one request and re-sending it is harmless (RDF graphs are sets), so re-running
  an interrupted push converges.

Verification is exact: a replaced graph must hold as many triples as were sent; after an append,
every triple sent must be on the server (counted batch by batch), and the graph must have
gained exactly the triples with blank nodes that were sent (a graph that already held data used to pass
a mere "at least as many" count although the server had dropped every new triple).
A blank node's label means one node per request, so every triple with a blank node goes in one request
(kg build writes none; other graphs may have some): split across batches, one node became several.
Credentials come from an environment variable or netrc only; they are never logged or put in messages,
and go only to the push endpoint's origin (scheme, host and port): a query endpoint elsewhere gets none,
and redirects are followed only on the same origin (307/308, so the method and body stay), never to
another host, whose challenge a digest client would otherwise answer. URLs holding credentials are refused.
"""
from __future__ import annotations

import json
import netrc
import os
import signal
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import IO
from urllib.parse import urlencode, urljoin, urlsplit

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.api import callable_verb
from kg.errors import KgError
from kg.export.rdf import store_triples, to_article_dataset
from kg.namespace import SRC

SHARED_GRAPH = str(SRC)
"""Default name of the graph that holds what no single article owns (entities, events, values)."""
PASSWORD_ENV = "KG_PUSH_PASSWORD"
_SPOOL_BYTES = 8 * 1024 * 1024
_RETRY_STATUS = 500
MAX_REDIRECTS = 5
"""Same-origin 307/308 redirects followed for one request."""
MAX_ANSWER_BYTES = 16 << 20
"""Largest answer kg reads from a server: counts and error messages are a few hundred bytes."""

Log = Callable[[str], None]


@dataclass(frozen=True)
class Credentials:
    """A user name and its password (kept out of repr, so it never lands in a log or traceback)."""

    user: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class PushedGraph:
    """One pushed graph: its IRI, the triples sent and the triples the server reports afterwards (None
    when it could not be asked)."""

    graph: str
    local: int
    remote: int | None


class NotVerified(KgError):
    """The data was sent but could not be checked on the server (exit 3): no query endpoint is known, or
    it does not answer counts. `pushed` lists what was sent."""

    def __init__(self, message: str, pushed: list[PushedGraph]) -> None:
        super().__init__(message, exit_code=3)
        self.pushed = pushed


QUERY_ENDPOINTS = (
    ("/store", "/query"),  # Oxigraph: Graph Store
    ("/update", "/query"),  # Oxigraph: SPARQL Update at the root
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),
    ("/sparql", "/sparql"),  # Virtuoso, and stores with one endpoint for queries and updates
    ("/data", "/sparql"),  # Fuseki: /ds/data, /ds/update -> /ds/sparql
    ("/update", "/sparql"),
)
"""How the push endpoint's path ends → what the store's query endpoint's path ends with instead."""


def derive_query_endpoint(endpoint: str) -> str | None:
    """The query endpoint of the store whose push endpoint is `endpoint`, for Oxigraph, Fuseki and
    Virtuoso (an Oxigraph /update sits at the root, a Fuseki one under its dataset), else None.

    >>> derive_query_endpoint("http://localhost:7878/store"), derive_query_endpoint("http://h:3030/ds/update")
    ('http://localhost:7878/query', 'http://h:3030/ds/sparql')
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for ending, query in QUERY_ENDPOINTS:
        if path.endswith(ending) and (ending != "/update" or (path == ending) == (query == "/query")):
            return parts._replace(path=path[: -len(ending)] + query, query="", fragment="").geturl()
    return None


Origin = tuple[str, str, int]
"""scheme, host, port: where credentials may go (RFC 6454)."""


def url_origin(url: str) -> Origin | None:
    """The origin of an http(s) URL (default ports filled in), or None when it has none."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:
        return None
    if scheme not in {"http", "https"} or not parts.hostname or port is None:
        return None
    return scheme, parts.hostname.lower(), port


def check_endpoint(url: str, name: str = "endpoint") -> Origin:
    """The origin of endpoint `url`; KgError (exit 2) when it is not http(s) or holds credentials
    (the message never repeats a URL that does)."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise KgError(f"do not put credentials in the {name} URL: use --user with ${PASSWORD_ENV} "
                      "(or --password-env) or a netrc entry", exit_code=2)
    found = url_origin(url)
    if found is None:
        raise KgError(f"the {name} must be an http(s) URL with a host, not {url!r}", exit_code=2)
    return found


def show_url(url: str) -> str:
    """A server's URL for messages: scheme, host, port and path (never user info or a query string).

    >>> show_url("http://localhost:7878/store?graph=x")
    'http://localhost:7878/store'
    """
    parts = urlsplit(url)
    origin = url_origin(url)
    return f"{show_origin(origin)}{parts.path}" if origin else show_origin(origin)


def show_origin(origin: Origin | None) -> str:
    """An origin as `scheme://host:port` for messages (never user info, paths or queries)."""
    return "an address that is not http(s)" if origin is None else f"{origin[0]}://{origin[1]}:{origin[2]}"


class OriginAuth(AuthBase):
    """An auth that applies only to requests for one origin; requests elsewhere go without credentials,
    and without the digest hooks that would answer another host's challenge."""

    def __init__(self, auth: AuthBase, origin: Origin) -> None:
        self.auth = auth
        self.origin = origin

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return self.auth(request) if url_origin(request.url or "") == self.origin else request


@dataclass
class Client:
    """HTTP requests with auth, bounded retries and exponential backoff; messages never hold secrets."""

    auth: AuthBase | None = None
    retries: int = 4
    backoff: float = 0.5
    timeout: float = 60.0
    """Seconds for each network read."""
    request_timeout: float = 300.0
    """Seconds for one whole request, sent and answered (per attempt)."""
    log: Log = lambda message: None
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.trust_env = False  # no proxies or netrc picked up behind the caller's back
        self.session.headers["Accept-Encoding"] = "identity"  # answers are small; their size is what arrives

    def send(self, method: str, url: str, *, what: str, body: IO[bytes] | bytes | None = None,
             params: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> requests.Response:
        """Send one request; retry connection errors and 5xx; raise KgError (exit 1) when it fails.

        `what` names the request in messages ("PUT graph <...>"), followed by the server's URL.
        """
        what = f"{what} at {show_url(url)}"
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                delay = self.backoff * 2 ** (attempt - 1)
                self.log(f"{what}: {reason}; retry {attempt}/{self.retries} in {delay:g}s")
                time.sleep(delay)
            try:
                with time_limit(self.request_timeout):
                    response = self.request_following(method, url, what=what, body=body, params=params, headers=headers)
            except (requests.Timeout, RequestExpired):
                reason = "timed out"
                continue
            except requests.RequestException:
                reason = "connection failed"
                continue
            if response.status_code < _RETRY_STATUS:
                check_status(response, what)
                self.log(f"{what}: HTTP {response.status_code}")
                return response
            reason = f"HTTP {response.status_code}"
        raise KgError(f"{what}: {reason}, gave up after {self.retries + 1} attempts", exit_code=1)

    def request_following(self, method: str, url: str, *, what: str, body: IO[bytes] | bytes | None,
                          params: dict[str, str] | None, headers: dict[str, str] | None) -> requests.Response:
        """One request, following 307/308 redirects on the same origin only (KgError for any other)."""
        for _ in range(MAX_REDIRECTS + 1):
            if hasattr(body, "seek"):
                body.seek(0)
            response = self.session.request(method, url, data=body, params=params, headers=headers, stream=True,
                                            auth=self.auth, timeout=self.timeout, allow_redirects=False)
            read_answer(response, what)
            if not response.is_redirect:
                return response
            target = urljoin(response.url, response.headers["location"])
            if response.status_code not in {307, 308} or url_origin(target) != url_origin(url):
                raise KgError(f"{what}: HTTP {response.status_code} redirect to {show_origin(url_origin(target))} "
                              "not followed (only 307/308 redirects on the same origin are)", exit_code=1)
            url, params = target, None  # the Location holds the query string it wants
        raise KgError(f"{what}: more than {MAX_REDIRECTS} redirects", exit_code=1)


class RequestExpired(Exception):
    """A request outlived its time limit (not an OSError, so that no HTTP layer mistakes it for a
    connection error and wraps it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RequestExpired in the block once it has run `seconds`, whatever it waits on (a server
    trickling one byte every 50 s defeats the per-read timeout). A timer signal interrupts the wait,
    so this works in the main thread; elsewhere only the per-read timeout applies."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RequestExpired(f"no whole answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_answer(response: requests.Response, what: str) -> None:
    """Read a streamed answer's body into `response`, refusing more than MAX_ANSWER_BYTES."""
    body = bytearray()
    for chunk in response.iter_content(1 << 16):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            response.close()
            raise KgError(f"{what}: the server's answer is over {MAX_ANSWER_BYTES >> 20} MiB", exit_code=1)
    response._content = bytes(body)  # what requests itself keeps; .text and .json() read it


def check_status(response: requests.Response, what: str) -> None:
    """Raise KgError (exit 1) for a 4xx answer, with the first line of the server's message."""
    if response.status_code == 401:
        raise KgError(f"{what}: authentication failed (HTTP 401); check --user and the password", exit_code=1)
    if response.status_code >= 400:
        detail = next((line.strip() for line in response.text.splitlines() if line.strip()), "")[:200]
        raise KgError(f"{what}: HTTP {response.status_code} {detail}".rstrip(), exit_code=1)


def find_credentials(endpoint: str, *, user: str | None = None, password_env: str = PASSWORD_ENV,
                     netrc_file: str | None = None) -> Credentials | None:
    """The credentials for `endpoint`: `user` with the password from `$password_env`, else netrc.

    netrc is `netrc_file`, else `$NETRC`, else ~/.netrc; its login must equal `user` when one is given.
    Raises KgError (exit 2) for credentials inside the URL or a user with no password anywhere.
    """
    check_endpoint(endpoint)
    parts = urlsplit(endpoint)
    password = os.environ.get(password_env)
    if user and password:
        return Credentials(user, password)
    entry = read_netrc(parts.hostname or "", netrc_file or os.environ.get("NETRC"))
    if entry and (user is None or entry.user == user):
        return entry
    if user:
        raise KgError(f"no password for user {user!r}: set ${password_env} or add {parts.hostname} to netrc",
                      exit_code=2)
    return None


def read_netrc(host: str, path: str | None) -> Credentials | None:
    """The netrc entry for `host`, if the file exists and has one."""
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as error:  # its message quotes the token it stopped at: maybe a password
        where = f"{error.filename or path or '~/.netrc'}" + (f", line {error.lineno}" if error.lineno else "")
        raise KgError(f"cannot read netrc {where}: not valid netrc, or not private to you (content not shown)",
                      exit_code=2) from None
    except OSError as error:
        raise KgError(f"cannot read netrc {error.filename or path}: {error.strerror or 'unreadable'}", exit_code=2) from None
    return Credentials(entry[0], entry[2]) if entry else None


def make_auth(credentials: Credentials | None, scheme: str = "digest", *, endpoint: str) -> AuthBase | None:
    """A requests auth object for the scheme the server asks for (Virtuoso: digest), used only for
    requests to `endpoint`'s origin."""
    if credentials is None:
        return None
    kinds = {"digest": HTTPDigestAuth, "basic": HTTPBasicAuth}
    if scheme not in kinds:
        raise KgError(f"unknown auth scheme {scheme!r} (known: digest, basic)", exit_code=2)
    return OriginAuth(kinds[scheme](credentials.user, credentials.password), check_endpoint(endpoint))


def make_client(endpoint: str, *, user: str | None = None, password_env: str = PASSWORD_ENV,
                auth_scheme: str = "digest", retries: int = 4, backoff: float = 0.5, timeout: float = 300.0,
                log: Log | None = None) -> Client:
    """A Client for `endpoint` with its credentials (see find_credentials), retry policy and the
    `timeout` in seconds of one whole request."""
    if retries < 0 or backoff < 0 or timeout <= 0:
        raise KgError("--retries and --backoff must not be negative, --timeout must be positive", exit_code=2)
    auth = make_auth(find_credentials(endpoint, user=user, password_env=password_env), auth_scheme, endpoint=endpoint)
    return Client(auth, retries=retries, backoff=backoff, timeout=min(60.0, timeout), request_timeout=timeout,
                  log=log or (lambda message: None))


def plan_graphs(store: ox.Store, *, graph: str | None = None, shared_graph: str = SHARED_GRAPH) -> ox.Store:
    """The dataset to push: everything in `graph`, or one graph per article plus `shared_graph`."""
    try:
        if graph is None:
            return to_article_dataset(store, shared_graph=ox.NamedNode(shared_graph))
        target = ox.NamedNode(graph)
    except ValueError:
        raise KgError(f"not an absolute IRI: {graph or shared_graph!r}", exit_code=2) from None
    dataset = ox.Store()
    dataset.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in store_triples(store))
    return dataset


def push_graph(
    store: ox.Store,
    endpoint: str,
    *,
    protocol: str = "gsp",
    graph: str | None = None,
    shared_graph: str = SHARED_GRAPH,
    replace: bool = False,
    query_endpoint: str | None = None,
    client: Client | None = None,
    batch_size: int = 10_000,
    on_graph_pushed: Callable[[str, int], None] | None = None,
) -> list[PushedGraph]:
    """Push `store` to `endpoint` graph by graph, then count each graph on the server.

    `protocol` is "gsp" (Graph Store Protocol endpoint) or "update" (SPARQL Update endpoint);
    `query_endpoint` (default: `derive_query_endpoint`) answers the verification counts. Returns one
    PushedGraph per graph. Raises KgError: exit 1 when the server fails after retries or a count does
    not match, exit 2 for bad arguments; NotVerified (exit 3) when everything was sent but the query
    endpoint is unknown or does not answer counts.
    """
    if protocol not in {"gsp", "update"}:
        raise KgError(f"unknown protocol {protocol!r} (known: gsp, update)", exit_code=2)
    if batch_size < 1:
        raise KgError("--batch-size must be at least 1", exit_code=2)
    check_endpoint(endpoint)
    if query_endpoint is not None:
        check_endpoint(query_endpoint, "--query-endpoint")
    client = client or Client()
    counter = query_endpoint or derive_query_endpoint(endpoint)
    unverified = "" if counter else f"kg knows no query endpoint for {endpoint}"
    dataset = plan_graphs(store, graph=graph, shared_graph=shared_graph)
    send = send_by_gsp if protocol == "gsp" else send_by_update
    pushed: list[PushedGraph] = []
    problems: list[str] = []
    for name in sorted(dataset.named_graphs(), key=lambda node: node.value):
        blank_before = None
        if not replace and counter:
            try:
                blank_before = count_remote(client, counter, name.value, blank_only=True)
            except KgError as error:
                counter, unverified = None, error.message
        local = send(client, endpoint, name.value, dataset, name, replace=replace, batch_size=batch_size)
        if on_graph_pushed:
            on_graph_pushed(name.value, local)
        remote = None
        if counter:
            try:
                remote = count_remote(client, counter, name.value)
                problems += verify_graph(client, counter, dataset, PushedGraph(name.value, local, remote), blank_before=blank_before)
            except KgError as error:
                counter, unverified, remote = None, error.message, None
        pushed.append(PushedGraph(name.value, local, remote))
    if unverified and not problems:
        raise NotVerified(f"sent {len(pushed)} graphs ({sum(p.local for p in pushed)} triples) to {endpoint} but could not check them "
                          f"({unverified}); check with --query-endpoint URL, e.g. kg query against the store's SPARQL endpoint", pushed)
    if problems:
        wrong = len({problem.split(">", 1)[0] for problem in problems})
        raise KgError(f"verification failed for {wrong} of {len(pushed)} graphs: {'; '.join(problems)}", exit_code=1)
    return pushed


def graph_triples(dataset: ox.Store, name: ox.NamedNode) -> Iterator[ox.Triple]:
    """The triples of one graph of the dataset, streamed."""
    return (quad.triple for quad in dataset.quads_for_pattern(None, None, None, name))


def has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def graph_bodies(dataset: ox.Store, name: ox.NamedNode, size: int | None, *, prefix: str = "",
                 suffix: str = "") -> Iterator[tuple[IO[bytes], int]]:
    """Request bodies for one graph: all of it in one when `size` is None; else the triples without
    blank nodes in batches of `size`, then every triple with a blank node in one last body."""
    if size is None:
        yield from write_batches(graph_triples(dataset, name), None, prefix=prefix, suffix=suffix)
        return
    yield from write_batches((t for t in graph_triples(dataset, name) if not has_blank_node(t)), size,
                             prefix=prefix, suffix=suffix)
    yield from write_batches((t for t in graph_triples(dataset, name) if has_blank_node(t)), None,
                             prefix=prefix, suffix=suffix)


def send_by_gsp(client: Client, endpoint: str, graph: str, dataset: ox.Store, name: ox.NamedNode, *,
                replace: bool, batch_size: int) -> int:
    """PUT the whole graph (replace) or POST it in batches (append); return the triples sent."""
    sent = 0
    for body, count in graph_bodies(dataset, name, None if replace else batch_size):
        method = "PUT" if replace else "POST"
        client.send(method, endpoint, what=f"{method} graph <{graph}> ({count} triples)", body=body,
                    params={"graph": graph}, headers={"Content-Type": "text/turtle; charset=utf-8"})
        sent += count
    return sent


def send_by_update(client: Client, endpoint: str, graph: str, dataset: ox.Store, name: ox.NamedNode, *,
                   replace: bool, batch_size: int) -> int:
    """INSERT DATA in batches, into a staging graph then MOVEd over the target when replacing."""
    target = f"urn:uuid:{uuid.uuid4()}" if replace else graph
    headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
    sent = 0
    try:
        for body, count in graph_bodies(dataset, name, batch_size, prefix=f"INSERT DATA {{ GRAPH <{target}> {{\n",
                                        suffix="} }\n"):
            client.send("POST", endpoint, what=f"INSERT DATA into <{target}> ({count} triples)", body=body,
                        headers=headers)
            sent += count
        if replace:
            swap = f"MOVE SILENT GRAPH <{target}> TO GRAPH <{graph}>" if sent else f"DROP SILENT GRAPH <{graph}>"
            client.send("POST", endpoint, what=f"MOVE staging graph to <{graph}>", body=swap.encode(), headers=headers)
    except KgError:
        if replace and sent:
            drop_quietly(client, endpoint, target, headers)
        raise
    return sent


def drop_quietly(client: Client, endpoint: str, graph: str, headers: dict[str, str]) -> None:
    """Best effort: remove a staging graph after a failed push (the server may be gone)."""
    try:
        Client(client.auth, retries=0, timeout=client.timeout, request_timeout=client.request_timeout, log=client.log).send(
            "POST", endpoint, what=f"DROP staging graph <{graph}>", body=f"DROP SILENT GRAPH <{graph}>".encode(),
            headers=headers)
    except KgError as error:
        client.log(f"{error.message} (a staging graph <{graph}> may be left on the server)")


def write_batches(triples: Iterable[ox.Triple], size: int | None, *, prefix: str = "", suffix: str = "") -> Iterator[tuple[IO[bytes], int]]:
    """N-Triples bodies of at most `size` triples each (all in one when None), spooled to disk when big.

    Yields (body, triple count); nothing for no triples.
    """
    iterator = iter(triples)
    while True:
        counter = CountingIterator(islice(iterator, size))
        body = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)
        body.write(prefix.encode())
        ox.serialize(counter, body, format=ox.RdfFormat.N_TRIPLES)
        body.write(suffix.encode())
        if not counter.count:
            body.close()
            return
        yield body, counter.count
        body.close()


class CountingIterator:
    """Passes items through and counts them, so a batch is serialized without being listed first."""

    def __init__(self, items: Iterable[ox.Triple]) -> None:
        self.items = iter(items)
        self.count = 0

    def __iter__(self) -> Iterator[ox.Triple]:
        for item in self.items:
            self.count += 1
            yield item


VERIFY_BATCH = 200
"""Triples per membership count after an append: small enough for any store's query size limits."""


def count_remote(client: Client, query_endpoint: str, graph: str, *, blank_only: bool = False) -> int:
    """The number of triples in `graph` on the server (only those with a blank node if `blank_only`)."""
    blank = " FILTER(isBlank(?s) || isBlank(?o))" if blank_only else ""
    return count_query(client, query_endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o{blank} }} }}",
                       what=f"count triples of <{graph}>")


def count_query(client: Client, query_endpoint: str, query: str, *, what: str) -> int:
    """The number a SPARQL `SELECT (COUNT(*) AS ?n)` query answers."""
    response = client.send("POST", query_endpoint, what=what, body=urlencode({"query": query}).encode(),
                           headers={"Accept": "application/sparql-results+json",
                                    "Content-Type": "application/x-www-form-urlencoded"})
    try:
        return int(json.loads(response.text)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError, RecursionError):  # not JSON, null, [], too deep...
        raise KgError(f"{query_endpoint} did not answer a SPARQL count (is it a query endpoint?)", exit_code=1) from None


def verify_graph(client: Client, query_endpoint: str, dataset: ox.Store, pushed: PushedGraph, *,
                 blank_before: int | None) -> list[str]:
    """What is wrong with one pushed graph on the server (nothing: []).

    Replaced (`blank_before` None): it holds exactly as many triples as were sent. Appended: every
    triple sent without a blank node is there (a COUNT over a UNION of the triples as constant
    patterns, VERIFY_BATCH at a time: Virtuoso mismatches non-ASCII literals it already holds in a
    multi-row VALUES join), and the graph gained exactly the triples with blank nodes that were sent
    (each request makes new nodes).
    """
    if blank_before is None:
        return [] if pushed.remote == pushed.local else [f"<{pushed.graph}> has {pushed.remote} triples, sent {pushed.local}"]
    name = ox.NamedNode(pushed.graph)
    plain = (t for t in graph_triples(dataset, name) if not has_blank_node(t))
    missing = 0
    while batch := list(islice(plain, VERIFY_BATCH)):
        patterns = " UNION ".join(f"{{ {t.subject} {t.predicate} {t.object} }}" for t in batch)
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{pushed.graph}> {{ {patterns} }} }}"
        missing += len(batch) - count_query(client, query_endpoint, query, what=f"check triples of <{pushed.graph}>")
    blank_sent = sum(1 for t in graph_triples(dataset, name) if has_blank_node(t))
    gained = count_remote(client, query_endpoint, pushed.graph, blank_only=True) - blank_before
    problems = [f"<{pushed.graph}> lacks {missing} of the {pushed.local - blank_sent} triples sent"] if missing else []
    if gained != blank_sent:
        problems.append(f"<{pushed.graph}> gained {gained} triples with blank nodes, sent {blank_sent}")
    return problems


callable_verb(__name__)  # kg.push(...) is the API verb (kg/api.py); kg.push.<name> this module
