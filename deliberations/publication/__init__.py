"""Publication for reuse: JSON API, serializers, Atom and iCalendar feeds, SCDL CSV, filters."""
