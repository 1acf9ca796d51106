"""The «صوتكم» form's files go to disk, at most SUBMISSIONS_MAX_PHOTOS of bounded size."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

import pytest

from submissions.uploads import PhotoUploadHandler, stream_uploads_to_disk


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def photo(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, name.encode().ljust(size, b"."), content_type="image/jpeg")


def post_photos(rf, files, **fields):
    request = rf.post("/sawtukum/send/", {"photos": files, **fields})
    stream_uploads_to_disk(request)
    return request


def test_files_go_to_disk_and_only_the_first_allowed_ones_are_kept(rf, settings, upload_dir):
    settings.SUBMISSIONS_PHOTO_BYTES = 1000
    settings.SUBMISSIONS_MAX_PHOTOS = 5
    small = [photo(f"small-{number}.jpg", 200) for number in range(7)]
    request = post_photos(rf, [small[0], photo("huge.jpg", 5000), *small[1:]], title="عنوان")

    kept = request.FILES.getlist("photos")

    assert [file.name for file in kept] == [f"small-{number}.jpg" for number in range(5)]
    for file in kept:
        # On disk, though small enough for Django to keep it in memory otherwise.
        assert isinstance(file, TemporaryUploadedFile)
        assert os.path.exists(file.temporary_file_path())
        assert file.read() == file.name.encode().ljust(200, b".")
    assert request.refused_uploads == [
        ("huge.jpg", "too_large"),
        ("small-5.jpg", "too_many"),
        ("small-6.jpg", "too_many"),
    ]
    # Nothing of the refused files is left on the disk: only the five kept ones.
    assert sorted(os.listdir(upload_dir)) == sorted(
        os.path.basename(file.temporary_file_path()) for file in kept
    )
    assert request.POST["title"] == "عنوان"


def test_a_file_of_exactly_the_limit_is_kept_one_byte_more_is_not(rf, settings, upload_dir):
    settings.SUBMISSIONS_PHOTO_BYTES = 100_000  # more than one chunk of the parser
    request = post_photos(rf, [photo("exact.jpg", 100_000), photo("over.jpg", 100_001)])

    assert [file.name for file in request.FILES.getlist("photos")] == ["exact.jpg"]
    assert request.FILES["photos"].size == 100_000
    assert request.refused_uploads == [("over.jpg", "too_large")]
    assert len(os.listdir(upload_dir)) == 1


def test_a_part_that_announces_its_too_large_length_is_skipped_unread(rf, settings, upload_dir):
    settings.SUBMISSIONS_PHOTO_BYTES = 1000
    boundary = "b0undary"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="photos"; filename="announced.jpg"\r\n'
        "Content-Type: image/jpeg\r\n"
        "Content-Length: 5000\r\n\r\n" + "x" * 5000 + f"\r\n--{boundary}--\r\n"
    ).encode()
    request = rf.generic(
        "POST", "/sawtukum/send/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    stream_uploads_to_disk(request)

    assert not request.FILES
    assert request.refused_uploads == [("announced.jpg", "too_large")]
    assert not os.listdir(upload_dir)


def test_a_request_without_files_has_no_refusals(rf):
    request = rf.post("/sawtukum/send/", {"title": "عنوان"})
    stream_uploads_to_disk(request)
    assert request.POST["title"] == "عنوان"
    assert not request.FILES
    assert request.refused_uploads == []


def test_the_handler_is_the_only_one_the_request_uses(rf):
    request = rf.post("/sawtukum/send/", {"photos": [photo("a.jpg", 10)]})
    stream_uploads_to_disk(request)
    assert [type(handler) for handler in request.upload_handlers] == [PhotoUploadHandler]


def test_files_under_other_names_are_dropped_and_take_no_photos_place(rf, settings, upload_dir):
    settings.SUBMISSIONS_MAX_PHOTOS = 5
    junk = {f"junk{number}": photo(f"junk-{number}.jpg", 100) for number in range(6)}
    request = post_photos(rf, [photo("real.jpg", 100)], **junk)

    assert [file.name for file in request.FILES.getlist("photos")] == ["real.jpg"]
    assert list(request.FILES) == ["photos"]
    assert request.refused_uploads == []
