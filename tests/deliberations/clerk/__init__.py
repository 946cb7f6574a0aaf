"""The clerk's path through the admin, on the real records."""
