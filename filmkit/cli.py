"""The ``filmkit`` command: one entry point for every job a user runs.

    filmkit --help
    filmkit check-env            # is this computer ready for the kit?
    filmkit run [NOTEBOOK ...]   # run notebooks in place (authors)
    filmkit exercises [--check]  # build student and solution versions (authors)
    filmkit progress [FOLDER]    # which exercise checks pass

``python -m filmkit`` is the same command. Each subcommand imports only what it needs,
so ``filmkit --help`` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> (module with a ``main(argv)``, one-line help, how it takes its arguments)
COMMANDS = {
    "check-env": ("filmkit.tools.envcheck", "check that this computer has what the kit needs"),
    "run": ("filmkit.tools.notebooks", "run notebooks top to bottom and save their outputs in place"),
    "exercises": ("filmkit.tools.exercises", "build the student and solution versions of the exercises"),
    "progress": ("filmkit.tools.selfcheck", "run exercise notebooks and list which checks pass"),
    "release": ("filmkit.tools.release", "make the student release: a git folder without solutions, key or rubrics"),
    "grade": ("filmkit.tools.grade", "grade a folder of handed-in exercise notebooks with otter-grader (CSV + written answers)"),
    "app": ("filmkit.tools.app", "serve every module and app with the code hidden (Voila), from a landing page"),
    "slides": ("filmkit.tools.slides", "write every module as static reveal.js slides that work offline"),
    "hub": ("filmkit.tools.hub", "run a JupyterHub for a class on this machine, and make the students' link"),
    "handouts": ("filmkit.tools.handouts", "write printable PDFs: modules without code, quotes, ledger, matrix, exercises"),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="filmkit",
        description="Teaching kit on generative AI in film production: commands for learners, instructors and authors.",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
        cmd.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return top


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        parser().print_help()
        return 0
    if args[0] not in COMMANDS:
        parser().print_usage(sys.stderr)
        print(f"filmkit: unknown command {args[0]!r}; known: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return int(module.main(args[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
