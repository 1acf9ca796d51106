from django.core import mail
from django.db import transaction

import pytest

from outbox.services import email_later

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_email_is_sent_once_the_transaction_commits():
    with transaction.atomic():
        email_later("عنوان", "نص", ["editor@dima.test"])
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["editor@dima.test"]]


def test_a_rolled_back_request_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_later("عنوان", "نص", ["editor@dima.test"])
        raise RuntimeError("the request failed")
    assert mail.outbox == []


def test_the_subject_is_one_line_whatever_the_text_held():
    email_later("سطر\r\nBcc: victim@example.com", "نص", ["editor@dima.test"])
    assert mail.outbox[0].subject == "سطر Bcc: victim@example.com"


def test_no_recipients_queue_nothing():
    email_later("عنوان", "نص", [])
    assert mail.outbox == []
