"""The rich-text editor, in one place: its model field, its widget and its image uploads.

Moving to another editor later means changing this module (and CKEDITOR_CONFIGS) only.
"""

from django import forms
from django.apps import apps
from django.forms.widgets import Media
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ckeditor.fields import RichTextField, RichTextFormField
from ckeditor.widgets import CKEditorWidget

from articles.images import renditions_later


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


def editor_image_form(**data) -> forms.ModelForm:
    """A form for one uploaded image; its field validates and cleans it (articles.images).

    Built when needed: articles.models imports this module for the body's field.
    """
    model = apps.get_model("articles", "EditorImage")
    return forms.modelform_factory(model, fields=["image"])(**data)


@require_POST
def upload_image(request: HttpRequest) -> JsonResponse:
    """Receive an image dropped or pasted into the editor (CKEditor 4's JSON upload protocol)."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.add_editorimage")):
        return _refusal(_("Only editors can upload images."), 403)
    if "upload" not in request.FILES:
        return _refusal(_("No image was sent."), 400)
    form = editor_image_form(files={"image": request.FILES["upload"]})
    if not form.is_valid():
        return _refusal(" ".join(form.errors["image"]), 400)
    image = form.save(commit=False)
    image.uploaded_by = user
    image.save()
    renditions_later(image)
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": image.image.name.rsplit("/", 1)[-1],
            "url": image.image.url,
            "width": image.width,
            "height": image.height,
        }
    )
