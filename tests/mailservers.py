"""Real SMTP servers on 127.0.0.1 for tests: one that receives (aiosmtpd), one that refuses
some recipients, one that hangs."""

import email
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd's handler: keeps each message received, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class RefusingInbox(Inbox):
    """Refuses every recipient at one domain, as a server does a mailbox that does not exist."""

    def __init__(self, refused_domain: str):
        super().__init__()
        self.refused_domain = refused_domain

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@" + self.refused_domain):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


class SMTPServer:
    def __init__(self, port: int, inbox: Inbox | None = None):
        self.inbox = inbox or Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self.inbox

    def __exit__(self, *exc):
        self.controller.stop()


class HangingServer:
    """Accepts every connection and never says a word, as a stuck mail server does."""

    def __init__(self, port: int):
        self.listener = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.listener.close()
        for conn in self.connections:
            conn.close()
        self.thread.join(timeout=5)
