"""Make tests/fixtures/labelstudio/ with a real Label Studio: project, tasks, annotations, JSON export.

Needs the `label-studio` package in a throwaway virtual environment (never the
project's .venv, never requirements), for example:

    python3.11 -m venv /tmp/labelstudio && /tmp/labelstudio/bin/pip install label-studio
    .venv/bin/python -m annotate.labelstudio.make_fixture --label-studio /tmp/labelstudio/bin/label-studio

It starts Label Studio on 127.0.0.1 only, with a fresh data folder, creates a
project with the shipped labeling config through the API, imports two tasks
(a short text with characters beyond U+FFFF before the names it annotates, and
the package's article), annotates them through the API as a person would in
the editor, exports the project as JSON through the API, and stops the server.
Not run in CI: the committed export is the test fixture.

Offsets: this version's editor stores code points (its DOM manager splits the
text with [...text]); editors affected by Label Studio's issues #1347 and #4988
stored UTF-16 code units (JavaScript string lengths). The astral-plane task
gets one annotation of each kind, so the export holds both as Label Studio
stores and exports them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from annotate.spans import code_points_to_utf16

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("config.xml")
OUT = ROOT / "tests" / "fixtures" / "labelstudio"
ASTRAL_TEXT = OUT / "astral-article.txt"
ASTRAL_ID = "astral-article"
ARTICLE_ID = "us-weapons-militias"
ARTICLE_TEXT = ROOT / "data" / "source" / f"{ARTICLE_ID}.txt"

# What the person marks: (label, words, which occurrence from 1, actor id typed for the region or "").
ASTRAL_REGIONS = [
    ("mention", "Bloomberg News", 1, "bloomberg-news"),
    ("mention", "Kata’ib Hezbollah", 1, ""),
    ("quote", "We will keep it,", 1, ""),
    ("cue", "told", 1, ""),
    ("mention", "a commander", 1, ""),
    ("mention", "Bloomberg News", 2, "bloomberg-news"),
]
ARTICLE_REGIONS = [
    ("mention", "Bloomberg News", 1, "bloomberg-news"),
    ("quote", "We have no reason to believe that there is any effort by the Iraqi government to transfer U.S.-supplied weapons to Shia militia,",
     1, "alistair-baskey"),
    ("cue", "told", 1, ""),
    ("mention", "Alistair Baskey", 1, "alistair-baskey"),
]


class Client:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: object = None) -> bytes:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{method} {path}: HTTP {error.code}: {error.read()[:2000].decode('utf-8', 'replace')}") from None

    def json(self, method: str, path: str, body: object = None) -> Any:
        return json.loads(self.call(method, path, body))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Label Studio exited with code {server.returncode} before answering")
        try:
            with urllib.request.urlopen(base + "/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise SystemExit(f"Label Studio did not answer at {base} within {seconds:.0f} s")


def region_id(task_key: str, n: int, flavour: str) -> str:
    """Ten characters, like the editor's region ids; stable so that the fixture is reproducible."""
    return hashlib.sha256(f"{task_key}/{flavour}/{n}".encode()).hexdigest()[:10]


def result(text: str, regions: list[tuple[str, str, int, str]], task_key: str, flavour: str) -> list[dict]:
    """The annotation result as the editor stores it: labelled regions, per-region text areas, relations."""
    out: list[dict] = []
    ids: dict[str, str] = {}
    for n, (label, words, nth, actor) in enumerate(regions, 1):
        start = -1
        for _ in range(nth):
            start = text.index(words, start + 1)
        end = start + len(words)
        if flavour == "utf16":
            start, end = code_points_to_utf16(text, start), code_points_to_utf16(text, end)
        ident = region_id(task_key, n, flavour)
        if label in ("quote", "cue"):
            ids[label] = ident
        value = {"start": start, "end": end, "text": words}
        out.append({"id": ident, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                    "value": {**value, "labels": [label]}})
        if actor:
            out.append({"id": ident, "from_name": "actor_id", "to_name": "text", "type": "textarea", "origin": "manual",
                        "value": {"start": start, "end": end, "text": [actor]}})
    if ids.get("quote") and ids.get("cue"):
        out.append({"from_id": ids["cue"], "to_id": ids["quote"], "type": "relation", "direction": "right", "labels": ["cue of"]})
    return out


def annotate_and_export(client: Client) -> bytes:
    """Project, tasks and annotations through the API, as a person would make them; the project's JSON export."""
    project = client.json("POST", "/api/projects/", {"title": "fixture", "label_config": CONFIG.read_text(encoding="utf-8")})
    pid = project["id"]
    astral = ASTRAL_TEXT.read_text(encoding="utf-8")
    article = ARTICLE_TEXT.read_text(encoding="utf-8")
    client.json("POST", f"/api/projects/{pid}/import", [{"text": astral, "article_id": ASTRAL_ID}, {"text": article, "article_id": ARTICLE_ID}])
    tasks = client.json("GET", f"/api/tasks/?project={pid}&page_size=100")
    tasks = tasks["tasks"] if isinstance(tasks, dict) else tasks
    by_article = {task["data"]["article_id"]: task["id"] for task in tasks}
    for flavour in ("code_points", "utf16"):
        client.json("POST", f"/api/tasks/{by_article[ASTRAL_ID]}/annotations/",
                    {"result": result(astral, ASTRAL_REGIONS, ASTRAL_ID, flavour), "lead_time": 60.0})
    client.json("POST", f"/api/tasks/{by_article[ARTICLE_ID]}/annotations/",
                {"result": result(article, ARTICLE_REGIONS, ARTICLE_ID, "code_points"), "lead_time": 120.0})
    return client.call("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label-studio", required=True, help="the label-studio executable of the throwaway environment")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--log", type=Path, help="where Label Studio's own output goes (default: nowhere)")
    parser.add_argument("--url", help="use a Label Studio already running there (on 127.0.0.1) instead of starting one")
    parser.add_argument("--token", help="with --url: the API token of its user")
    args = parser.parse_args(argv)

    executable = shutil.which(args.label_studio) or args.label_studio
    # Asked of its own interpreter: `label-studio --version` migrates a database in the home folder first.
    python = Path(executable).with_name("python")
    version = "label-studio " + subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('label-studio'))"],
                                               capture_output=True, text=True, check=True).stdout.strip()
    if args.url:
        export = annotate_and_export(Client(args.url.rstrip("/"), args.token))
    else:
        export = start_and_export(executable, args.log)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "export.json").write_bytes(export)
    (args.out / "label-studio-version.txt").write_text(version + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'export.json'} ({len(export)} bytes) from {version}")
    return 0


def start_and_export(executable: str, log_path: Path | None) -> bytes:
    """Start Label Studio on 127.0.0.1 with a fresh data folder, make the export, stop it."""
    port, token = free_port(), secrets.token_hex(20)
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="labelstudio-") as data_dir:
        env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": data_dir, "COLLECT_ANALYTICS": "false", "LATEST_VERSION_CHECK": "false"}
        command = [executable, "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port), "--data-dir", data_dir,
                   "--username", "fixture@example.org", "--password", secrets.token_hex(12), "--user-token", token,
                   "--enable-legacy-api-token", "--log-level", "WARNING"]
        log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(base, server)
            return annotate_and_export(Client(base, token))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
