"""What the load harness (benchmarks/rows/load.py) records for each answer: a body cut after
its headers is an error of its own kind ("corps tronqué"), never a crash of the client."""

import socket
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from rows import load  # noqa: E402

CSV_HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n")
ROWS = b"COLL_NOM,DELIB_ID\r\nCA de l'Artois,CA-2022-001\r\n"


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


@pytest.fixture
def serve():
    """serve(raw bytes) -> port of a one-shot server that sends them and closes the
    connection (as a worker does when its stream fails after the headers)."""
    servers = []

    def start(raw: bytes) -> int:
        server = socket.create_server(("127.0.0.1", 0))
        servers.append(server)

        def answer():
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(raw)

        threading.Thread(target=answer, daemon=True).start()
        return server.getsockname()[1]

    yield start
    for server in servers:
        server.close()


def test_a_chunked_csv_cut_after_its_headers_is_a_truncated_body(serve):
    # Two rows sent, then the connection closes without the final zero-length chunk.
    port = serve(CSV_HEADERS + _chunk(ROWS))
    assert load.outcome_of(port, "/deliberations/export.csv", 5, "CSV filtré") \
        == load.TRUNCATED == "corps tronqué"


def test_a_chunked_csv_with_its_final_chunk_is_complete(serve):
    port = serve(CSV_HEADERS + _chunk(ROWS) + b"0\r\n\r\n")
    assert load.outcome_of(port, "/deliberations/export.csv", 5, "CSV filtré") == 200


def test_a_calendar_without_its_closing_line_is_truncated_even_when_the_transport_ends(serve):
    # HTTP/1.0-style body delimited by the close: only the format's own ending tells.
    body = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
    port = serve(b"HTTP/1.0 200 OK\r\nContent-Type: text/calendar\r\n\r\n" + body)
    assert load.outcome_of(port, "/seances.ics", 5, "iCalendar") == "corps tronqué"


def test_a_complete_calendar_and_feed_are_200(serve):
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    port = serve(b"HTTP/1.0 200 OK\r\n\r\n" + calendar)
    assert load.outcome_of(port, "/seances.ics", 5, "iCalendar") == 200
    feed = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n'
    port = serve(b"HTTP/1.0 200 OK\r\n\r\n" + feed)
    assert load.outcome_of(port, "/flux.atom", 5, "Atom") == 200
    port = serve(b"HTTP/1.0 200 OK\r\n\r\n" + feed[:-8])
    assert load.outcome_of(port, "/flux.atom", 5, "Atom") == "corps tronqué"


def test_a_refused_connection_and_a_503_without_the_french_page(serve):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        closed = probe.getsockname()[1]
    assert load.outcome_of(closed, "/", 2) == "connexion"
    port = serve(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\noops!")
    assert load.outcome_of(port, "/", 5) == "503 sans la page française"


def test_a_client_carries_on_after_a_truncated_body_and_the_table_counts_it(serve, capsys):
    port = serve(CSV_HEADERS + _chunk(ROWS))
    outcome = load.outcome_of(port, "/deliberations/export.csv", 5, "CSV filtré")
    results = [(0.0, "CSV filtré", 0.01, outcome), (0.1, "liste", 0.02, 200)]
    load.table(results, 1.0, "Charge")
    printed = capsys.readouterr().out
    assert "| CSV filtré | 1 | 1.0 | 10 | 10 | 10 | 1 |" in printed
    assert "| liste | 1 | 1.0 | 20 | 20 | 20 | 0 |" in printed
    assert "Réponses : 200 × 1, corps tronqué × 1" in printed


def test_the_workload_keeps_going_when_every_stream_is_cut():
    """Every answer cut after its headers: the clients run to the end and record each one."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    stop = threading.Event()

    def answer_all():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.recv(65536)
                connection.sendall(CSV_HEADERS + _chunk(ROWS))

    thread = threading.Thread(target=answer_all, daemon=True)
    thread.start()
    urls = {kind: ["/deliberations/export.csv"] for kind, _ in load.MIX}
    try:
        results, elapsed = load.workload(port, urls, seconds=0.5, clients=2, timeout=5, seed=1)
    finally:
        stop.set()
        thread.join()
        server.close()
    assert elapsed >= 0.5
    assert len(results) >= 2
    assert {outcome for *_, outcome in results} == {"corps tronqué"}


@pytest.mark.parametrize("extra", [["--fault"], ["--from-database", "postgres://ailleurs/base"]])
def test_measuring_a_database_in_place_refuses_to_stop_or_copy_it(extra, capsys):
    with pytest.raises(SystemExit) as stopped:
        load.main(["--database", "postgres://postgres@127.0.0.1:5432/portal_bench", *extra])
    assert stopped.value.code == 2
    assert ("--database mesure une base sans la copier : ni --fault (le banc n'arrête jamais "
            "un serveur qu'il n'a pas démarré), ni --from-database.") in capsys.readouterr().err
