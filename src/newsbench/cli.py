"""The ``newsbench`` command line: a thin layer that parses arguments and calls one library function.

Each subcommand lives in ``newsbench.commands.<module>`` with ``register(subparsers)`` and ``run(args) -> int``;
command modules import their heavy dependencies inside ``run`` so ``newsbench --help`` stays instant.
Exit codes: 0 ok, 1 data problems, 2 usage errors. Data goes to stdout or ``--output``; progress and problems
go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from .problems import NewsbenchError, UsageError, ValidationFailed

# command name -> module under newsbench.commands (several commands may share a module)
COMMANDS: dict[str, str] = {
    "ingest": "core",
    "validate": "core",
    "schema": "core",
    "labelstudio": "labelstudio",
    "score": "scoring",
    "align": "scoring",
    "agreement": "scoring",
    "show": "viewer",
    "report": "viewer",
    "build": "build",
    "export": "build",
    "predict": "baselines",
    "prompt": "baselines",
    "bench": "baselines",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbench",
        description="Annotated news corpus and extraction benchmark: ingest, validate, annotate, build, score.",
        epilog="Run 'newsbench COMMAND --help' for a command's options and an example.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"newsbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    registered: set[str] = set()
    for module_name in dict.fromkeys(COMMANDS.values()):
        module = importlib.import_module(f"newsbench.commands.{module_name}")
        module.register(sub)
        registered.add(module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except ValidationFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"newsbench {args.command}: {exc}", file=sys.stderr)
        return 2
    except NewsbenchError as exc:
        print(f"newsbench {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
