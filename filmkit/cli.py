"""The ``filmkit`` command: one entry point for every job a user runs.

    filmkit --help
    filmkit check-env            # is this computer ready for the kit?
    filmkit run [NOTEBOOK ...]   # run notebooks in place (authors)
    filmkit exercises [--check]  # build student and solution versions (authors)
    filmkit progress [FOLDER]    # which exercise checks pass
    filmkit --lang es COMMAND    # messages in Spanish, and the Spanish edition (default: $FILMKIT_LANG)

``python -m filmkit`` is the same command. Each subcommand imports only what it needs,
so ``filmkit --help`` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from filmkit.i18n import LANGUAGES, N_, LanguageError, _, use_language

#: subcommand -> (module with a ``main(argv)``, one-line help); the help is translated where it is shown
COMMANDS = {
    "check-env": ("filmkit.tools.envcheck", N_("check that this computer has what the kit needs")),
    "run": ("filmkit.tools.notebooks", N_("run notebooks top to bottom and save their outputs in place")),
    "exercises": ("filmkit.tools.exercises", N_("build the student and solution versions of the exercises")),
    "progress": ("filmkit.tools.selfcheck", N_("run exercise notebooks and list which checks pass")),
    "release": ("filmkit.classroom.release",
                N_("make the student release: a git folder without solutions, key or rubrics")),
    "grade": ("filmkit.classroom.grade",
              N_("grade a folder of handed-in exercise notebooks, reading answers as data (CSV + written answers)")),
    "app": ("filmkit.classroom.app", N_("serve every module and app with the code hidden (Voila), from a landing page")),
    "slides": ("filmkit.classroom.slides", N_("write every module as static reveal.js slides that work offline")),
    "hub": ("filmkit.classroom.hub", N_("run a JupyterHub for a class on this machine, and make the students' link")),
    "translate": ("filmkit.tools.editions",
                  N_("keep the Spanish and French editions in step: extract, build, check")),
    "handouts": ("filmkit.classroom.handouts",
                 N_("write printable PDFs: modules without code, quotes, ledger, matrix, exercises")),
    "mark": ("filmkit.classroom.marking",
             N_("mark the written tasks with their rubrics in the browser; marks are saved as you go")),
    "feedback": ("filmkit.classroom.feedback",
                 N_("write one feedback file per student (checks, rubric levels, comments) and the gradebook")),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="filmkit",
        description=_("Teaching kit on generative AI in film production: commands for learners, instructors and "
                      "authors."),
    )
    top.add_argument("--lang", metavar="|".join(LANGUAGES),
                     help=_("the language of every command's messages, and the edition a command uses when it has "
                            "no --lang of its own (default: $FILMKIT_LANG, else en); put it before the command"))
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=_(help_text), description=_(help_text), add_help=False)
        cmd.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return top


def _language(args: list[str]) -> tuple[str | None, list[str]]:
    """``--lang CODE`` or ``--lang=CODE`` before the command: (CODE, the other arguments)."""
    if args and args[0] == "--lang":
        return (args[1] if len(args) > 1 else ""), args[2:]
    if args and args[0].startswith("--lang="):
        return args[0].split("=", 1)[1], args[1:]
    return None, args


#: set to 1 to see a Python traceback instead of the one-line message (for whoever fixes the kit)
DEBUG = "FILMKIT_DEBUG"


def main(argv: list[str] | None = None) -> int:
    """Run a command; an error no command foresaw is still one message, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(_("filmkit: stopped (Ctrl+C)."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a command that stopped reading (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a user never sees a traceback
        if os.environ.get(DEBUG):
            raise
        print(_("filmkit: the command stopped on an error it did not expect: {error}: {detail}\nNothing more was "
                "done. Check the paths and values you gave; if they are right, please report this (run it again "
                "with {variable}=1 to see the details).").format(
            error=type(exc).__name__, detail=str(exc).splitlines()[0][:300] if str(exc) else "", variable=DEBUG),
            file=sys.stderr)
        return 1


def _main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang, args = _language(args)
    if lang is None:
        return _run(args)
    try:
        with use_language(lang):
            pass
    except LanguageError as exc:
        parser().print_usage(sys.stderr)
        print(_("filmkit: {error}").format(error=exc), file=sys.stderr)
        return 2
    with use_language(lang):  # also $FILMKIT_LANG, for the processes a command starts
        return _run(args)


def _run(args: list[str]) -> int:
    if not args or args[0] in ("-h", "--help"):
        parser().print_help()
        return 0
    if args[0] not in COMMANDS:
        parser().print_usage(sys.stderr)
        print(_("filmkit: unknown command {command!r}; known: {commands}").format(
            command=args[0], commands=", ".join(COMMANDS)), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return int(module.main(args[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
