"""The rich-text editor, in one place: its model field, its widget and its image uploads.

Moving to another editor later means changing this module (and CKEDITOR_CONFIGS) only.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.forms.widgets import Media
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ckeditor.fields import RichTextField, RichTextFormField
from ckeditor.widgets import CKEditorWidget

from articles.images import clean_image, image_size, make_renditions, validate_image_upload


class NewsroomEditorWidget(CKEditorWidget):
    @property
    def media(self) -> Media:
        # Listed after CKEditor itself so that the merged admin media keep that order.
        return super().media + Media(js=["ckeditor/ckeditor/ckeditor.js", "js/editor-uploads.js"])


class NewsroomEditorFormField(RichTextFormField):
    widget = NewsroomEditorWidget


class RichTextEditorField(RichTextField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NewsroomEditorFormField, **kwargs})


def _refusal(message: str, status: int) -> JsonResponse:
    # JSON, never a script: nothing the request sent is echoed into executable code.
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@require_POST
def upload_image(request: HttpRequest) -> JsonResponse:
    """Receive an image dropped or pasted into the editor (CKEditor 4's JSON upload protocol)."""
    from articles.models import EditorImage

    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.add_editorimage")):
        return _refusal(_("Only editors can upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _refusal(_("No image was sent."), 400)
    try:
        validate_image_upload(upload)
        data, extension = clean_image(upload)
    except ValidationError as error:
        return _refusal(" ".join(error.messages), 400)
    image = EditorImage(uploaded_by=user)
    image.extension = extension
    field = EditorImage._meta.get_field("image")
    # Stored first, then recorded with the dimensions of the cleaned bytes.
    image.image.name = field.storage.save(
        field.generate_filename(image, f"upload.{extension}"), ContentFile(data)
    )
    image.width, image.height = image_size(data)
    image.save()
    make_renditions(image.image)
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": image.image.name.rsplit("/", 1)[-1],
            "url": image.image.url,
            "width": image.width,
            "height": image.height,
        }
    )
