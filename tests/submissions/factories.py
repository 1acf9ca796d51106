"""Readers' stories with real photos: Pillow makes them, the private storage keeps them."""

import io

from django.core.files.base import ContentFile

import factory
from PIL import Image

from submissions.models import Submission, SubmissionPhoto


def photo_bytes(
    color: str = "teal", size: tuple[int, int] = (640, 480), image_format: str = "JPEG"
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, image_format)
    return out.getvalue()


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A story; `photos=3` (or a list of colours) gives it that many JPEG photos."""

    class Meta:
        model = Submission
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"قصة قارئ رقم {n}")
    story = "جرى هذا في حينا.\n\nوهذا ما رأيناه."
    name = factory.Sequence(lambda n: f"قارئة {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    phone = "+212600000000"
    city = "مراكش"
    language = "ar"
    origin = "https://dima.example"
    content_hash = factory.Sequence(lambda n: f"submission-hash-{n}")
    ip_address = "203.0.113.7"
    ip_hash = factory.Sequence(lambda n: f"ip-hash-{n}")

    @factory.post_generation
    def photos(submission, create, extracted, **kwargs):
        if not create or not extracted:
            return
        colours = extracted if isinstance(extracted, list) else ["teal"] * extracted
        for position, colour in enumerate(colours):
            photo = SubmissionPhoto(submission=submission, position=position)
            # A named file: Django reads the dimensions of a nameless one as None.
            content = ContentFile(photo_bytes(colour), name="photo.jpg")
            photo.image.save(content.name, content, save=False)
            photo.save()


def newsroom_editor(user_model, username: str = "desk"):
    """A staff member in the newsroom's editors' group (محرر), as the migrations set it up."""
    from django.contrib.auth.models import Group

    user = user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="محرر"))
    return user
