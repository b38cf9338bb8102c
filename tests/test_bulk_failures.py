"""A bulk run that cannot finish says what happened in one line, ends its workers and leaves nothing behind:
a worker killed mid-run (exit status 3), a run sent SIGTERM (143) or SIGINT (130). Each run is a real
`python -m scorer.cli score` subprocess on a rows table of 30,000 rows, 2 workers, bounded in time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest
from conftest import ROOT

psutil = pytest.importorskip("psutil")
pytestmark = pytest.mark.slow  # a scoring run of a few seconds each


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    from bench.synthetic import write_corpus

    path = tmp_path_factory.mktemp("table") / "rows_table.csv"
    write_corpus(path, 30_000, seed=5)
    return path


def _start(table: Path, out: Path, scratch: Path) -> tuple[subprocess.Popen, list]:
    """Starts a bulk run; returns once its two workers exist and scoring has begun (pass 2's temporary rows
    file is there, beside the run's own temporary output), with the workers' processes."""
    env = dict(os.environ, TMPDIR=str(scratch), ZHIBIAO_LANG="zh")
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scorer.cli",
            "score",
            str(table),
            "-o",
            str(out / "rows.csv"),
            "--projects",
            str(out / "projects.csv"),
            "-j",
            "2",
            "--no-model",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    main = psutil.Process(run.pid)
    while time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        workers = [p for p in main.children() if "resource_tracker" not in " ".join(p.cmdline())]
        if len(workers) >= 2 and len(list(out.glob(".*rows.csv*"))) >= 2:
            return run, workers
        time.sleep(0.02)
    run.kill()
    raise AssertionError("the run did not start scoring within 60 s")


def _finish(run: subprocess.Popen) -> tuple[int, str]:
    _, stderr = run.communicate(timeout=60)
    return run.returncode, stderr.decode("utf-8")


def _nothing_left(out: Path, scratch: Path, workers: list) -> None:
    assert sorted(p.name for p in out.iterdir()) == []  # no output, no temporary file beside it
    assert sorted(p.name for p in scratch.iterdir()) == []  # no spooled projects
    for worker in workers:
        try:
            worker.wait(timeout=5)
        except psutil.TimeoutExpired:
            raise AssertionError(f"worker {worker.pid} outlived the run") from None


@pytest.fixture
def places(tmp_path) -> tuple[Path, Path]:
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    out.mkdir()
    scratch.mkdir()
    return out, scratch


def test_a_worker_killed_mid_run_names_the_chunk_and_the_cause(table, places):
    out, scratch = places
    run, workers = _start(table, out, scratch)
    workers[0].send_signal(signal.SIGKILL)
    status, stderr = _finish(run)
    assert status == 3, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert "rows_table.csv 第 " in lines[0] and " 行（" in lines[0]  # the chunk: file, rows, documents
    assert "SIGKILL" in lines[0] and "未写出任何文件" in lines[0]
    _nothing_left(out, scratch, workers)


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_run_sent_a_signal_stops_its_workers_and_removes_its_temporary_files(table, places, name, status):
    out, scratch = places
    (out / "rows.csv").write_text("earlier output\n", encoding="utf-8")
    run, workers = _start(table, out, scratch)
    run.send_signal(getattr(signal, name))
    code, stderr = _finish(run)
    assert code == status, stderr
    assert stderr.strip().splitlines() == [f"错误：收到 {name}，评分已停止：评分进程已结束，临时文件已删除，未写出任何文件"]
    assert (out / "rows.csv").read_text(encoding="utf-8") == "earlier output\n"  # an earlier output stays
    (out / "rows.csv").unlink()
    _nothing_left(out, scratch, workers)


def test_a_run_sent_sigint_again_while_it_stops_still_ends_with_its_one_line(table, places):
    """Found in review: ^C pressed again while the run cleaned up after the first printed a KeyboardInterrupt
    traceback and exited -2. Signals are ignored once the run is stopping."""
    out, scratch = places
    run, workers = _start(table, out, scratch)
    while run.poll() is None:  # ^C, again and again, until the run has ended
        run.send_signal(signal.SIGINT)
        time.sleep(0.01)
    code, stderr = _finish(run)
    assert code == 130, stderr
    assert stderr.strip().splitlines() == ["错误：收到 SIGINT，评分已停止：评分进程已结束，临时文件已删除，未写出任何文件"]
    _nothing_left(out, scratch, workers)


def test_a_worker_past_the_memory_bound_ends_the_run_naming_the_chunk_and_the_bound(tmp_path):
    """One document of 30,000 rows needs well over 160 MB of a worker's own memory to score (a worker starts
    with under 80 MB of its own); a bound of 110 MB stops the run with the one line, exit status 3, and no
    output (earlier outputs unchanged)."""
    from bench.synthetic import write_corpus

    table = tmp_path / "export.csv"
    write_corpus(table, 30_000, seed=5, shape="export-zh")
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "rows.csv"
    earlier.write_text("earlier results\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "score", str(table), "-o", str(earlier), "-j", "2", "--max-memory", "110"],
        cwd=ROOT,
        env=dict(os.environ, ZHIBIAO_LANG="zh"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [line for line in run.stderr.splitlines() if line.startswith("错误")]
    assert run.returncode == 3, run.stderr
    assert len(errors) == 1 and "Traceback" not in run.stderr, run.stderr
    assert "export.csv 第 2–30001 行" in errors[0] and "内存超过上限 110 MB" in errors[0], errors[0]
    assert earlier.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in out.iterdir()) == ["rows.csv"]  # no temporary file left beside it


class _EndedWorker:
    """A worker process that has ended (its sentinel is ready) but whose exit status reads None for its first
    `unknown_reads` reads, as while the pool's own thread is reaping it."""

    def __init__(self, pid: int, code: int, unknown_reads: int = 0):
        self.pid = pid
        self._code = code
        self._unknown_reads = unknown_reads
        self.sentinel, write_end = os.pipe()
        os.close(write_end)  # at end of file, so ready: as a dead process's sentinel

    def join(self, timeout: float | None = None) -> None:
        return None

    @property
    def exitcode(self) -> int | None:
        if self._unknown_reads:
            self._unknown_reads -= 1
            return None
        return self._code


