"""The kernel every app shares (documents, search, wording, calendars, cache, limits,
registries); it imports Django and libraries, never an app."""
