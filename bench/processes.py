"""Stopping a server started in its own process group (make, gunicorn and its workers; nginx)."""

import os
import signal
import subprocess
import time


def stop_process_group(process: subprocess.Popen, grace: float = 40) -> None:
    """SIGTERM to the whole group (graceful), SIGKILL to what is left after `grace` seconds."""
    group = process.pid
    try:
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        process.poll()  # reaps the leader; orphaned workers are reaped by init
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)