@pytest.fixture
def board(monkeypatch):
    """A WorkerBoard over two ended workers, slots (pid, chunk, over memory) given by the test."""
    from scorer.engines.bulk import WorkerBoard

    monkeypatch.setenv("ZHIBIAO_LANG", "zh")
    made: list[_EndedWorker] = []

    def make(*workers: tuple[_EndedWorker, int, int]) -> WorkerBoard:
        fields = [field for worker, chunk, over in workers for field in (worker.pid, chunk, over)]
        board = WorkerBoard(pool=None, board=fields, max_memory_mb=110)
        board.processes = [worker for worker, _, _ in workers]
        made.extend(board.processes)
        return board

    yield make
    for worker in made:
        os.close(worker.sentinel)


def test_the_worker_that_said_it_passed_the_memory_bound_is_named_whatever_the_exit_statuses_read(board):
    """The worker over the bound marks its slot before it ends itself; the pool then ends the other one with
    SIGTERM. For a moment the first one's status may read as unknown: the mark decides, not the statuses."""
    workers = board(
        (_EndedWorker(101, -signal.SIGTERM), 4, 0),
        (_EndedWorker(102, 86, unknown_reads=10**6), 7, 1),
    )
    assert workers.dead() == (102, 86)
    assert workers.chunk_of(102) == 7
    assert workers.cause().startswith("内存超过上限 110 MB（--max-memory）")


def test_an_ended_worker_whose_status_is_not_yet_known_is_asked_again(board):
    workers = board(
        (_EndedWorker(101, -signal.SIGTERM), 4, 0),
        (_EndedWorker(102, -signal.SIGKILL, unknown_reads=3), 7, 0),
    )
    assert workers.dead() == (102, -signal.SIGKILL)
    assert workers.cause().startswith("被系统以 SIGKILL 强行结束")


