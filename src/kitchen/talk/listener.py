"""The listener: a thread that reads a source, calibrates, and decides talk ten times a second.

Its status is one of:

- ``"calibrating"``: the first ``calibration_s`` seconds, learning the room (frames are
  handed on with ``talk=False``: calibration is never talk);
- ``"listening"``: deciding talk (each frame is handed on a few frames late: the detector
  looks ahead, ``detector.delay`` frames, 0.4 s);
- ``"lost"``: it was giving sound and stopped (``status_detail``: "microphone lost", "end of
  file", ...);
- ``"none"``: it never gave sound (``status_detail``: "no microphone", "talk extra not
  installed (...)", ...).

Nothing raises out of the listener and nothing is written to disk: the samples live only in
the thread's variables (and the calibration buffer, freed once calibrated).
"""

from __future__ import annotations

import threading

from kitchen.talk.detector import Detector, make_detector
from kitchen.talk.frames import FRAME_S, TalkFrame
from kitchen.talk.sources import Source, SourceError

STATUSES = ("calibrating", "listening", "lost", "none")
"""Every value :attr:`Listener.status` takes."""


class Listener:
    """Listen to ``source`` as microphone ``mic``, in a background thread.

    ``detector``: a detector from :func:`~kitchen.talk.detector.make_detector` (None: "auto",
    made when listening starts). ``calibration_s``: seconds of calibration (0: none; the
    detector keeps its defaults).
    """

    def __init__(
        self,
        source: Source,
        mic: int = 0,
        detector: Detector | None = None,
        calibration_s: float = 10.0,
    ) -> None:
        self.source = source
        self.mic = mic
        self._detector = detector
        self._calibration_frames = max(0, round(calibration_s / FRAME_S))
        self._lock = threading.Lock()
        self._frames: list[TalkFrame] = []
        self._status = "calibrating" if self._calibration_frames else "listening"
        self._detail = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> str:
        """ "calibrating", "listening", "lost" or "none" (see the module docstring)."""
        with self._lock:
            return self._status

    @property
    def status_detail(self) -> str:
        """Why the status is "lost" or "none", in a few words ("" otherwise)."""
        with self._lock:
            return self._detail

    @property
    def running(self) -> bool:
        """Whether the listening thread is still going."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start listening in a background thread (a second call does nothing)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._run, name=f"talk-listener-{self.mic}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop listening and close the source; frames not yet drained stay drainable."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end by itself (a file source's end), at most ``timeout`` s."""
        if self._thread is not None:
            self._thread.join(timeout)

    def drain(self) -> list[TalkFrame]:
        """The frames decided since the last drain, oldest first (thread-safe)."""
        with self._lock:
            frames, self._frames = self._frames, []
        return frames

    def _set(self, status: str, detail: str = "") -> None:
        with self._lock:
            self._status, self._detail = status, detail

    def _run(self) -> None:
        try:
            detector = self._detector or make_detector("auto")
        except (ImportError, ValueError) as error:
            self._set("none", f"talk extra not installed ({error})")
            return
        try:
            self.source.open()
        except SourceError as error:
            self._set("none", error.detail)
            return
        except Exception as error:  # a source's unexpected failure is still only a status
            self._set("none", f"no microphone ({type(error).__name__})")
            return
        try:
            self._listen(detector)
        finally:
            self.source.close()

    def _listen(self, detector: Detector) -> None:
        calibration: list[bytes] = []
        read = 0  # frames read from the source
        decided = 0  # frames handed on (verdicts come detector.delay frames late)
        while not self._stop.is_set():
            try:
                data = self.source.read()
            except SourceError as error:
                self._set("lost", error.detail)
                break
            except Exception as error:  # as above: the round goes on without this microphone
                self._set("lost", f"microphone lost ({type(error).__name__})")
                break
            if data is None:
                self._set("lost", "end of file")
                break
            if read < self._calibration_frames:
                calibration.append(data)
                self._hand_on(decided, False, detector.level_db(data))
                decided += 1
                if len(calibration) == self._calibration_frames:
                    detector.calibrate(b"".join(calibration))
                    calibration.clear()
                    self._set("listening")
            else:
                verdict = detector.frame(data)
                if verdict is not None:
                    self._hand_on(decided, verdict.talk, verdict.level_db)
                    decided += 1
            read += 1
        for verdict in detector.flush():
            self._hand_on(decided, verdict.talk, verdict.level_db)
            decided += 1

    def _hand_on(self, index: int, talk: bool, level_db: float) -> None:
        with self._lock:
            self._frames.append(TalkFrame(self.mic, index, talk, level_db))
