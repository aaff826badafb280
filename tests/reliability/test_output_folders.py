"""Issue 21, items 2, 4 and 11: commands that write into a folder never replace or delete what they did not write,
and a full disk or a read-only folder gives one message and leaves nothing half-written."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from filmkit.classroom import handouts, release, slides

from .conftest import in_namespace

ROOT = Path(__file__).resolve().parents[2]
START = ROOT / "notebooks" / "00_start_here.ipynb"


@pytest.fixture
def fake_reveal(tmp_path, monkeypatch):
    """A minimal reveal.js folder (the real one comes from npm ci --prefix tools): what the slides copy."""
    reveal = tmp_path / "reveal-src"
    (reveal / "dist").mkdir(parents=True)
    (reveal / "dist" / "reveal.js").write_text("/* reveal */")
    (reveal / "plugin" / "notes").mkdir(parents=True)
    (reveal / "plugin" / "notes" / "notes.js").write_text("/* notes */")
    monkeypatch.setenv("FILMKIT_REVEAL_JS", str(reveal))
    return reveal


@pytest.fixture
def fake_chromium(tmp_path, monkeypatch):
    """A stand-in for Chromium that 'prints' a tiny PDF where it is told to."""
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\nfor a in \"$@\"; do case $a in --print-to-pdf=*) "
                      "printf '%%PDF-1.4 printed' > \"${a#--print-to-pdf=}\";; esac; done\n")
    script.chmod(0o755)
    monkeypatch.setenv("FILMKIT_CHROMIUM", str(script))
    return script


def _user_site(folder: Path) -> None:
    (folder / "reveal.js").mkdir(parents=True)
    (folder / "reveal.js" / "my-theme.css").write_text("/* mine */")
    (folder / "index.html").write_text("<p>my own page</p>")


def test_item2_slides_never_replace_a_page_or_delete_a_theme_they_did_not_write(tmp_path, fake_reveal, capsys):
    site = tmp_path / "site"
    _user_site(site)
    assert slides.main([str(site), str(START)]) == 2
    error = capsys.readouterr().err
    assert "site already holds index.html, which filmkit slides did not write" in error and "--force" in error
    assert (site / "index.html").read_text() == "<p>my own page</p>"
    assert (site / "reveal.js" / "my-theme.css").read_text() == "/* mine */"
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "reveal.js"], "nothing was written"

    assert slides.main([str(site), str(START), "--force"]) == 0
    assert (site / "reveal.js" / "my-theme.css").read_text() == "/* mine */", "--force replaces, never deletes"
    assert "00_start_here.slides.html" in (site / "index.html").read_text()
    assert slides.main([str(site), str(START)]) == 0, "files the command wrote itself are refreshed"


def test_item2_handouts_never_replace_a_pdf_they_did_not_write(tmp_path, fake_chromium, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "quotes.pdf").write_bytes(b"%PDF my own notes")
    (mine / "notes.txt").write_text("keep")
    assert handouts.main([str(mine), "--only", "quotes"]) == 2
    assert "mine already holds quotes.pdf, which filmkit handouts did not write" in capsys.readouterr().err
    assert (mine / "quotes.pdf").read_bytes() == b"%PDF my own notes"
    assert handouts.main([str(mine), "--only", "quotes", "--force"]) == 0
    assert (mine / "quotes.pdf").read_bytes() == b"%PDF-1.4 printed" and (mine / "notes.txt").read_text() == "keep"
    assert handouts.main([str(mine), "--only", "quotes"]) == 0, "its own PDF is refreshed without --force"


@pytest.mark.parametrize("command", ["slides", "handouts", "release"])
def test_item11_an_existing_file_given_as_the_output_folder_is_named(tmp_path, command, fake_reveal, fake_chromium,
                                                                      capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    main = {"slides": lambda: slides.main([str(target), str(START)]),
            "handouts": lambda: handouts.main([str(target), "--only", "quotes"]),
            "release": lambda: release.main([str(target)])}[command]
    assert main() != 0
    assert "is a file, not a folder" in capsys.readouterr().err
    assert target.read_text() == "mine"


def test_item4_a_release_onto_a_full_disk_leaves_nothing_and_the_next_run_works(tmp_path, monkeypatch, capsys):
    real, calls = shutil.copyfile, []

    def disk_fills(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) > 25:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *args, **kwargs)

    out = tmp_path / "class"
    monkeypatch.setattr(shutil, "copyfile", disk_fills)
    assert release.main([str(out)]) == 1
    error = capsys.readouterr().err
    assert "No space left on device" in error and "nothing was left there" in error
    assert not out.exists() and os.listdir(tmp_path) == []
    monkeypatch.setattr(shutil, "copyfile", real)
    assert release.main([str(out)]) == 0, "the next run is not refused as 'not empty'"
    assert (out / ".git").is_dir() and (out / "README.md").is_file()


def test_item4_a_release_onto_a_real_full_file_system(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = in_namespace([sys.executable, "-m", "filmkit", "release", str(disk / "class")], tmpfs=[(disk, "600k")],
                        cwd=ROOT)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    # the tmpfs is gone with its namespace; within it, the check is that the command cleaned up:
    script = (f"{sys.executable} -m filmkit release {disk}/class; ls -A {disk} | wc -l")
    listing = in_namespace(["sh", "-c", script], tmpfs=[(disk, "600k")], cwd=ROOT)
    assert listing.stdout.strip().splitlines()[-1] == "0", listing.stdout


@pytest.mark.parametrize("command", ["release", "slides", "handouts", "run"])
def test_item11_a_read_only_output_folder_gives_one_message(tmp_path, command, fake_reveal, fake_chromium):
    folder = tmp_path / "ro"
    folder.mkdir()
    notebook = folder / "copy.ipynb"
    shutil.copy(START, notebook)
    args = {"release": ["release", str(folder / "class")], "slides": ["slides", str(folder), str(START)],
            "handouts": ["handouts", str(folder), "--only", "quotes"], "run": ["run", str(notebook)]}[command]
    done = in_namespace([sys.executable, "-m", "filmkit", *args], read_only=[folder], cwd=ROOT,
                        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "Traceback" not in said and ("read-only" in said.lower() or "Read-only file system" in said), said
    assert sorted(p.name for p in folder.iterdir()) == ["copy.ipynb"]
