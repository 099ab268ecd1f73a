"""Request limits for the forms the public fills in: small bodies, few fields, no files.

Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS in settings)
are sized for the admin, which uploads images and lists of redirects. A view marked with
`public_form` (the contact form, problem reports, the cancel link) gets tighter ones from
`PublicFormLimitsMiddleware`, which runs before the CSRF check reads the form:

- a body over PUBLIC_FORM_MAX_BYTES is refused (413) before it is read;
- a file part is never stored (not in memory, not on disk) and the post is refused (400 "This
  form does not take files"): before, a 20 MB file sent in a form field was buffered to disk
  and the enquiry saved;
- more than PUBLIC_FORM_MAX_FIELDS fields are refused (400).

Each refusal is the site's own page saying what happened, never a 500.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from core.errors import render_error_page

# The contact form's longest post: a 2,000-character message of 4-byte characters,
# percent-encoded (12 bytes each), with every other field, is about 30 KB.
PUBLIC_FORM_MAX_BYTES = 64 * 1024
PUBLIC_FORM_MAX_FIELDS = 100


def public_form(view):
    """Mark a view whose form the public fills in (see the module's docstring)."""
    view.public_form = True
    return view


class RefuseFilesHandler(FileUploadHandler):
    """The only upload handler of a public form's request: a file part is skipped unread,
    and the request is marked so the middleware can refuse it."""

    def new_file(self, *args, **kwargs):
        self.request.file_refused = True
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class PublicFormLimitsMiddleware:
    """Listed before CsrfViewMiddleware, which reads the form of every POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        if request.method != "POST" or not getattr(view, "public_form", False):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > PUBLIC_FORM_MAX_BYTES:
            return render_error_page(request, "413.html", 413)
        request.upload_handlers = [RefuseFilesHandler(request)]
        fields = sum(len(values) for _, values in request.POST.lists())
        if getattr(request, "file_refused", False):
            return render_error_page(request, "400_files.html", 400)
        if fields > PUBLIC_FORM_MAX_FIELDS:
            return render_error_page(request, "400.html", 400)
        return None
