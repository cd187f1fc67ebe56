#!/usr/bin/env python
"""Django's command-line utility for the portal."""

import os
import sys
from pathlib import Path

# The Django project lives in site/ as the package `config`: the standard
# library owns the module name `site`, so the folder goes on the path instead.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