def test_stopping_the_workers_waits_for_the_pools_own_thread():
    """Left running, the pool's thread closes its wake-up pipe while the interpreter's exit hook writes to
    it: the user would read a traceback ("Bad file descriptor") under the one line of a stopped run."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from scorer.engines.bulk import WorkerBoard

    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    running = [pool.submit(time.sleep, 30) for _ in range(2)]
    workers = WorkerBoard(pool, board=[0] * 6)
    workers.record()
    manager: threading.Thread | None = pool._executor_manager_thread  # type: ignore[assignment]  # typeshed has it wrong
    assert manager is not None and manager.is_alive()
    started = time.monotonic()
    workers.stop()
    assert not manager.is_alive()
    assert all(not process.is_alive() for process in workers.processes)
    assert time.monotonic() - started < 10
    assert all(future.done() for future in running)


def _end_in_the_middle_of_a_result() -> None:
    """In a worker: write the start of a result message to the pool's pipe, then end, as a worker that the
    system kills while it sends a large result."""
    import struct

    frame: types.FrameType | None = sys._getframe()
    while frame is not None and "result_queue" not in frame.f_locals:  # the pool's worker loop, below us
        frame = frame.f_back
    assert frame is not None
    frame.f_locals["result_queue"]._writer._send(struct.pack("!i", 2**20) + b"\x80" * 100)
    os._exit(9)


def test_a_worker_that_ends_while_it_sends_a_result_ends_the_run_instead_of_hanging_it():
    """The pool alone would wait for the rest of the message for ever: every worker, and the main process,
    holds the pipe's write end. The wait for a result notices the dead worker; stop() then closes the main
    process's write end, so that the pool's thread reads the end of the pipe and ends."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from scorer.engines.bulk import WorkerBoard

    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    for started in [pool.submit(time.sleep, 0.01) for _ in range(2)]:
        started.result(timeout=30)
    workers = WorkerBoard(pool, board=[0] * 6)
    workers.record()
    manager: threading.Thread | None = pool._executor_manager_thread  # type: ignore[assignment]  # typeshed has it wrong
    outcome: list[BaseException | object] = []

    def wait() -> None:
        try:
            outcome.append(workers.result(pool.submit(_end_in_the_middle_of_a_result)))
        except BaseException as exc:
            outcome.append(exc)

    waiting = threading.Thread(target=wait, daemon=True)
    waiting.start()
    waiting.join(timeout=30)
    if waiting.is_alive():
        for process in workers.processes:
            process.kill()
        pytest.fail("the wait for the result did not notice the dead worker in 30 s")
    assert len(outcome) == 1 and isinstance(outcome[0], BrokenProcessPool), outcome
    workers.stop()
    assert manager is not None and not manager.is_alive()


def test_the_memory_watch_ends_a_worker_only_within_a_task_and_says_so_on_the_board():
    """With a bound of 1 MB every worker is over it from the start. Idle, or running work that is not a task
    of the run, it is left alone (ended there, it could be sending a result); a task that finishes over the
    bound ends the process with OVER_MEMORY, its slot marked."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from scorer.engines.bulk import OVER_MEMORY, WorkerBoard, _run_task, _start_worker

    context = multiprocessing.get_context("fork")
    board, slots = context.Array("q", 3, lock=False), context.Value("i", 0)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_worker, initargs=(board, slots, 1))
    workers = WorkerBoard(pool, board, max_memory_mb=1)
    first = pool.submit(time.sleep, 0.5)  # outside a task: the watch looks twice or more, and waits
    workers.record()
    assert first.result(timeout=30) is None
    pid = pool.submit(os.getpid).result(timeout=30)
    with pytest.raises(BrokenProcessPool):
        workers.result(pool.submit(_run_task, os.getpid))
    assert workers.dead() == (pid, OVER_MEMORY)
    assert list(board) == [pid, -1, 1]
    workers.stop()


@pytest.mark.parametrize("keep_ignored", [False, True])
def test_a_library_caller_gets_its_signal_handlers_back_after_a_stop(keep_ignored):
    """A notebook that scores with score_tables gets its ^C back after a run a signal stopped; the command line, which
    exits right after, keeps signals ignored so that a ^C pressed again cannot cut its one line short (a CI run once
    ended that test with another status than 130)."""
    from scorer.engines.bulk import BulkAborted, stopped_by_signals

    before, before_term = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(BulkAborted), stopped_by_signals(keep_ignored=keep_ignored):
            signal.raise_signal(signal.SIGINT)
        expected = signal.SIG_IGN if keep_ignored else before
        assert signal.getsignal(signal.SIGINT) == expected
    finally:
        signal.signal(signal.SIGINT, before)
        signal.signal(signal.SIGTERM, before_term)
