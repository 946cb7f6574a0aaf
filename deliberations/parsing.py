"""Former home of the minutes parser, now the package ``deliberations.minutes.parsing``.

Kept as a re-export until every caller imports the package (the House restructure moves the
remaining callers).
"""

from deliberations.minutes.parsing import *  # noqa: F403
from deliberations.minutes.parsing import __all__  # noqa: F401
