"""A real SMTP server on the loopback (aiosmtpd), started by the test, and the portal's
SMTP backend pointed at it: the alert tests read what a mail server actually received."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class Recorder:
    """Keeps every message accepted; refuses the n-th DATA when `refuse_at` is set (a
    server failing in the middle of a run)."""

    def __init__(self):
        self.messages = []
        self.refuse_at = None
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.refuse_at is not None and self.attempts == self.refuse_at:
            return "451 4.3.0 Erreur temporaire du serveur"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for rcpt, message in self.messages if address in rcpt]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.PUBLIC_BASE_URL = "https://deliberations.example.org"
    settings.DEFAULT_FROM_EMAIL = "assemblees@example.org"
    settings.PORTAL_NAME = "Registre des délibérations"
    yield recorder
    controller.stop()


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def header(message, name) -> str:
    """A header's value as a mail client shows it (the folding whitespace Django's encoder
    puts after the colon of a long encoded header is not part of the value)."""
    return str(message[name]).strip()
