#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # manage.py is the developer's tool: development settings unless DEBUG is set. Servers
    # start from wsgi.py/asgi.py, where DEBUG is off and SECRET_KEY is required; production
    # commands set DEBUG=0 explicitly (check --deploy flags DEBUG left on).
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
