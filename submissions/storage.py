"""Where readers' photos wait for an editor: a storage of its own, outside the public media.

Nothing under it has an address. Its files are read back only by the staff view that checks
permissions (submissions.admin), so no URL, guessed or leaked, reaches a photo a reader sent
before an editor accepted it. STORAGES["private"] in the settings says where it is: a folder
outside MEDIA_ROOT by default, a bucket of its own on S3 (docs/deploy.md).
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no address: asking for one is a mistake, and fails loudly."""

    def url(self, name):
        raise NotImplementedError("Private files have no address; serve them through a view.")


def private_storage():
    return storages["private"]
