"""Readers' photos arrive on disk, a bounded number of bounded files, whatever they send.

Django keeps a small upload in memory and stops at nothing but the request's size. The «صوتكم»
form installs PhotoUploadHandler instead (`stream_uploads_to_disk`, before the request's POST
or FILES is read): every file goes to a temporary file, a file is dropped as soon as it grows
past SUBMISSIONS_PHOTO_BYTES, and files after the first SUBMISSIONS_MAX_PHOTOS are not written
at all. Dropped data is read and thrown away, never kept, and each refusal is noted on the
request (`request.refused_uploads`) for the form to tell the reader.
"""

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.http import HttpRequest

PHOTOS_FIELD = "photos"
TOO_LARGE = "too_large"
TOO_MANY = "too_many"


class PhotoUploadHandler(TemporaryFileUploadHandler):
    """Write each file to a temporary file; skip a file too large or one too many."""

    def __init__(self, request: HttpRequest | None = None):
        super().__init__(request)
        self.kept = 0
        if request is not None and not hasattr(request, "refused_uploads"):
            request.refused_uploads = []

    def refuse(self, file_name: str, reason: str) -> None:
        if self.request is not None:
            self.request.refused_uploads.append((file_name, reason))

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        if field_name != PHOTOS_FIELD:
            raise SkipFile  # no other field of the form takes a file: nothing to say
        if self.kept >= settings.SUBMISSIONS_MAX_PHOTOS:
            self.refuse(file_name, TOO_MANY)
            raise SkipFile
        if content_length is not None and content_length > settings.SUBMISSIONS_PHOTO_BYTES:
            self.refuse(file_name, TOO_LARGE)
            raise SkipFile
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        self.kept += 1

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.SUBMISSIONS_PHOTO_BYTES:
            self.kept -= 1
            self.refuse(self.file_name, TOO_LARGE)
            self._drop_file()
            raise SkipFile
        self.file.write(raw_data)

    def file_complete(self, file_size):
        complete = super().file_complete(file_size)
        # The parser closes, on any later skip, whatever file its handlers still hold: let
        # go of this one, which is the request's now.
        del self.file
        return complete

    def _drop_file(self) -> None:
        # Closing a temporary upload deletes it from the disk.
        self.file.close()
        del self.file


def stream_uploads_to_disk(request: HttpRequest) -> None:
    """Make `request` take its files through PhotoUploadHandler (before POST/FILES is read)."""
    request.refused_uploads = []
    request.upload_handlers = [PhotoUploadHandler(request)]
