"""E-mail alerts: subscriptions without an account (double opt-in) and digests of new acts."""
