"""The parser package stays pure: importing it loads no Django module (it runs in the admin,
in a management command and in a benchmark without settings)."""

import subprocess
import sys

from django.conf import settings


def test_parser_package_imports_no_django():
    code = ("import sys; import deliberations.minutes.parsing as parsing; "
            "parsing.parse_attendance('Présents : DUPONT Jean'); "
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True,
                         text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
