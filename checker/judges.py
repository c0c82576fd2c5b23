"""A helper process that judges a long workbook's texts while this one runs the other rules.

The rules about the text itself (agency names, garbled text, broken links: the check kinds
of `checker.checks.JUDGES`) judge each distinct text of a workbook on its own, and only
then walk to the cells of the few texts they flag. At 100,000 rows that is 450,000 texts
and about 2.7 s: work that needs nothing but the texts. A helper does it beside this
process, which runs the other rules meanwhile.

The helper is forked before the workbook is read, while this process is small: a process
forked later would share the document's pages, and Python writes to every object it
reads (to count references), so the two would come to hold two copies of it (1.4 GB
instead of 0.8 GB at 100,000 rows, when a lone file's rules were shared so). The texts
go to the helper through a pipe instead, a slice at a time, sent by a thread of this
process so that it does not wait for the helper to read them; the helper keeps only the
verdicts of the texts it flags, and sends those back.

Whatever goes wrong on the helper's side (it dies, a judge raises), the texts concerned
are judged here as they would be without it, so that a crashing judge still becomes the
rule's error finding and never a silent pass. Only where fork is the safe default
(Linux), in a process without other threads, and with room in memory
(`checker.sharing.available`, `has_room`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
from typing import Callable, Hashable, Mapping, Sequence

from checker import sharing
from checker.thai import forget_texts

# A workbook file this size or more holds thousands of rows (the benchmark's 10,000-row
# report is 2.3 MB, its 1,000-row one 0.23 MB). Below it the judging takes a few tens of
# milliseconds and a second process is not worth its while: with one, the 1,000-row file
# was checked 9 ms sooner out of 0.77 s (12 pairs), within the noise.
LONG_FILE_BYTES = 1 << 20
# Texts a message carries: large enough that pickling is cheap per text, small enough
# that neither process holds much of them at a time.
SLICE = 4096


class Helper:
    """A forked process waiting for judges and texts (`judge`), whose verdicts
    `verdicts` gives. `stop` ends it, whatever state it is in."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._texts_in, self._texts_out = context.Pipe(duplex=False)
        self._verdicts_in, self._verdicts_out = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(self._texts_in, self._verdicts_out, self._texts_out,
                                                             self._verdicts_in), daemon=True)
        self._process.start()
        self._texts_in.close()  # the helper's ends: closed here, so that either side sees the other go
        self._verdicts_out.close()
        self._writer: threading.Thread | None = None
        self._keys: list[Hashable] = []
        self._found: dict[Hashable, dict] | None = None

    @classmethod
    def start(cls, path: str) -> "Helper | None":
        """A helper for the workbook at `path` when it is long and one can be had."""
        try:
            long = os.path.getsize(path) >= LONG_FILE_BYTES
        except OSError:
            return None
        if not long or not sharing.available() or not sharing.has_room():
            return None
        try:
            return cls()
        except OSError:  # no process can be started (a limit on processes or memory)
            return None

    def judge(self, judges: Mapping[Hashable, Callable[[str], object]], texts: Sequence[str]) -> None:
        """Send the judges (by the key `get` is asked for) and the texts, from a thread: this
        process goes on meanwhile."""
        self._keys = list(judges)
        self._writer = threading.Thread(target=_send, args=(self._texts_out, list(judges.values()), texts), daemon=True)
        self._writer.start()

    def get(self, key: Hashable) -> dict | None:
        """What `checker.checks.scan.judged_elsewhere` gives while the helper judges: the
        verdicts of one judge, waited for when a rule first asks."""
        return self.verdicts().get(key)

    def verdicts(self) -> dict[Hashable, dict]:
        """key -> {text: verdict} of the texts each judge flags; waits for the helper. A judge
        the helper could not apply is missing (its texts are judged here)."""
        if self._found is None:
            self._found = {}
            try:
                answer = self._verdicts_in.recv()
            except (EOFError, OSError):  # the helper died: everything is judged here
                answer = []
            for key, found in zip(self._keys, answer):
                if found is not None:
                    self._found[key] = found
            self.stop()
        return self._found

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if self._writer is not None:
            self._writer.join()  # it ends once its pipe has no reader
        self._verdicts_in.close()
        self._texts_out.close()


def _send(out, judges: list, texts: Sequence[str]) -> None:
    try:
        out.send_bytes(_PICKLED + pickle.dumps(judges))
        for start in range(0, len(texts), SLICE):
            out.send_bytes(_slice(texts[start: start + SLICE]))
        out.send_bytes(b"")
    except Exception:  # the helper is gone, or a judge cannot be sent: its verdicts will be missing
        pass
    finally:
        out.close()  # the helper sees the end of the texts, whatever stopped them


# A slice of texts goes as their UTF-8 joined by NUL (which no cell of an XML sheet holds),
# not pickled: pickling a text keeps its UTF-8 form inside the text object for as long as
# it lives, 150 MB more at 100,000 rows. A slice where a text holds a NUL all the same
# goes pickled.
_JOINED, _PICKLED = b"j", b"p"


def _slice(texts: Sequence[str]) -> bytes:
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:
        return _PICKLED + pickle.dumps(list(texts))
    return _JOINED + joined.encode("utf-8", "surrogatepass")


def _unpack(message: bytes) -> list:
    if message[:1] == _JOINED:
        return message[1:].decode("utf-8", "surrogatepass").split("\0")
    return pickle.loads(message[1:])


def _serve(texts_in, verdicts_out, texts_out, verdicts_in) -> None:
    # Ctrl-C reaches the whole process group; the main process handles it (and kills
    # this one), so that the officer sees one message, not two.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    texts_out.close()  # this process's copies of the other ends: the pipes close when
    verdicts_in.close()  # the main process's ends do
    try:
        judges = _unpack(texts_in.recv_bytes())
        found: list[dict | None] = [{} for _ in judges]
        while message := texts_in.recv_bytes():
            texts = _unpack(message)
            for index, judge in enumerate(judges):
                flagged = found[index]
                if flagged is None:
                    continue
                try:
                    for text in texts:
                        if verdict := judge(text):
                            flagged[text] = verdict
                except Exception:  # judged again in the main process, where it becomes a finding
                    found[index] = None
            forget_texts()  # the texts are distinct: nothing cached is asked for again
        verdicts_out.send(found)
    except BaseException:  # whatever it was, the main process judges the texts itself
        os._exit(1)
    os._exit(0)
