"""The `fazhi` console script: a thin wrapper around Django management commands.

`fazhi workdays add 2025-09-30 5`, `fazhi audit verify`, `fazhi evidence verify`, `fazhi demo`,
`fazhi serve`, `fazhi reports extract FILE` … are the management commands of the same names;
anything else is passed to manage.py unchanged (`fazhi migrate`, `fazhi createsuperuser`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "serve":
        args = ["runserver", *(args[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["fazhi", *args])


if __name__ == "__main__":
    main()
