"""scripts/system-packages.sh on stand-in commands: nothing is installed on or removed from this machine.

PATH holds only stubs: `id` says who we are, `apt-get` records its arguments and
"installs" a package by creating its command, and the commands a package
provides exist or not as each test decides.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "system-packages.sh"
PROVIDES = {"chromium": "chromium", "graphviz": "dot", "r-base-core": "Rscript"}


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for tool in ("grep", "cat", "chmod", "touch"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    # apt-get install creates each package's command, as the real one would; Rscript finds readr once r-cran-readr is in.
    rscript = f"[ -e {tmp_path}/readr ]"
    creates = " ".join(f"{pkg}) printf '#!/bin/sh\\nexit 0\\n' > {bin_dir}/{cmd}; chmod +x {bin_dir}/{cmd};;" for pkg, cmd in PROVIDES.items()
                       if pkg != "r-base-core")
    creates += f" r-base-core) printf '#!/bin/sh\\n{rscript}\\n' > {bin_dir}/Rscript; chmod +x {bin_dir}/Rscript;;"
    stub(bin_dir, "apt-get", f'echo "$@" >> {log}\n[ "$1" = install ] || exit 0\nfor p in "$@"; do case "$p" in {creates} '
                             f'r-cran-readr) touch {tmp_path}/readr;; esac; done')

    def run(*packages: str, uid: int = 0, have: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        stub(bin_dir, "id", f"echo {uid}")
        for package in have:
            if package == "r-cran-readr":
                (tmp_path / "readr").touch()
            elif package == "r-base-core":
                stub(bin_dir, "Rscript", rscript)
            else:
                stub(bin_dir, PROVIDES[package], "exit 0")
        return subprocess.run(["/bin/sh", str(SCRIPT), "ensure", *packages], env={"PATH": str(bin_dir)}, capture_output=True, text=True)

    run.apt_calls = lambda: log.read_text().splitlines() if log.exists() else []  # type: ignore[attr-defined]
    return run


def test_nothing_happens_when_everything_is_there(machine):
    done = machine("chromium", "graphviz", uid=1000, have=("chromium", "graphviz"))
    assert done.returncode == 0 and machine.apt_calls() == []


def test_root_installs_only_what_is_missing(machine):
    done = machine("chromium", "graphviz", "r-base-core", "r-cran-readr", uid=0, have=("graphviz",))
    assert done.returncode == 0, done.stderr
    assert machine.apt_calls() == ["update -qq", "install -y -qq --no-install-recommends chromium r-base-core r-cran-readr"]


def test_without_root_it_stops_with_the_one_command_to_run(machine):
    done = machine("chromium", "graphviz", uid=1000, have=("graphviz",))
    assert done.returncode == 1 and machine.apt_calls() == []
    assert "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium'" in done.stderr


def test_an_install_that_does_not_provide_the_command_fails(machine, tmp_path):
    stub(tmp_path / "bin", "apt-get", "exit 0")  # installs nothing
    done = machine("chromium", uid=0)
    assert done.returncode == 1 and "chromium is installed but still not usable" in done.stderr


def test_only_package_names_reach_apt(machine):
    done = machine("chromium;rm", uid=0)
    assert done.returncode == 2 and machine.apt_calls() == []
